// Resuming killed loads: `baton load` killed with a real SIGKILL at many points, then run again, must leave
// exactly the objects of one clean load in the target, an id map and journal that match it, and the killed
// run recorded as interrupted.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <tuple>

#include "core/sqlite.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

// Every object of the target by kind and legacy key with its hash and references by legacy key: two targets
// holding the same objects print the same, whatever their row ids.
std::string target_objects(const std::string& platform) {
    sql::Database db(platform, sql::OpenMode::read_write);
    auto rows = db.prepare(
        "SELECT 'community', legacy_key, content_hash, slug FROM communities UNION ALL "
        "SELECT 'user', legacy_key, content_hash, '' FROM users UNION ALL "
        "SELECT 'membership', legacy_key, content_hash, '' FROM memberships UNION ALL "
        "SELECT 'content', c.legacy_key, c.content_hash, coalesce(p.legacy_key, '') || '|' || coalesce(c.status, '') "
        "FROM content c LEFT JOIN content p ON p.id = c.parent_id UNION ALL "
        "SELECT 'comment', c.legacy_key, c.content_hash, t.legacy_key || '|' || coalesce(r.legacy_key, '') FROM "
        "comments c JOIN content t ON t.id = c.content_id LEFT JOIN comments r ON r.id = c.reply_to_id UNION ALL "
        "SELECT 'task', legacy_key, content_hash, '' FROM tasks ORDER BY 1, 2");
    std::string text;
    while (rows.step()) {
        text += rows.column_text(0) + ' ' + rows.column_text(1) + ' ' + rows.column_text(2) + ' ' +
                rows.column_text(3) + '\n';
    }
    return text;
}

using Mapped = std::set<std::tuple<std::string, std::string, std::string, std::string>>;  // kind, key, id, hash

Mapped target_rows(const std::string& platform) {
    sql::Database db(platform, sql::OpenMode::read_write);
    Mapped rows;
    for (const auto& [kind, table] : {std::pair{"community", "communities"}, {"user", "users"},
                                      {"membership", "memberships"}, {"content", "content"},
                                      {"comment", "comments"}, {"task", "tasks"}}) {
        auto select = db.prepare(std::string("SELECT legacy_key, id, content_hash FROM ") + table);
        while (select.step()) {
            rows.emplace(kind, select.column_text(0), std::to_string(select.column_int(1)), select.column_text(2));
        }
    }
    return rows;
}

Mapped id_map_rows(const std::string& workspace, const std::string& platform) {
    sql::Database db(workspace, sql::OpenMode::read_write);
    Mapped rows;
    auto select = db.prepare("SELECT object_kind, legacy_key, target_id, target_hash FROM id_map WHERE target = ?");
    select.bind(1, "sqlite:" + platform);
    while (select.step()) {
        rows.emplace(select.column_text(0), select.column_text(1), select.column_text(2), select.column_text(3));
    }
    return rows;
}

// Objects of the target without a standing 'created' journal row for that row id (rollback could not undo them).
std::int64_t unjournalled(const std::string& workspace, const Mapped& target) {
    sql::Database db(workspace, sql::OpenMode::read_write);
    auto find = db.prepare("SELECT count(*) FROM load_journal WHERE object_kind = ? AND legacy_key = ? AND "
                           "target_id = ? AND action = 'created' AND rolled_back_by IS NULL");
    std::int64_t missing = 0;
    for (const auto& [kind, key, id, hash] : target) {
        find.bind(1, kind).bind(2, key).bind(3, id);
        if (find.step() && find.column_int(0) == 0) ++missing;
        find.reset();
    }
    return missing;
}

void copy_workspace(const std::string& from_dir, const std::string& to_dir) {
    std::filesystem::create_directories(to_dir);
    for (const char* suffix : {"", "-wal"}) {
        const std::string file = from_dir + "/baton.db" + suffix;
        if (std::filesystem::exists(file)) {
            std::filesystem::copy_file(file, to_dir + "/baton.db" + suffix,
                                       std::filesystem::copy_options::overwrite_existing);
        }
    }
}

// A copied workspace and target: the id map and journal name the copy (as if it had been loaded there).
void retarget(const std::string& dir, const std::string& from_dir) {
    sql::Database db(dir + "/baton.db", sql::OpenMode::read_write);
    for (const char* table : {"id_map", "load_journal"}) {
        auto update = db.prepare(std::string("UPDATE ") + table + " SET target = ? WHERE target = ?");
        update.bind(1, "sqlite:" + dir + "/platform.db").bind(2, "sqlite:" + from_dir + "/platform.db").run();
    }
}

// Runs `baton load` with the kill hook: BATON_TEST_KILL_AFTER=kill_after, batches of `batch` writes.
CommandResult killed_load(const std::string& dir, int kill_after, int batch) {
    ::setenv("BATON_TEST_KILL_AFTER", std::to_string(kill_after).c_str(), 1);
    ::setenv("BATON_TEST_LOAD_BATCH", std::to_string(batch).c_str(), 1);
    auto result = run_baton("load", dir);
    ::unsetenv("BATON_TEST_KILL_AFTER");
    ::unsetenv("BATON_TEST_LOAD_BATCH");
    return result;
}

}  // namespace

