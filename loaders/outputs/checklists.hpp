// Onboarding checklists per person, and their Markdown and CSV renderings (`baton tasks`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "transform/plan.hpp"
#include "transform/tasks/due_dates.hpp"

namespace baton::load {

// A planned task with its date, its moment in UTC and its current status (task_progress; "open" by default).
struct ChecklistTask : transform::PlannedTask {
    std::string due_date;  // YYYY-MM-DD
    std::string due_utc;   // iCalendar UTC form: 20261110T150000Z
    std::string status = "open";
    std::string when;      // "21 days before go-live", "15 working days before go-live", "on go-live day"
};

struct ChecklistAssignment {
    transform::PlannedCommunity community;
    std::string role;
    std::string reason;
    std::vector<ChecklistTask> tasks;
};

struct Checklist {
    std::int64_t person_id = 0;
    std::string person_key;
    std::string display_name;
    std::string email;
    std::string file_stem;  // unique, file-system safe: "alice", "bob-smith-2"
    std::string review_link;  // their review-portal link (`baton tasks --invitations`); empty: none
    std::vector<ChecklistAssignment> assignments;
};

// One line of the checklists' index: "Alpha (owner), Beta (manager)" and how many tasks in all.
struct ChecklistSummary {
    std::string communities;
    std::size_t tasks = 0;
};
[[nodiscard]] ChecklistSummary summarize(const Checklist& checklist);

// The go-live date and how the plan counts from it.
struct GoLive {
    transform::tasks::Date date;
    transform::PlannedSchedule schedule;
};

// `go_live` empty = today (UTC). Throws UsageError for a date that is not YYYY-MM-DD.
[[nodiscard]] GoLive go_live_of(workspace::Workspace& workspace, std::int64_t plan_run, const std::string& go_live);

[[nodiscard]] std::vector<Checklist> collect_checklists(workspace::Workspace& workspace, std::int64_t plan_run,
                                                        const std::string& go_live = {});

// "due 21 days before go-live", "due on go-live day", "due 14 days after go-live"; with `working_days`,
// "due 15 working days before go-live".
[[nodiscard]] std::string due_text(int offset_days, bool working_days = false);
// The stable iCalendar UID of a task: CODE.SLUG.PERSON@baton (RELATED-TO names dependencies by it).
[[nodiscard]] std::string task_uid(const Checklist& checklist, const ChecklistAssignment& assignment,
                                   const std::string& code);

[[nodiscard]] std::string checklist_as_markdown(const Checklist& checklist);
// One CSV (RFC 4180, CRLF line ends, header row) with a row per task of every checklist.
[[nodiscard]] std::string checklists_as_csv(const std::vector<Checklist>& checklists);
// The header `checklists_as_csv` writes (and `baton tasks --import-progress` reads).
[[nodiscard]] const std::vector<std::string>& tasks_csv_header();

struct WrittenTaskLists {
    std::vector<std::string> files;
    std::size_t people = 0;
    std::size_t tasks = 0;
    std::size_t without_email = 0;  // people who get no welcome e-mail
};

struct TaskListOptions {
    std::string formats = "all";          // comma-separated: md, html, csv, json, ics, eml; or all
    std::string from = "baton@localhost"; // the sender of the welcome e-mails
    GoLive go_live;
    std::string stamp;                    // DTSTAMP of the calendars (UTC, 20261126T172300Z); empty = now
};

// Checks `formats` and returns the set; throws UsageError naming the unknown one.
[[nodiscard]] std::vector<std::string> task_list_formats(const std::string& formats);

// Writes the chosen formats into `directory`: per person STEM.md, STEM.html, STEM.ics, STEM.eml; README.md,
// index.html, tasks.csv, tasks.json for everyone.
WrittenTaskLists write_task_lists(const std::vector<Checklist>& checklists, const TaskListOptions& options,
                                  const std::string& directory);

}  // namespace baton::load
