// The content items and comments of a load, read from the workspace with their bodies made ready for the platform.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "convert/links/link_index.hpp"
#include "convert/links/redirect_map.hpp"
#include "convert/links/target_scheme.hpp"
#include "core/produce_aside.hpp"
#include "core/sqlite.hpp"
#include "loaders/loader.hpp"

namespace baton::load::sqlite_target {

// One content item or comment as the platform will hold it, its body ready.
struct ReadyRow {
    bool comment = false;
    std::string legacy_key;
    std::int64_t item_id = 0;
    std::int64_t source_id = 0;
    std::int64_t community_id = 0;  // the plan's community (workspace id)
    std::int64_t author_id = 0;     // workspace person id, 0 for none
    std::string kind, title, status, created_at, modified_at;
    std::string parent_key;   // content: the parent item's; comments: the comment replied to ("" for none)
    std::string content_key;  // comments: the legacy key of the content item they are on
    std::string legacy_format, legacy_body;  // the body as extracted
    std::string format, text;                // the body as the platform shows it
    bool converted = false;  // `text` is HTML made from the legacy body, which is kept beside it
    bool reused = false;     // made from `baton convert`'s HTML (counted apart from bodies converted here)
    std::vector<std::string> unresolved;  // links to pages not on the platform, in document order
    std::string not_converted;            // why the body is stored as extracted, when that is worth a warning
};

// Reads the selected content items, then the selected comments (each by workspace id), on `db`: its
// temp.selected_items (LoadSelection) and a link index of its own built there. Each body is `baton convert`'s HTML
// with its links pointed at the target when that HTML is still current (made from this body by this build's
// conversion), else converted here; a body no reader knows, or one that is not UTF-8, is kept as extracted.
// Reads nothing it writes, so it may run on a second connection on a thread of its own while the load writes.
// Rows are read in chunks of `rows_per_chunk` by item id (each SELECT walks the plan's placements index in order,
// nothing sorted), each chunk read whole before its bodies are worked on: the connection holds a snapshot only while
// it reads, so the write-ahead log of the workspace the load writes meanwhile can be checkpointed and start over.
class PlatformBodies {
public:
    PlatformBodies(sql::Database& db, std::int64_t plan_run, const convert::TargetScheme& scheme,
                   std::int64_t rows_per_chunk = 1024);
    PlatformBodies(const PlatformBodies&) = delete;
    PlatformBodies& operator=(const PlatformBodies&) = delete;

    // Up to `rows` rows, content first; empty once every row was read.
    [[nodiscard]] std::vector<ReadyRow> next(std::size_t rows);
    // The redirect map of the same link index (write_redirect_files) into `folder`.
    [[nodiscard]] convert::RedirectFiles write_redirects(const std::filesystem::path& folder);

private:
    sql::Database& m_db;
    std::int64_t m_plan;
    std::int64_t m_rows_per_chunk;
    convert::LinkIndex m_links;
    sql::Statement m_select;          // one chunk of content items or comments after m_last_item
    bool m_reading_comments = false;  // content is done
    std::int64_t m_last_item = 0;     // workspace id of the last row read
    bool m_done = false;              // every row was read
    std::deque<ReadyRow> m_ready;     // made ready, not yet handed out
    bool read_chunk();
};

// The rows of PlatformBodies for a load writing on `workspace`: read ahead on a second, read-only connection on a
// thread of their own when the workspace is in WAL mode (where readers and the load's writer never wait for each
// other), with the load's selection (LoadSelection with `options`) built again there; else read here, on demand, on
// `workspace` itself. Reading starts at construction, so it overlaps whatever the load writes first; so does the
// redirect map, written first into `redirects` when that is not empty (a staging folder: the map is the plan's,
// whatever the load's writes do).
class BodiesAhead {
public:
    BodiesAhead(sql::Database& workspace, std::int64_t plan_run, const LoadOptions& options,
                const convert::TargetScheme& scheme, std::filesystem::path redirects);
    // The next rows, in order; empty once every row was read. Rethrows what stopped the reading.
    [[nodiscard]] std::vector<ReadyRow> next();
    // The redirect map's counts, once next() returned empty (nullopt when none was asked for).
    [[nodiscard]] const std::optional<convert::RedirectFiles>& redirects() const noexcept { return m_redirects; }

private:
    std::optional<convert::RedirectFiles> m_redirects;  // set by the reading thread before its first hand-over
    std::unique_ptr<PlatformBodies> m_here;
    std::unique_ptr<BatchesAhead<std::vector<ReadyRow>>> m_ahead;
};

}  // namespace baton::load::sqlite_target
