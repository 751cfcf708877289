// Writes the onboarding task lists in every chosen format into one folder (`baton tasks`).
#include <algorithm>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "loaders/outputs/checklist_html.hpp"
#include "loaders/outputs/checklists.hpp"
#include "loaders/outputs/task_calendar.hpp"
#include "loaders/outputs/tasks_json.hpp"
#include "loaders/outputs/welcome_mail.hpp"

namespace baton::load {
namespace {

const std::vector<std::string> known_formats = {"md", "html", "csv", "json", "ics", "eml"};

// A Markdown table cell: pipes and line breaks would end the cell early.
std::string table_cell(const std::string& text) {
    std::string cell;
    for (const char c : text) {
        if (c == '|') cell += "\\|";
        else if (c == '\n') cell += ' ';
        else cell += c;
    }
    return cell;
}

void write_file(const std::filesystem::path& path, const std::string& content, WrittenTaskLists& written) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out) throw OutputError("cannot write " + path.string());
    written.files.push_back(path.string());
}

std::string markdown_index(const std::vector<Checklist>& checklists) {
    std::string index = "# Onboarding checklists\n\n| person | communities | tasks | checklist |\n|---|---|---|---|\n";
    for (const auto& checklist : checklists) {
        const auto [communities, tasks] = summarize(checklist);
        index += "| " + table_cell(checklist.display_name) + " | " + table_cell(communities) + " | " +
                 std::to_string(tasks) + " | [" + checklist.file_stem + ".md](" + checklist.file_stem + ".md) |\n";
    }
    return index;
}

}  // namespace

std::vector<std::string> task_list_formats(const std::string& formats) {
    std::vector<std::string> chosen;
    std::size_t at = 0;
    while (at <= formats.size()) {
        const auto comma = formats.find(',', at);
        const std::string format = formats.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
        at = comma == std::string::npos ? formats.size() + 1 : comma + 1;
        if (format == "all") {
            chosen = known_formats;
            continue;
        }
        if (std::find(known_formats.begin(), known_formats.end(), format) == known_formats.end()) {
            throw UsageError("unknown task list format \"" + format + "\"",
                             "use --format with md, html, csv, json, ics, eml (comma-separated) or all");
        }
        if (std::find(chosen.begin(), chosen.end(), format) == chosen.end()) chosen.push_back(format);
    }
    return chosen;
}

WrittenTaskLists write_task_lists(const std::vector<Checklist>& checklists, const TaskListOptions& options,
                                  const std::string& directory) {
    const auto formats = task_list_formats(options.formats);
    const auto wanted = [&](const char* format) {
        return std::find(formats.begin(), formats.end(), format) != formats.end();
    };
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) throw OutputError("cannot create " + directory + ": " + error.message());
    WrittenTaskLists written;
    written.people = checklists.size();
    for (const auto& checklist : checklists) {
        for (const auto& assignment : checklist.assignments) written.tasks += assignment.tasks.size();
    }
    const std::filesystem::path root(directory);
    const std::string stamp = options.stamp.empty() ? ical_now() : options.stamp;
    for (const auto& checklist : checklists) {
        const std::filesystem::path stem = root / checklist.file_stem;
        if (wanted("md")) write_file(stem.string() + ".md", checklist_as_markdown(checklist), written);
        if (wanted("html")) write_file(stem.string() + ".html", checklist_as_html(checklist, options.go_live), written);
        if (wanted("ics")) write_file(stem.string() + ".ics", checklist_as_icalendar(checklist, stamp), written);
        if (wanted("eml")) {
            if (mailable(checklist)) {
                TaskListOptions with_stamp = options;
                with_stamp.stamp = stamp;
                write_file(stem.string() + ".eml", welcome_mail(checklist, with_stamp), written);
            } else {
                ++written.without_email;
            }
        }
    }
    if (wanted("md")) write_file(root / "README.md", markdown_index(checklists), written);
    if (wanted("html")) write_file(root / "index.html", checklist_index_html(checklists, options.go_live), written);
    if (wanted("csv")) write_file(root / "tasks.csv", checklists_as_csv(checklists), written);
    if (wanted("json")) write_file(root / "tasks.json", checklists_as_json(checklists, options.go_live), written);
    return written;
}

}  // namespace baton::load
