// `baton status [--json]`: what the workspace holds and how recent runs ended.
#include <iostream>

#include "apps/command.hpp"
#include "core/error.hpp"
#include "workspace/status.hpp"

namespace baton::app {

int run_status(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("json", "print one JSON object instead of text")(
        "runs", po::value<int>()->default_value(10), "how many recent runs to list");
    const auto values = parse_command_line(
        "status", "[--json] [--workspace FILE]",
        "Shows per source and item kind the counts and statuses, the current plan and the latest runs.", options, {},
        arguments);
    if (!values) return 0;
    const int runs = (*values)["runs"].as<int>();
    if (runs < 1 || runs > 10000) throw UsageError("--runs must be between 1 and 10000");
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const auto status = workspace::collect_status(workspace, runs);
    std::cout << ((*values).count("json") != 0 ? workspace::status_as_json(status) : workspace::status_as_text(status));
    return 0;
}

}  // namespace baton::app
