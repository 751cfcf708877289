// `baton dump [--source ID]`: a source's model as stable text, for review by eye and golden tests.
#include <algorithm>
#include <iostream>

#include "apps/command.hpp"
#include "core/error.hpp"
#include "model/model_dump.hpp"
#include "workspace/model_reader.hpp"

namespace baton::app {

int run_dump(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("source", po::value<std::int64_t>(), "the source id (see `baton status`); all when absent")(
        "removed", "include items the latest export no longer has")("messages",
                                                                    "include the messages of the latest run");
    const auto values = parse_command_line("dump", "[--source ID] [--workspace FILE]",
                                           "Prints people, containers and items sorted by key, one block each.",
                                           options, {}, arguments);
    if (!values) return 0;
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    const auto sources = workspace.sources();
    if (values->count("source") != 0) {
        const auto wanted = (*values)["source"].as<std::int64_t>();
        if (std::none_of(sources.begin(), sources.end(), [&](const auto& s) { return s.id == wanted; })) {
            throw UsageError("no source with id " + std::to_string(wanted), "`baton status` lists the sources");
        }
    }
    model::ModelDumpWriter dump(std::cout);
    const workspace::ReplayOptions replay{values->count("removed") != 0, values->count("messages") != 0};
    for (const auto& source : sources) {
        if (values->count("source") != 0 && (*values)["source"].as<std::int64_t>() != source.id) continue;
        dump.source(source.info);
        workspace::replay_source(workspace, source.id, dump, replay);
    }
    return 0;
}

}  // namespace baton::app
