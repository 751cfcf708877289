// Onboarding checklists per person, and their Markdown and CSV renderings (`baton tasks`).
#include "loaders/outputs/checklists.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::load {

std::vector<Checklist> collect_checklists(workspace::Workspace& workspace, std::int64_t plan_run) {
    const auto communities = transform::read_communities(workspace, plan_run);
    const auto tasks = transform::read_tasks(workspace, plan_run);
    std::map<std::int64_t, Checklist> by_person;
    for (const auto& community : communities) {
        for (const auto& role : community.roles) {
            Checklist& checklist = by_person[role.person_id];
            checklist.person_id = role.person_id;
            checklist.person_key = role.person_key;
            checklist.display_name = role.display_name;
            checklist.email = role.email;
            ChecklistAssignment assignment{community, role.role, role.reason, {}};
            for (const auto& task : tasks) {
                if (task.person_id == role.person_id && task.community_id == community.id) {
                    assignment.tasks.push_back(task);
                }
            }
            checklist.assignments.push_back(std::move(assignment));
        }
    }
    std::vector<Checklist> result;
    std::set<std::string> stems;
    for (auto& [id, checklist] : by_person) {
        const auto colon = checklist.person_key.find(':');
        std::string stem = text::slugify(checklist.person_key.substr(colon == std::string::npos ? 0 : colon + 1));
        if (stem.empty()) stem = "person-" + std::to_string(id);
        std::string unique = stem;
        for (int n = 2; stems.contains(unique); ++n) unique = stem + "-" + std::to_string(n);
        stems.insert(unique);
        checklist.file_stem = unique;
        result.push_back(std::move(checklist));
    }
    return result;
}

std::string due_text(int offset_days) {
    if (offset_days == 0) return "due on go-live day";
    const int days = offset_days < 0 ? -offset_days : offset_days;
    return "due " + std::to_string(days) + (days == 1 ? " day " : " days ") +
           (offset_days < 0 ? "before" : "after") + " go-live";
}

std::string checklist_as_markdown(const Checklist& checklist) {
    std::ostringstream out;
    out << "# Onboarding checklist for " << checklist.display_name << "\n\n";
    out << "Thank you for keeping the old intranet alive. Its content is moving to the new platform, and the "
           "history shows you know parts of it better than anyone, so you are proposed to run "
        << (checklist.assignments.size() == 1 ? "this community" : "these communities") << ".\n";
    for (const auto& assignment : checklist.assignments) {
        out << "\n## " << assignment.community.name << " (" << assignment.role << ")\n\n";
        out << "Why you: you " << assignment.reason << ".\n\n";
        for (const auto& task : assignment.tasks) {
            out << "- [ ] **" << task.title << "** (" << due_text(task.due_offset_days) << ")\n";
            std::istringstream lines(task.description);
            std::string line;
            while (std::getline(lines, line)) out << "  " << line << '\n';
        }
    }
    return out.str();
}

std::string checklists_as_csv(const std::vector<Checklist>& checklists) {
    std::string csv = "person,email,community,community_slug,role,order,task,description,due_offset_days,status\r\n";
    for (const auto& checklist : checklists) {
        for (const auto& assignment : checklist.assignments) {
            for (const auto& task : assignment.tasks) {
                const std::vector<std::string> fields = {
                    checklist.display_name, checklist.email, assignment.community.name, assignment.community.slug,
                    assignment.role, std::to_string(task.seq), task.title, task.description,
                    std::to_string(task.due_offset_days), "open"};
                std::string line;
                for (const auto& field : fields) line += (line.empty() ? "" : ",") + text::csv_field(field);
                csv += line + "\r\n";
            }
        }
    }
    return csv;
}

namespace {

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

}  // namespace

WrittenTaskLists write_task_lists(const std::vector<Checklist>& checklists, const std::string& format,
                                  const std::string& directory) {
    if (format != "md" && format != "csv") {
        throw UsageError("unknown task list format \"" + format + "\"", "use --format md or --format csv");
    }
    std::error_code error;
    std::filesystem::create_directories(directory, error);
    if (error) throw OutputError("cannot create " + directory + ": " + error.message());
    WrittenTaskLists written;
    written.people = checklists.size();
    for (const auto& checklist : checklists) {
        for (const auto& assignment : checklist.assignments) written.tasks += assignment.tasks.size();
    }
    const std::filesystem::path root(directory);
    if (format == "csv") {
        write_file(root / "tasks.csv", checklists_as_csv(checklists), written);
        return written;
    }
    std::string index = "# Onboarding checklists\n\n| person | communities | tasks | checklist |\n|---|---|---|---|\n";
    for (const auto& checklist : checklists) {
        write_file(root / (checklist.file_stem + ".md"), checklist_as_markdown(checklist), written);
        std::string communities;
        std::size_t tasks = 0;
        for (const auto& assignment : checklist.assignments) {
            communities += (communities.empty() ? "" : ", ") + assignment.community.name + " (" + assignment.role + ")";
            tasks += assignment.tasks.size();
        }
        index += "| " + table_cell(checklist.display_name) + " | " + table_cell(communities) + " | " +
                 std::to_string(tasks) + " | [" +
                 checklist.file_stem + ".md](" + checklist.file_stem + ".md) |\n";
    }
    write_file(root / "README.md", index, written);
    return written;
}

}  // namespace baton::load