TEST(CliResume, LoadKilledAtTwentyFourPointsEndsLikeOneCleanLoad) {
    TempDir dir;
    const std::string base = dir.file("base");
    std::filesystem::create_directories(base);
    ASSERT_EQ(run_baton("extract wxr:" + wxr_fixture("theme-unit-test-data.xml"), base).exit_code, 0);
    ASSERT_EQ(run_baton("plan", base).exit_code, 0);
    const std::string reference_dir = dir.file("reference");
    copy_workspace(base, reference_dir);
    ASSERT_EQ(run_baton("load", reference_dir).exit_code, 0);
    const std::string reference = target_objects(reference_dir + "/platform.db");
    const auto objects = static_cast<int>(target_rows(reference_dir + "/platform.db").size());
    ASSERT_GT(objects, 100);
    const std::string reference_redirects = read_file(reference_dir + "/platform-redirects/redirects.csv");
    ASSERT_GT(std::count(reference_redirects.begin(), reference_redirects.end(), '\n'), 100);
    constexpr int batch = 7;
    const int points = objects + (objects + batch - 1) / batch;  // after each write, and between the commits
    for (int i = 0; i < 24; ++i) {
        // Spread over the whole load, with the first points and the ones around a commit included.
        const int kill_after = i < 4 ? i + 1 : (i == 4 ? batch + 1 : 2 + (points - 3) * (i - 4) / 19);
        SCOPED_TRACE("killed after " + std::to_string(kill_after) + " of " + std::to_string(points) + " points");
        const std::string run_dir = dir.file("run" + std::to_string(i));
        copy_workspace(base, run_dir);
        const auto killed = killed_load(run_dir, kill_after, batch);
        EXPECT_NE(killed.exit_code, 0);
        EXPECT_EQ(killed.out, "");  // it never got to print its summary
        const std::string platform = run_dir + "/platform.db";
        // The redirect map is written beside the load but put in place only by a load that finished.
        const std::string redirects = run_dir + "/platform-redirects";
        EXPECT_FALSE(std::filesystem::exists(redirects + "/redirects.csv"));
        // Past the first batch, the killed run left committed batches behind: the next load resumes from them.
        if (kill_after > 2 * (batch + 1)) {
            const auto left = static_cast<int>(target_rows(platform).size());
            EXPECT_GT(left, 0);
            EXPECT_LT(left, objects);
        }
        const auto resumed = run_baton("load", run_dir);
        ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
        EXPECT_EQ(target_objects(platform), reference);
        EXPECT_EQ(read_file(redirects + "/redirects.csv"), reference_redirects);
        EXPECT_FALSE(std::filesystem::exists(redirects + "/.baton-staging"));
        const Mapped target = target_rows(platform);
        EXPECT_EQ(id_map_rows(run_dir + "/baton.db", platform), target);
        EXPECT_EQ(unjournalled(run_dir + "/baton.db", target), 0);
        sql::Database ws(run_dir + "/baton.db", sql::OpenMode::read_write);
        EXPECT_EQ(ws.query_int("SELECT count(*) FROM runs WHERE command = 'load' AND outcome = 'interrupted' AND "
                               "error LIKE '%killed%'"),
                  1);
        EXPECT_EQ(ws.query_int("SELECT count(*) FROM runs WHERE command = 'load' AND outcome = 'succeeded'"), 1);
    }
}

}  // namespace baton::test

namespace baton::test {

TEST(CliResume, DeltaLoadKilledAtSixPointsEndsLikeOneCleanDelta) {
    TempDir dir;
    const std::string base = dir.file("base");
    std::filesystem::create_directories(base);
    ASSERT_EQ(run_baton("extract wxr:" + wxr_fixture("theme-unit-test-data.xml"), base).exit_code, 0);
    ASSERT_EQ(run_baton("plan", base).exit_code, 0);
    ASSERT_EQ(run_baton("load", base).exit_code, 0);
    // Every title changes: the delta updates every titled item.
    std::string xml = read_file(wxr_fixture("theme-unit-test-data.xml"));
    for (auto at = xml.find("<title>"); at != std::string::npos; at = xml.find("<title>", at + 1)) {
        xml.insert(at + 7, "New: ");
    }
    write_file(base + "/newer.xml", xml);
    ASSERT_EQ(run_baton("extract wxr:newer.xml", base).exit_code, 0);
    ASSERT_EQ(run_baton("plan", base).exit_code, 0);
    const std::string reference_dir = dir.file("reference");
    copy_workspace(base, reference_dir);
    std::filesystem::copy_file(base + "/platform.db", reference_dir + "/platform.db");
    retarget(reference_dir, base);
    const auto delta = run_baton("load", reference_dir);
    ASSERT_EQ(delta.exit_code, 0);
    ASSERT_EQ(delta.out.find("content: 0 created, 0 updated"), std::string::npos) << delta.out;  // a real delta
    const std::string reference = target_objects(reference_dir + "/platform.db");
    for (int i = 0; i < 6; ++i) {
        const int kill_after = 3 + 9 * i;
        SCOPED_TRACE("delta killed after " + std::to_string(kill_after));
        const std::string run_dir = dir.file("run" + std::to_string(i));
        copy_workspace(base, run_dir);
        std::filesystem::copy_file(base + "/platform.db", run_dir + "/platform.db");
        retarget(run_dir, base);
        EXPECT_NE(killed_load(run_dir, kill_after, 4).exit_code, 0);
        const auto resumed = run_baton("load", run_dir);
        ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
        EXPECT_EQ(target_objects(run_dir + "/platform.db"), reference);
        EXPECT_EQ(id_map_rows(run_dir + "/baton.db", run_dir + "/platform.db"), target_rows(run_dir + "/platform.db"));
        // What the killed run wrote and committed stays undoable: its journal rows stand with their before-images.
        sql::Database ws(run_dir + "/baton.db", sql::OpenMode::read_write);
        EXPECT_EQ(ws.query_int("SELECT count(*) FROM load_journal WHERE action = 'updated' AND before IS NULL"), 0);
        EXPECT_EQ(ws.query_int("SELECT count(*) FROM runs WHERE command = 'load' AND outcome = 'interrupted'"), 1);
    }
}

}  // namespace baton::test
