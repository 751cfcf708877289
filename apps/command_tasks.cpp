// `baton tasks [--format md|csv] [--out DIR]`: an onboarding checklist for every owner and manager.
#include <iostream>

#include "apps/command.hpp"
#include "core/text.hpp"
#include "loaders/outputs/checklists.hpp"
#include "transform/plan.hpp"

namespace baton::app {

int run_tasks(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("format,f", po::value<std::string>()->default_value("md"),
                          "md: one Markdown checklist per person and an index; csv: one tasks.csv")(
        "out,o", po::value<std::string>()->default_value("tasks"), "the folder to write into");
    const auto values = parse_command_line(
        "tasks", "[--format md|csv] [--out DIR] [--workspace FILE]",
        "Writes the current plan's onboarding tasks: for each person, the communities proposed to them,\n"
        "why they were chosen, and their tasks in order with due dates relative to go-live.",
        options, {}, arguments);
    if (!values) return 0;
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const std::int64_t plan_run = transform::require_plan_run(workspace);
    load::WrittenTaskLists written;
    workspace::recorded_run(workspace, "tasks", options_text(arguments), [&](std::int64_t) {
        written = load::write_task_lists(load::collect_checklists(workspace, plan_run),
                                         (*values)["format"].as<std::string>(), (*values)["out"].as<std::string>());
        return workspace::RunOutcome::succeeded;
    });
    std::cout << "wrote " << text::counted(static_cast<std::int64_t>(written.tasks), "task") << " for "
              << text::counted(static_cast<std::int64_t>(written.people), "person", "people") << " into "
              << (*values)["out"].as<std::string>() << " ("
              << text::counted(static_cast<std::int64_t>(written.files.size()), "file") << ")\n";
    return 0;
}

}  // namespace baton::app
