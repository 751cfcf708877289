// A person's onboarding tasks as an iCalendar file (RFC 5545): one VTODO per task.
#include "loaders/outputs/task_calendar.hpp"

#include <ctime>
#include <sstream>

namespace baton::load {
namespace {

constexpr std::size_t max_octets = 75;

std::string priority_of(const std::string& priority) {
    return priority == "high" ? "1" : priority == "low" ? "9" : "5";
}

std::string status_of(const std::string& status) {
    if (status == "done") return "COMPLETED";
    if (status == "in-progress") return "IN-PROCESS";
    if (status == "declined") return "CANCELLED";
    return "NEEDS-ACTION";
}

}  // namespace

std::string ical_escape(std::string_view value) {
    std::string escaped;
    for (const char c : value) {
        switch (c) {
            case '\\': escaped += "\\\\"; break;
            case ';': escaped += "\\;"; break;
            case ',': escaped += "\\,"; break;
            case '\n': escaped += "\\n"; break;
            case '\r': break;
            default:
                // Other control characters are not allowed in TEXT (RFC 5545 3.3.11); a tab is.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;
                escaped += c;
        }
    }
    return escaped;
}

std::string ical_fold(std::string_view line) {
    std::string folded;
    std::size_t limit = max_octets;  // the first line; continuation lines spend one octet on the space
    std::size_t used = 0;
    for (std::size_t i = 0; i < line.size();) {
        // The length of the UTF-8 sequence starting here (continuation bytes never start one).
        std::size_t length = 1;
        const auto lead = static_cast<unsigned char>(line[i]);
        if (lead >= 0xF0) length = 4;
        else if (lead >= 0xE0) length = 3;
        else if (lead >= 0xC0) length = 2;
        length = std::min(length, line.size() - i);
        if (used + length > limit) {
            folded += "\r\n ";
            used = 1;
            limit = max_octets;
        }
        folded.append(line.substr(i, length));
        used += length;
        i += length;
    }
    return folded + "\r\n";
}

std::string ical_now() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char text[24];
    std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
    return text;
}

std::string checklist_as_icalendar(const Checklist& checklist, const std::string& stamp) {
    std::string out;
    const auto line = [&](const std::string& content) { out += ical_fold(content); };
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//baton//onboarding tasks//EN");
    line("CALSCALE:GREGORIAN");
    line("X-WR-CALNAME:" + ical_escape("Onboarding: " + checklist.display_name));
    for (const auto& assignment : checklist.assignments) {
        for (const auto& task : assignment.tasks) {
            line("BEGIN:VTODO");
            line("UID:" + task_uid(checklist, assignment, task.code));
            line("DTSTAMP:" + stamp);
            line("DUE:" + task.due_utc);
            line("SUMMARY:" + ical_escape(task.title));
            line("DESCRIPTION:" + ical_escape(task.description));
            line("PRIORITY:" + priority_of(task.priority));
            line("STATUS:" + status_of(task.status));
            line("CATEGORIES:" + ical_escape(assignment.community.name));
            std::istringstream codes(task.depends_on);
            for (std::string code; codes >> code;) {
                line("RELATED-TO;RELTYPE=DEPENDS-ON:" + task_uid(checklist, assignment, code));
            }
            line("END:VTODO");
        }
    }
    line("END:VCALENDAR");
    return out;
}

}  // namespace baton::load
