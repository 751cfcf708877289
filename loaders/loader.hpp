// The interface every target platform implements, and the registry of target kinds.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convert/links/redirect_map.hpp"
#include "workspace/workspace.hpp"

namespace baton::load {

struct LoadCounts {
    std::int64_t created = 0;
    std::int64_t updated = 0;
    std::int64_t unchanged = 0;
    std::int64_t skipped = 0;    // could not be written (e.g. a comment whose item is not in the target)
    std::int64_t failed = 0;     // the target refused it after retries; recorded in id_map and messages
    std::int64_t conflicts = 0;  // edited in the target since baton wrote it: left alone, recorded in load_conflicts
    std::int64_t deleted = 0;    // gone from the source: archived or deleted in the target by the deleted policy
};

// What `baton load` was asked for beyond the plan: trial subsets, dry runs and write pacing.
struct LoadOptions {
    bool dry_run = false;                    // walk the whole load, count what would happen, write nothing
    std::vector<std::string> communities;    // --community SLUG (repeatable); empty: every community
    std::int64_t limit = 0;                  // --limit N content items; 0: no limit
    std::vector<std::string> item_keys;      // --ids KEY,...: items by their workspace key; empty: all
    std::string deleted_policy = "archive";  // --deleted archive|delete|keep: items gone from the source
    double rate = 0;                         // --rate: at most this many target writes per second; 0: no cap
    int concurrency = 1;                     // --concurrency N: parallel writes where the target allows them
    std::string go_live;                     // --go-live YYYY-MM-DD: task due dates count from it; empty: today
    // --base-url / --path-pattern: the target's URL scheme internal links are rewritten to (checked by the command).
    std::string base_url;                              // "" for site-relative URLs
    std::string path_pattern = "/c/{community}/{slug}";
    // --redirects: the folder the redirect map goes to ("" for none). A loader that knows every item's target URL
    // before it writes (SQLite) writes the map itself, beside its other work, and publishes it when the load
    // succeeded; after any other the command writes it.
    std::string redirects;
};

// What `baton rollback --run N` did.
struct RollbackResult {
    std::string target;
    std::int64_t removed = 0;   // objects run N created, deleted again
    std::int64_t restored = 0;  // objects run N updated or deleted, put back as they were before
    std::int64_t failed = 0;    // could not be undone (reported as messages of the rollback run)
};

// What `baton verify` found comparing the id map with the target read back.
struct VerifyResult {
    std::string target;
    std::int64_t checked = 0;
    std::int64_t missing = 0;     // in the id map, not in the target
    std::int64_t different = 0;   // content hash read back differs from the one recorded
    std::int64_t unexpected = 0;  // carries a baton legacy key in the target but has no id-map row
    std::vector<std::string> differences;  // one line per difference, for the report
};

struct LoadResult {
    std::string target;  // e.g. "sqlite:/abs/platform.db"
    LoadCounts communities;
    LoadCounts users;
    LoadCounts memberships;
    LoadCounts content;
    LoadCounts comments;
    LoadCounts tasks;
    // Bodies written in the target's format: reused from `baton convert` (converted_bodies) or converted by the load.
    std::int64_t bodies_reused = 0;
    std::int64_t bodies_converted = 0;
    std::optional<convert::RedirectFiles> redirects;  // the redirect map, when the loader wrote it
};

class Loader {
public:
    virtual ~Loader() = default;
    // Writes plan `plan_run` into the target within run `run_id`; loading the same plan twice creates nothing twice.
    virtual LoadResult load(workspace::Workspace& workspace, std::int64_t plan_run, std::int64_t run_id,
                            const LoadOptions& options) = 0;
    // Removes what run `undone_run` created in this target and restores what it updated (load_journal).
    virtual RollbackResult rollback(workspace::Workspace& workspace, std::int64_t undone_run, std::int64_t run_id) = 0;
    // Reads the target back and compares it with the id map.
    virtual VerifyResult verify(workspace::Workspace& workspace) = 0;
};

struct TargetKind {
    std::string_view name;
    std::string_view description;
    std::unique_ptr<Loader> (*create)(const std::string& location);
};

[[nodiscard]] const std::vector<TargetKind>& target_kinds();

// "sqlite:platform.db" -> the loader for it; throws UsageError naming the known kinds.
[[nodiscard]] std::unique_ptr<Loader> create_loader(const std::string& target_spec);

}  // namespace baton::load
