// One load of a plan into the SQLite target: communities, users, memberships, content, comments, tasks.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <unordered_map>

#include "loaders/common/load_selection.hpp"
#include "loaders/sqlite/platform_bodies.hpp"
#include "loaders/sqlite/upsert_table.hpp"

namespace baton::load::sqlite_target {

// Reads the selected part of the plan (temp.selected_* of the workspace, see LoadSelection) and upserts it.
class PlatformLoad {
public:
    // `redirects`: the folder the redirect map is written to ("" for none), read beside the writes (BodiesAhead).
    PlatformLoad(WriteContext context, sql::Database& workspace, std::int64_t plan_run, const LoadOptions& options,
                 const LoadSelection& selection, std::filesystem::path redirects);
    void run(LoadResult& result);

private:
    struct Loaded {
        std::int64_t id = 0;  // in the target (0: failed)
        std::string legacy_key;
        std::string slug;       // communities only
        std::int64_t source_id = 0;
    };
    void report_body(const ReadyRow& row, const std::string& community);
    std::string free_slug(const std::string& slug, const std::string& legacy_key);
    std::string due_date(std::int64_t offset_days) const;
    void load_communities(LoadCounts& counts);
    void load_users(LoadCounts& counts);
    void load_memberships(LoadCounts& counts);
    // Content items, then comments, their bodies made ready by `bodies` while the rows before them are written.
    void load_bodies(LoadResult& result, BodiesAhead& bodies);
    void write_content(UpsertTable& table, ReadyRow& row, LoadCounts& counts);
    void write_comment(UpsertTable& table, sql::Statement& find_content, ReadyRow& row, LoadCounts& counts);
    void load_tasks(LoadCounts& counts);
    void write_deletions(LoadResult& result);

    WriteContext m_context;
    sql::Database& m_ws;
    std::int64_t m_plan;
    const LoadOptions& m_options;
    const LoadSelection& m_selection;
    std::filesystem::path m_redirects;
    // Workspace id -> what was loaded; bounded by communities and people, not items.
    std::unordered_map<std::int64_t, Loaded> m_communities;
    std::unordered_map<std::int64_t, Loaded> m_users;
    std::int64_t m_bodies_reused = 0;
    std::int64_t m_bodies_converted = 0;
    bool m_content_was_empty = false;
    bool m_comments_were_empty = false;
};

}  // namespace baton::load::sqlite_target
