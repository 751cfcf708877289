// `baton verify [--target KIND:LOCATION]`: read the target back and compare it with the workspace's id map.
#include <iostream>

#include "apps/command.hpp"
#include "core/error.hpp"
#include "workspace/workspace.hpp"
#include "loaders/loader.hpp"

namespace baton::app {

int run_verify(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("target,t", po::value<std::string>(), "the target to check (default: every loaded target)")(
        "max-lines", po::value<int>()->default_value(50), "list at most this many differences per target");
    const auto values = parse_command_line(
        "verify", "[--target KIND:LOCATION] [--workspace FILE]",
        "Reads every object back from the target and compares it with the id map: objects missing in the\n"
        "target, objects whose content differs from what baton wrote, objects baton does not know.\n"
        "Exits 13 when there is any difference.",
        options, {}, arguments);
    if (!values) return 0;
    const int max_lines = (*values)["max-lines"].as<int>();
    if (max_lines < 0) throw UsageError("--max-lines must be 0 or more");
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    std::vector<std::string> targets;
    if (values->count("target") != 0) {
        targets.push_back((*values)["target"].as<std::string>());
    } else {
        auto select = workspace.db().prepare("SELECT DISTINCT target FROM id_map ORDER BY target");
        while (select.step()) targets.push_back(select.column_text(0));
        if (targets.empty()) {
            throw PreconditionError("nothing has been loaded from this workspace yet", "run `baton load` first");
        }
    }
    bool differences = false;
    for (const auto& spec : targets) {
        const auto result = load::create_loader(spec)->verify(workspace);
        const std::int64_t found = result.missing + result.different + result.unexpected;
        differences = differences || found > 0;
        std::cout << "verify " << result.target << ": " << result.checked << " checked, " << result.missing
                  << " missing, " << result.different << " different, " << result.unexpected << " unexpected\n";
        int shown = 0;
        for (const auto& line : result.differences) {
            if (shown++ >= max_lines) break;
            std::cout << "  " << line << '\n';
        }
        if (found > shown) std::cout << "  ... " << (found - shown) << " more\n";
    }
    return differences ? static_cast<int>(ExitCode::verify_differences) : 0;
}

}  // namespace baton::app
