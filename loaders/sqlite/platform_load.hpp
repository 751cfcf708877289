// One load of a plan into the SQLite target: communities, users, memberships, content, comments, tasks.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "convert/links/link_index.hpp"
#include "convert/links/link_marks.hpp"
#include "loaders/common/load_selection.hpp"
#include "loaders/sqlite/upsert_table.hpp"

namespace baton::load::sqlite_target {

// Reads the selected part of the plan (temp.selected_* of the workspace, see LoadSelection) and upserts it.
class PlatformLoad {
public:
    PlatformLoad(WriteContext context, sql::Database& workspace, std::int64_t plan_run, const LoadOptions& options,
                 const LoadSelection& selection);
    void run(LoadResult& result);

private:
    struct Loaded {
        std::int64_t id = 0;  // in the target (0: failed)
        std::string legacy_key;
        std::string slug;       // communities only
        std::int64_t source_id = 0;
    };
    struct PlatformBody {
        std::string format;
        std::string text;
        bool converted = false;  // the legacy body is kept beside it
    };
    // A content item or comment on its way to the target; its body read into a tree on the reader's thread.
    struct BodyRow {
        std::string legacy_key;
        std::int64_t item_id = 0;
        std::int64_t source_id = 0;
        std::int64_t community_id = 0;
        std::int64_t author_id = 0;
        std::int64_t content_id = 0;  // comments: the content they are on
        std::string kind, title, status, created_at, modified_at;
        std::string parent_key;  // content: the parent item's; comments: the comment replied to
        std::string format, body;
        // `baton convert`'s HTML of the body (converted_bodies), its source hash, conversion version and link marks.
        std::string stored_html, stored_source_hash, stored_version, stored_marks;
        std::optional<convert::MarkedLinks> reusable;  // the stored HTML's marks, when it can be reused
        std::optional<convert::Document> document;  // nullopt: no reader knows the format, or read_error
        std::string read_error;                      // not UTF-8
    };
    static BodyRow read_body(BodyRow& row);
    PlatformBody target_body(convert::LinkIndex& links, BodyRow& row, const std::string& community);
    void report_unresolved(const BodyRow& row, const std::vector<std::string>& missing, const std::string& community);
    std::string free_slug(const std::string& slug, const std::string& legacy_key);
    std::string due_date(std::int64_t offset_days) const;
    void load_communities(LoadCounts& counts);
    void load_users(LoadCounts& counts);
    void load_memberships(LoadCounts& counts);
    // Content and comment bodies share one link index, built once per load.
    void load_content(LoadCounts& counts, convert::LinkIndex& links);
    void load_comments(LoadCounts& counts, convert::LinkIndex& links);
    void load_tasks(LoadCounts& counts);
    void write_deletions(LoadResult& result);

    WriteContext m_context;
    sql::Database& m_ws;
    std::int64_t m_plan;
    const LoadOptions& m_options;
    const LoadSelection& m_selection;
    // Workspace id -> what was loaded; bounded by communities and people, not items.
    std::unordered_map<std::int64_t, Loaded> m_communities;
    std::unordered_map<std::int64_t, Loaded> m_users;
    std::int64_t m_bodies_reused = 0;
    std::int64_t m_bodies_converted = 0;
    bool m_content_was_empty = false;
    bool m_comments_were_empty = false;
};

}  // namespace baton::load::sqlite_target
