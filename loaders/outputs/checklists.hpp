// Onboarding checklists per person, and their Markdown and CSV renderings (`baton tasks`).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "transform/plan.hpp"

namespace baton::load {

struct ChecklistAssignment {
    transform::PlannedCommunity community;  // without its role list's other members removed
    std::string role;
    std::string reason;
    std::vector<transform::PlannedTask> tasks;
};

struct Checklist {
    std::int64_t person_id = 0;
    std::string person_key;
    std::string display_name;
    std::string email;
    std::string file_stem;  // unique, file-system safe: "alice", "bob-smith-2"
    std::vector<ChecklistAssignment> assignments;
};

[[nodiscard]] std::vector<Checklist> collect_checklists(workspace::Workspace& workspace, std::int64_t plan_run);

// "due 21 days before go-live", "due on go-live day", "due 14 days after go-live".
[[nodiscard]] std::string due_text(int offset_days);

[[nodiscard]] std::string checklist_as_markdown(const Checklist& checklist);
// One CSV (RFC 4180, CRLF line ends, header row) with a row per task of every checklist.
[[nodiscard]] std::string checklists_as_csv(const std::vector<Checklist>& checklists);

struct WrittenTaskLists {
    std::vector<std::string> files;
    std::size_t people = 0;
    std::size_t tasks = 0;
};

// Writes `format` ("md": one file per person plus README.md; "csv": tasks.csv) into `directory`.
WrittenTaskLists write_task_lists(const std::vector<Checklist>& checklists, const std::string& format,
                                  const std::string& directory);

}  // namespace baton::load
