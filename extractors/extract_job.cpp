// The extract stage: one source file of a registered kind streamed into the workspace as one run.
#include "extractors/extract_job.hpp"

#include <sys/stat.h>

#include <filesystem>
#include <optional>

#include "core/background_checkpointer.hpp"
#include "core/progress.hpp"
#include "extractors/extractor.hpp"
#include "model/pipelined_sink.hpp"

namespace baton::extract {
namespace {

std::string known_kinds() {
    std::string names;
    for (const auto& kind : extractor_kinds()) names += (names.empty() ? "" : ", ") + std::string(kind.name);
    return names;
}

// Size and modification time: enough to tell whether a re-extract reads the same file.
std::string file_signature(const std::string& path) {
    struct stat status {};
    if (stat(path.c_str(), &status) != 0) return {};
    return "size=" + std::to_string(status.st_size) + ";mtime=" + std::to_string(status.st_mtime);
}

model::Message error_message(const InputError& error) {
    return {model::Severity::error, exit_code_name(error.code()), error.problem(), error.position(), {}};
}

}  // namespace

std::filesystem::path files_dir_beside(const std::string& workspace_path) {
    if (workspace_path.empty() || workspace_path == ":memory:") return {};
    std::error_code error;
    const auto absolute = std::filesystem::absolute(workspace_path, error);
    return (error ? std::filesystem::path(workspace_path) : absolute.lexically_normal()).string() + ".files";
}

SourceSpec parse_source_spec(const std::string& spec) {
    const auto colon = spec.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == spec.size()) {
        throw UsageError("\"" + spec + "\" is not KIND:PATH", "for example wxr:export.xml; kinds: " + known_kinds());
    }
    SourceSpec result{spec.substr(0, colon), spec.substr(colon + 1)};
    if (find_extractor_kind(result.kind) == nullptr) {
        throw UsageError("unknown source kind \"" + result.kind + "\"", "known kinds: " + known_kinds());
    }
    return result;
}

ExtractResult extract_into_workspace(workspace::Workspace& workspace, std::int64_t run_id, const SourceSpec& spec) {
    const ExtractorKind* kind = find_extractor_kind(spec.kind);
    if (kind == nullptr) throw UsageError("unknown source kind \"" + spec.kind + "\"", "known kinds: " + known_kinds());

    ExtractResult result;
    std::unique_ptr<Extractor> extractor;
    try {
        ExtractOptions options = spec.options;
        if (options.files_dir.empty()) options.files_dir = files_dir_beside(workspace.path());
        extractor = kind->create(spec.path, options);
        result.source = extractor->open();
    } catch (const InputError& error) {
        // Nothing was read into the workspace; the run log and its messages say why.
        workspace.record_message(run_id, 0, error_message(error));
        throw;
    }
    result.source_id = workspace.upsert_source(result.source, run_id, file_signature(spec.path));

    // The log is copied into the database on a thread of its own, so the writer never waits for the disk
    // (a new workspace's first extract has no log: see Workspace::bulk_loading()).
    std::optional<sql::BackgroundCheckpointer> checkpointer;
    if (!workspace.bulk_loading()) checkpointer.emplace(workspace.db());
    workspace::WorkspaceWriter writer(workspace, result.source_id, run_id);
    model::PipelinedSink pipeline(writer);
    Progress progress("extract " + spec.kind + " " + spec.path, extractor->total_work());
    try {
        extractor->extract(pipeline, [&](std::uint64_t objects, std::uint64_t bytes) { progress.update(objects, bytes); });
        pipeline.finish();
        if (spec.partial) {
            writer.finish_partial();
        } else {
            writer.finish_complete();
        }
    } catch (const InputError& error) {
        pipeline.finish();  // keep every object read before the problem
        writer.message(error_message(error));
        writer.finish_partial();
        progress.finish();
        throw;
    } catch (const InterruptedError&) {
        pipeline.finish();
        writer.finish_partial();
        progress.finish();
        throw;
    }
    progress.finish();
    result.counts = writer.counts();
    result.outcome = result.counts.errors > 0 ? workspace::RunOutcome::partial : workspace::RunOutcome::succeeded;
    return result;
}

}  // namespace baton::extract
