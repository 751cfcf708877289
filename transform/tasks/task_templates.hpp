// Onboarding task templates: what a mapping's <tasks> declares, or the shipped defaults when it has none.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace baton::transform::tasks {

// "flagged_items > 0 and migrated_pages >= 10": facts compared with whole numbers, all clauses must hold.
struct Condition {
    struct Clause {
        std::string fact;
        std::string op;  // > >= < <= = !=
        std::int64_t value = 0;
    };
    std::vector<Clause> clauses;  // none = always
    std::string text;             // as written
};

struct TaskTemplate {
    std::string code;                 // unique: "accept-role"
    std::vector<std::string> roles;   // "owner", "manager"
    std::string title;                // with {placeholders}
    std::string description;
    int due_offset_days = 0;          // relative to go-live; negative = before
    std::string priority = "normal";  // high | normal | low
    std::vector<std::string> depends_on;  // codes declared before this one
    Condition condition;
    std::int64_t line = 0;            // in the mapping file; 0 for the shipped defaults
};

// How due dates are computed from the go-live date.
struct TaskSchedule {
    std::string time_zone = "UTC";  // an IANA name (Europe/Paris) or UTC
    std::string due_time = "17:00"; // local time of day a task is due
    bool skip_weekends = false;     // offsets count working days (Monday to Friday)
};

struct TaskTemplates {
    TaskSchedule schedule;
    std::vector<TaskTemplate> list;
    bool shipped = true;  // the defaults, not a mapping's <tasks>
};

// The defaults (documented in docs/mapping-format.md#tasks).
[[nodiscard]] const TaskTemplates& default_task_templates();

// The facts a condition may name and the placeholders a title or description may use.
[[nodiscard]] const std::vector<std::string>& condition_facts();
[[nodiscard]] const std::vector<std::string>& placeholder_names();

// Parses a condition; returns the problem in words, or nothing when it is fine.
[[nodiscard]] std::optional<std::string> parse_condition(const std::string& text, Condition& condition);
// The first problem with the placeholders of `text` ("unknown placeholder {foo}"), or nothing.
[[nodiscard]] std::optional<std::string> check_placeholders(const std::string& text);
// Whether a time zone name can be used (UTC, or a file under /usr/share/zoneinfo).
[[nodiscard]] bool known_time_zone(const std::string& name);

}  // namespace baton::transform::tasks
