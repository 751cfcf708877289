// The extract stage: one source file of a registered kind streamed into the workspace as one run.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "extractors/extractor.hpp"
#include "model/model.hpp"
#include "workspace/workspace.hpp"
#include "workspace/workspace_writer.hpp"

namespace baton::extract {

struct ExtractResult {
    std::int64_t source_id = 0;
    model::SourceInfo source;
    workspace::WriteCounts counts;
    workspace::RunOutcome outcome = workspace::RunOutcome::succeeded;
};

// "wxr:path/to/export.xml" -> {"wxr", "path/to/export.xml"}; throws UsageError naming the known kinds.
struct SourceSpec {
    std::string kind;
    std::string path;
    // A partial export (a few pages, one category): what it lacks is not marked removed.
    bool partial = false;
    // Passed to the extractor's factory; an empty files_dir becomes files_dir_beside(the workspace).
    ExtractOptions options{};
};
[[nodiscard]] SourceSpec parse_source_spec(const std::string& spec);

// Where files found inside exports go: "/abs/baton.db.files" beside the workspace "baton.db" ("" for ":memory:").
[[nodiscard]] std::filesystem::path files_dir_beside(const std::string& workspace_path);

// Extracts `spec` within run `run_id`. On bad input it keeps everything read before the problem,
// records the problem as an error message with file and line, and rethrows the InputError.
ExtractResult extract_into_workspace(workspace::Workspace& workspace, std::int64_t run_id, const SourceSpec& spec);

}  // namespace baton::extract
