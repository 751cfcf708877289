// Values as Domino DXL writes them: date-times, hierarchical names, file names from the export.
#include "extractors/dxl/dxl_values.hpp"

#include <cstdio>
#include <ctime>

#include "core/text.hpp"

namespace baton::extract::dxl {
namespace {

bool digits(std::string_view value, std::size_t at, std::size_t count) {
    if (at + count > value.size()) return false;
    for (std::size_t i = at; i < at + count; ++i) {
        if (value[i] < '0' || value[i] > '9') return false;
    }
    return true;
}

int number(std::string_view value, std::size_t at, std::size_t count) {
    int result = 0;
    for (std::size_t i = at; i < at + count; ++i) result = result * 10 + (value[i] - '0');
    return result;
}

}  // namespace

std::string dxl_datetime_to_iso(std::string_view raw) {
    const std::string trimmed = text::trim(raw);
    const std::string_view value = trimmed;
    std::size_t at = 0;
    int year = 0, month = 0, day = 0;
    const bool has_date = digits(value, 0, 8);
    if (has_date) {
        year = number(value, 0, 4);
        month = number(value, 4, 2);
        day = number(value, 6, 2);
        at = 8;
        if (month < 1 || month > 12 || day < 1 || day > 31) return trimmed;
        if (at == value.size()) {
            char buffer[16];
            std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
            return buffer;
        }
    }
    if (at >= value.size() || value[at] != 'T' || !digits(value, at + 1, 6)) return trimmed;
    const int hour = number(value, at + 1, 2), minute = number(value, at + 3, 2), second = number(value, at + 5, 2);
    if (hour > 23 || minute > 59 || second > 60) return trimmed;
    at += 7;
    if (at < value.size() && value[at] == ',') {  // hundredths of a second: dropped
        ++at;
        while (at < value.size() && value[at] >= '0' && value[at] <= '9') ++at;
    }
    char buffer[40];
    if (!has_date) {
        std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", hour, minute, second);
        return buffer;
    }
    if (at == value.size()) {  // no zone: local time of the server, left as it is
        std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second);
        return buffer;
    }
    if ((value[at] != '+' && value[at] != '-') || !digits(value, at + 1, 2)) return trimmed;
    const int sign = value[at] == '-' ? -1 : 1;
    int offset_minutes = number(value, at + 1, 2) * 60;
    if (digits(value, at + 3, 2)) offset_minutes += number(value, at + 3, 2);
    std::tm parts{};
    parts.tm_year = year - 1900;
    parts.tm_mon = month - 1;
    parts.tm_mday = day;
    parts.tm_hour = hour;
    parts.tm_min = minute;
    parts.tm_sec = second;
    const std::time_t utc = timegm(&parts) - static_cast<std::time_t>(sign * offset_minutes * 60);
    std::tm out{};
    gmtime_r(&utc, &out);
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &out);
    return buffer;
}

std::string common_name(std::string_view notes_name) {
    const std::string name = text::trim(notes_name);
    if (!name.starts_with("CN=") && !name.starts_with("cn=")) return name;
    const auto slash = name.find('/');
    return name.substr(3, slash == std::string::npos ? std::string::npos : slash - 3);
}

std::string safe_file_name(std::string_view name) {
    const auto slash = name.find_last_of("/\\");
    if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
    std::string out;
    for (const char c : name) {
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F && c != ':') out += c;
    }
    out = text::trim(out);
    if (out.empty() || out == "." || out == "..") return "file";
    if (out.size() > 200) out = out.substr(out.size() - 200);  // keep the extension
    return out;
}

}  // namespace baton::extract::dxl
