// `baton rollback --run N [--target KIND:LOCATION] [--force]`: undo what load run N wrote into a target.
#include <filesystem>
#include <iostream>

#include "apps/command.hpp"
#include "core/error.hpp"
#include "loaders/common/rollback_check.hpp"
#include "loaders/loader.hpp"

namespace baton::app {
namespace {

// The journal names SQLite targets by absolute path; accept the path as given on the command line too.
std::string journal_name(const std::string& spec) {
    if (spec.rfind("sqlite:", 0) != 0) return spec;
    std::error_code error;
    const auto absolute = std::filesystem::absolute(spec.substr(7), error);
    return error ? spec : "sqlite:" + absolute.lexically_normal().string();
}

std::string chosen_target(const std::vector<std::string>& targets, const po::variables_map& values,
                          std::int64_t run) {
    if (values.count("target") == 0) {
        if (targets.size() == 1) return targets.front();
        std::string list;
        for (const auto& target : targets) list += "\n  " + target;
        throw UsageError("run " + std::to_string(run) + " wrote to several targets; name one with --target:" + list);
    }
    const std::string wanted = journal_name(values["target"].as<std::string>());
    for (const auto& target : targets) {
        if (target == wanted) return target;
    }
    std::string list;
    for (const auto& target : targets) list += (list.empty() ? "" : ", ") + target;
    throw PreconditionError("run " + std::to_string(run) + " wrote nothing to " + wanted + " that is not undone yet",
                            "it wrote to: " + list);
}

}  // namespace

int run_rollback(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("run", po::value<std::int64_t>()->required(), "the load run to undo")(
        "target,t", po::value<std::string>(), "the target (needed only when run N wrote to several)")(
        "force", "undo even when later runs wrote to the same objects (their writes to them are lost)");
    const auto values = parse_command_line(
        "rollback", "--run N [--target KIND:LOCATION] [--force] [--workspace FILE]",
        "Undoes load run N in its target, newest write first: removes what it created, puts back what it\n"
        "updated, archived or deleted (from the load journal's before-images). Refuses when a later run\n"
        "wrote to the same objects, unless --force.",
        options, {}, arguments);
    if (!values) return 0;
    const std::int64_t run = (*values)["run"].as<std::int64_t>();
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const std::string target = chosen_target(load::rollback_targets(workspace, run), *values, run);
    const std::int64_t later = load::count_later_writes(workspace, run, target);
    if (later > 0 && values->count("force") == 0) {
        std::string detail;
        for (const auto& write : load::later_writes(workspace, run, target, 3)) {
            detail += "\n  run " + std::to_string(write.run_id) + ": " + write.object_kind + " " + write.legacy_key;
        }
        throw PreconditionError("later runs wrote " + std::to_string(later) + " time(s) to objects run " +
                                    std::to_string(run) + " wrote, e.g.:" + detail,
                                "roll back the later runs first (newest first), or pass --force to undo run " +
                                    std::to_string(run) + " over them");
    }
    auto loader = load::create_loader(target);
    load::RollbackResult result;
    workspace::recorded_run(workspace, "rollback", options_text(arguments), [&](std::int64_t run_id) {
        result = loader->rollback(workspace, run, run_id);
        return result.failed > 0 ? workspace::RunOutcome::partial : workspace::RunOutcome::succeeded;
    });
    std::cout << "rolled back run " << run << " in " << result.target << ": " << result.removed << " removed, "
              << result.restored << " restored";
    if (result.failed > 0) std::cout << ", " << result.failed << " failed (see `baton messages --severity error`)";
    std::cout << '\n';
    return 0;
}

}  // namespace baton::app
