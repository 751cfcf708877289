// The convert stage: every item body of the workspace through its reader and one writer, into converted_bodies.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "convert/links/target_scheme.hpp"
#include "convert/registry.hpp"
#include "workspace/workspace.hpp"

namespace baton::convert {

struct ConvertSummary {
    std::int64_t converted = 0;           // bodies written to converted_bodies
    std::int64_t with_raw_nodes = 0;      // of those, bodies with something left unconverted
    std::int64_t raw_nodes = 0;           // raw nodes over all bodies
    std::int64_t failed = 0;              // malformed bodies, reported as error messages and skipped
    std::int64_t empty = 0;               // empty bodies, nothing to convert
    std::int64_t internal_links = 0;      // checked links to pages of the same source
    std::int64_t unresolved_links = 0;    // of those, links to no current item (or, with a plan, to one left out)
    std::int64_t with_unresolved_links = 0;  // bodies with at least one
    std::int64_t rewritten_links = 0;     // with a plan: links pointed at their target URL
    std::int64_t plan_run = 0;            // the plan whose URLs links were rewritten to; 0 when there was none
    std::map<std::string, std::int64_t> without_reader;  // body format -> items (no reader for it yet)
};

// Called now and then with (bodies done, bodies in total).
using ConvertProgress = std::function<void(std::int64_t done, std::int64_t total)>;

// Converts the bodies of every item still in its export (all sources, or `source_id` when above 0) with
// `writer`, replacing earlier conversions to the same format. Reads in batches by item id and commits
// each batch, so memory stays flat; within a batch the bodies are read and written on every core
// (parallel_for), links resolved and rows written on the calling thread. A body that cannot be read becomes an error message of `run_id` naming
// the item, and the run goes on. Internal links are checked through a LinkIndex (convert/links/); when the
// workspace has a plan they are rewritten to the target URLs of `scheme`.
ConvertSummary convert_workspace(workspace::Workspace& workspace, std::int64_t run_id, const WriterKind& writer,
                                 std::int64_t source_id, const ConvertProgress& progress,
                                 const TargetScheme& scheme = {});

[[nodiscard]] std::string describe_summary(const ConvertSummary& summary);

}  // namespace baton::convert
