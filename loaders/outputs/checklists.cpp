// Onboarding checklists per person, and their Markdown and CSV renderings (`baton tasks`).
#include "loaders/outputs/checklists.hpp"

#include <map>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::load {
namespace {

// task_progress rows by (person, community slug, code).
std::map<std::tuple<std::int64_t, std::string, std::string>, std::string> progress_of(workspace::Workspace& workspace) {
    std::map<std::tuple<std::int64_t, std::string, std::string>, std::string> statuses;
    auto select = workspace.db().prepare("SELECT person_id, community_slug, code, status FROM task_progress");
    while (select.step()) {
        statuses[{select.column_int(0), select.column_text(1), select.column_text(2)}] = select.column_text(3);
    }
    return statuses;
}

}  // namespace

GoLive go_live_of(workspace::Workspace& workspace, std::int64_t plan_run, const std::string& go_live) {
    GoLive result;
    result.schedule = transform::read_task_schedule(workspace, plan_run);
    if (go_live.empty()) {
        result.date = transform::tasks::today_utc();
    } else if (const auto date = transform::tasks::parse_date(go_live)) {
        result.date = *date;
    } else {
        throw UsageError("--go-live " + go_live + " is not a date", "give the go-live date as YYYY-MM-DD");
    }
    return result;
}

std::vector<Checklist> collect_checklists(workspace::Workspace& workspace, std::int64_t plan_run,
                                          const std::string& go_live) {
    const GoLive when = go_live_of(workspace, plan_run, go_live);
    const auto communities = transform::read_communities(workspace, plan_run);
    const auto tasks = transform::read_tasks(workspace, plan_run);
    const auto statuses = progress_of(workspace);
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
                if (task.person_id != role.person_id || task.community_id != community.id) continue;
                ChecklistTask item;
                static_cast<transform::PlannedTask&>(item) = task;
                const auto date =
                    transform::tasks::due_date(when.date, task.due_offset_days, when.schedule.skip_weekends);
                item.due_date = transform::tasks::iso_date(date);
                item.when = due_text(task.due_offset_days, when.schedule.skip_weekends).substr(4);
                item.due_utc = transform::tasks::utc_moment(date, when.schedule.due_time, when.schedule.time_zone);
                if (const auto found = statuses.find({role.person_id, community.slug, task.code});
                    found != statuses.end()) {
                    item.status = found->second;
                }
                assignment.tasks.push_back(std::move(item));
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

std::string due_text(int offset_days, bool working_days) {
    if (offset_days == 0) return "due on go-live day";
    const int days = offset_days < 0 ? -offset_days : offset_days;
    return "due " + std::to_string(days) + (working_days ? " working" : "") + (days == 1 ? " day " : " days ") +
           (offset_days < 0 ? "before" : "after") + " go-live";
}

std::string task_uid(const Checklist& checklist, const ChecklistAssignment& assignment, const std::string& code) {
    return code + "." + assignment.community.slug + "." + text::slugify(checklist.person_key) + "@baton";
}

std::string checklist_as_markdown(const Checklist& checklist) {
    std::ostringstream out;
    out << "# Onboarding checklist for " << checklist.display_name << "\n\n";
    out << "Thank you for keeping the old intranet alive. Its content is moving to the new platform, and the "
           "history shows you know parts of it better than anyone, so you are proposed to run "
        << (checklist.assignments.size() == 1 ? "this community" : "these communities") << ".\n";
    if (!checklist.review_link.empty()) {
        out << "\nSee what is proposed for you, and accept, decline or name someone else: <" << checklist.review_link
            << ">\n";
    }
    for (const auto& assignment : checklist.assignments) {
        out << "\n## " << assignment.community.name << " (" << assignment.role << ")\n\n";
        out << "Why you: you " << assignment.reason << ".\n\n";
        for (const auto& task : assignment.tasks) {
            out << "- [" << (task.status == "done" ? 'x' : ' ') << "] **" << task.title << "** (due "
                << task.due_date << ", " << task.when
                << (task.priority == "normal" ? "" : "; " + task.priority + " priority")
                << (task.status == "open" || task.status == "done" ? "" : "; " + task.status) << ")\n";
            std::istringstream lines(task.description);
            std::string line;
            while (std::getline(lines, line)) out << "  " << line << '\n';
        }
    }
    return out.str();
}

const std::vector<std::string>& tasks_csv_header() {
    static const std::vector<std::string> header = {
        "person",   "email",           "community", "community_slug", "role",     "order",      "task",
        "description", "due_offset_days", "status",  "code",           "person_key", "due_date", "priority",
        "depends_on"};
    return header;
}

std::string checklists_as_csv(const std::vector<Checklist>& checklists) {
    const auto line_of = [](const std::vector<std::string>& fields) {
        std::string line;
        for (const auto& field : fields) line += (line.empty() ? "" : ",") + text::csv_field(field);
        return line + "\r\n";
    };
    std::string csv = line_of(tasks_csv_header());
    for (const auto& checklist : checklists) {
        for (const auto& assignment : checklist.assignments) {
            for (const auto& task : assignment.tasks) {
                csv += line_of({checklist.display_name, checklist.email, assignment.community.name,
                                assignment.community.slug, assignment.role, std::to_string(task.seq), task.title,
                                task.description, std::to_string(task.due_offset_days), task.status, task.code,
                                checklist.person_key, task.due_date, task.priority, task.depends_on});
            }
        }
    }
    return csv;
}

ChecklistSummary summarize(const Checklist& checklist) {
    ChecklistSummary summary;
    for (const auto& assignment : checklist.assignments) {
        summary.communities += (summary.communities.empty() ? "" : ", ") + assignment.community.name + " (" +
                               assignment.role + ")";
        summary.tasks += assignment.tasks.size();
    }
    return summary;
}

}  // namespace baton::load
