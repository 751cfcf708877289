// Helpers for the SQLite target's guarantee tests: loads with options, edited exports, target queries.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/sqlite.hpp"
#include "loaders/loader.hpp"
#include "loaders/loader_test_support.hpp"

namespace baton::test {

inline load::LoadResult load_with(PlannedWorkspace& planned, const std::string& platform,
                                  const load::LoadOptions& options = {}, std::int64_t* run_id = nullptr) {
    load::LoadResult result;
    workspace::recorded_run(planned.workspace, "load", "", [&](std::int64_t run) {
        if (run_id != nullptr) *run_id = run;
        result = load::create_loader("sqlite:" + platform)->load(planned.workspace, planned.plan_run, run, options);
        return workspace::RunOutcome::succeeded;
    });
    return result;
}

inline std::int64_t target_int(const std::string& platform, const std::string& sql) {
    sql::Database db(platform, sql::OpenMode::read_write);
    return db.query_int(sql, -1);
}

inline std::string target_text(const std::string& platform, const std::string& sql) {
    sql::Database db(platform, sql::OpenMode::read_write);
    auto statement = db.prepare(sql);
    return statement.step() ? statement.column_text(0) : std::string("<no row>");
}

inline void target_exec(const std::string& platform, const std::string& sql) {
    sql::Database db(platform, sql::OpenMode::read_write);
    db.exec(sql);
}

// small-export.xml with text replacements (each must be found) and <item>s removed by their title; extracted.
inline void extract_edited_small_export(PlannedWorkspace& planned,
                                        const std::vector<std::pair<std::string, std::string>>& replacements,
                                        const std::vector<std::string>& removed_titles = {}) {
    std::string xml = read_file(wxr_fixture("small-export.xml"));
    for (const auto& [from, to] : replacements) {
        const auto at = xml.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        xml.replace(at, from.size(), to);
    }
    for (const auto& title : removed_titles) {
        const auto at = xml.find("<title>" + title + "</title>");
        ASSERT_NE(at, std::string::npos) << title;
        const auto start = xml.rfind("<item>", at);
        const auto end = xml.find("</item>", at) + 7;
        xml.erase(start, end - start);
    }
    const std::string path = planned.dir.file("edited.xml");
    write_file(path, xml);
    extract_wxr(planned.workspace, path);
    planned.replan();
}

// Every object of the target by kind and legacy key, with its hash and resolved references by legacy key:
// two targets with the same objects print the same, whatever their row ids.
inline std::string target_objects(const std::string& platform) {
    sql::Database db(platform, sql::OpenMode::read_write);
    auto rows = db.prepare(
        "SELECT 'community', legacy_key, content_hash, slug FROM communities UNION ALL "
        "SELECT 'user', legacy_key, content_hash, '' FROM users UNION ALL "
        "SELECT 'membership', legacy_key, content_hash, '' FROM memberships UNION ALL "
        "SELECT 'content', c.legacy_key, c.content_hash, coalesce(p.legacy_key, '') FROM content c LEFT JOIN content p "
        "ON p.id = c.parent_id UNION ALL "
        "SELECT 'comment', c.legacy_key, c.content_hash, t.legacy_key FROM comments c JOIN content t ON t.id = "
        "c.content_id UNION ALL "
        "SELECT 'task', legacy_key, content_hash, '' FROM tasks ORDER BY 1, 2");
    std::string text;
    while (rows.step()) {
        text += rows.column_text(0) + ' ' + rows.column_text(1) + ' ' + rows.column_text(2) + ' ' +
                rows.column_text(3) + '\n';
    }
    return text;
}

}  // namespace baton::test
