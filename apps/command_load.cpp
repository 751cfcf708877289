// `baton load [--target KIND:LOCATION]`: write the current plan into the target platform.
#include <iostream>

#include "apps/command.hpp"
#include "loaders/loader.hpp"
#include "transform/plan.hpp"

namespace baton::app {
namespace {

void print_counts(const char* what, const load::LoadCounts& counts) {
    std::cout << "  " << what << ": " << counts.created << " created, " << counts.updated << " updated, "
              << counts.unchanged << " unchanged";
    if (counts.skipped > 0) std::cout << ", " << counts.skipped << " skipped";
    std::cout << '\n';
}

}  // namespace

int run_load(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("target,t", po::value<std::string>()->default_value("sqlite:platform.db"),
                          "where to load: sqlite:PATH (the embedded default)");
    const auto values = parse_command_line(
        "load", "[--target sqlite:PATH] [--workspace FILE]",
        "Writes the plan's communities, members with their roles, content, comments and onboarding tasks\n"
        "into the target. Every object is found again by its legacy key, so loading twice creates nothing twice.",
        options, {}, arguments);
    if (!values) return 0;
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const std::int64_t plan_run = transform::require_plan_run(workspace);
    auto loader = load::create_loader((*values)["target"].as<std::string>());
    load::LoadResult result;
    workspace::recorded_run(workspace, "load", options_text(arguments), [&](std::int64_t run_id) {
        result = loader->load(workspace, plan_run, run_id, load::LoadOptions{});
        return workspace::RunOutcome::succeeded;
    });
    std::cout << "loaded plan " << plan_run << " into " << result.target << '\n';
    print_counts("communities", result.communities);
    print_counts("users", result.users);
    print_counts("memberships", result.memberships);
    print_counts("content", result.content);
    print_counts("comments", result.comments);
    print_counts("tasks", result.tasks);
    return 0;
}

}  // namespace baton::app
