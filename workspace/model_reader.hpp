// Reads a source's model back out of the workspace in a stable order (by key), e.g. for dumps.
#pragma once

#include <cstdint>

#include "model/model_sink.hpp"
#include "workspace/workspace.hpp"

namespace baton::workspace {

struct ReplayOptions {
    bool include_removed = false;  // items the latest complete export no longer has
    bool include_messages = false; // messages of the source's latest run
};

// Sends people, then containers, then items (each sorted by key) of one source to `sink`.
void replay_source(Workspace& workspace, std::int64_t source_id, model::ModelSink& sink,
                   const ReplayOptions& options = {});

}  // namespace baton::workspace
