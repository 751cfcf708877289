// Every onboarding task as JSON for scripts (`baton tasks`, tasks.json).
#include "loaders/outputs/tasks_json.hpp"

#include <sstream>

#include "core/text.hpp"

namespace baton::load {

std::string checklists_as_json(const std::vector<Checklist>& checklists, const GoLive& go_live) {
    using text::json_string;
    std::ostringstream out;
    out << "{\n  \"go_live\": " << json_string(transform::tasks::iso_date(go_live.date))
        << ",\n  \"time_zone\": " << json_string(go_live.schedule.time_zone)
        << ",\n  \"due_time\": " << json_string(go_live.schedule.due_time)
        << ",\n  \"skip_weekends\": " << (go_live.schedule.skip_weekends ? "true" : "false") << ",\n  \"people\": [";
    bool first_person = true;
    for (const auto& checklist : checklists) {
        out << (first_person ? "\n" : ",\n") << "    {\"person\": " << json_string(checklist.display_name)
            << ", \"person_key\": " << json_string(checklist.person_key) << ", \"email\": "
            << json_string(checklist.email) << ", \"file\": " << json_string(checklist.file_stem)
            << ",\n     \"communities\": [";
        first_person = false;
        bool first_community = true;
        for (const auto& assignment : checklist.assignments) {
            out << (first_community ? "\n" : ",\n") << "      {\"slug\": " << json_string(assignment.community.slug)
                << ", \"name\": " << json_string(assignment.community.name) << ", \"role\": "
                << json_string(assignment.role) << ", \"reason\": " << json_string(assignment.reason)
                << ",\n       \"tasks\": [";
            first_community = false;
            bool first_task = true;
            for (const auto& task : assignment.tasks) {
                out << (first_task ? "\n" : ",\n") << "        {\"order\": " << task.seq
                    << ", \"code\": " << json_string(task.code) << ", \"title\": " << json_string(task.title)
                    << ", \"description\": " << json_string(task.description)
                    << ", \"due_offset_days\": " << task.due_offset_days << ", \"due_date\": "
                    << json_string(task.due_date) << ", \"due_utc\": " << json_string(task.due_utc)
                    << ", \"priority\": " << json_string(task.priority) << ", \"depends_on\": [";
                std::istringstream codes(task.depends_on);
                bool first_code = true;
                for (std::string code; codes >> code; first_code = false) {
                    out << (first_code ? "" : ", ") << json_string(code);
                }
                out << "], \"status\": " << json_string(task.status) << ", \"uid\": "
                    << json_string(task_uid(checklist, assignment, task.code)) << "}";
                first_task = false;
            }
            out << (first_task ? "]}" : "\n       ]}");
        }
        out << (first_community ? "]}" : "\n     ]}");
    }
    out << (first_person ? "]\n}\n" : "\n  ]\n}\n");
    return out.str();
}

}  // namespace baton::load
