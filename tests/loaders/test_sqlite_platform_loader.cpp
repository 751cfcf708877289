// The embedded SQLite target: what a load writes, and that loading again creates nothing twice.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "core/error.hpp"
#include "core/sqlite.hpp"
#include "loaders/loader.hpp"
#include "loaders/loader_test_support.hpp"
#include "loaders/sqlite/platform_schema.hpp"
#include "loaders/sqlite/upsert_table.hpp"

namespace baton::load {
namespace {

LoadResult load_into(test::PlannedWorkspace& planned, const std::string& platform) {
    LoadResult result;
    workspace::recorded_run(planned.workspace, "load", "", [&](std::int64_t run) {
        result = create_loader("sqlite:" + platform)->load(planned.workspace, planned.plan_run, run, LoadOptions{});
        return workspace::RunOutcome::succeeded;
    });
    return result;
}

std::int64_t count(const std::string& platform, const std::string& sql) {
    sql::Database db(platform, sql::OpenMode::read_write);
    return db.query_int(sql, -1);
}

}  // namespace

TEST(SqlitePlatformLoader, LoadsTheSmallExportPlan) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    const LoadResult result = load_into(planned, platform);
    const auto communities = test::query_int(planned.workspace, "SELECT count(*) FROM plan_communities WHERE plan_run = " +
                                                                    std::to_string(planned.plan_run));
    EXPECT_EQ(result.communities.created, communities);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM communities"), communities);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM content"), 11);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM comments"), 1);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM content WHERE kind = 'page' AND parent_id IS NOT NULL"), 1);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM comments c JOIN content p ON p.id = c.content_id WHERE p.title = "
                              "'Hello world!'"),
              1);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM memberships WHERE role = 'owner'"), communities);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM tasks"),
              test::query_int(planned.workspace, "SELECT count(*) FROM plan_tasks WHERE plan_run = " +
                                                     std::to_string(planned.plan_run)));
    // Authorship is kept: every post is attributed to its own author, not to one importing account.
    EXPECT_EQ(count(platform, "SELECT count(DISTINCT author_id) FROM content WHERE kind IN ('post', 'page')"), 3);
    // Every object written has its row in the workspace's id map.
    EXPECT_EQ(test::query_int(planned.workspace, "SELECT count(*) FROM id_map"),
              count(platform, "SELECT (SELECT count(*) FROM communities) + (SELECT count(*) FROM users) + "
                              "(SELECT count(*) FROM memberships) + (SELECT count(*) FROM content) + "
                              "(SELECT count(*) FROM comments) + (SELECT count(*) FROM tasks)"));
}

TEST(SqlitePlatformLoader, LoadingTwiceCreatesNothingTwice) {
    test::PlannedWorkspace planned(test::wxr_fixture("theme-unit-test-data.xml"));
    const std::string platform = planned.dir.file("platform.db");
    const LoadResult first = load_into(planned, platform);
    const auto rows = count(platform, "SELECT (SELECT count(*) FROM communities) + (SELECT count(*) FROM users) + "
                                      "(SELECT count(*) FROM memberships) + (SELECT count(*) FROM content) + "
                                      "(SELECT count(*) FROM comments) + (SELECT count(*) FROM tasks)");
    EXPECT_GT(first.content.created, 0);
    planned.replan();  // a new plan of the same inputs: same objects, same legacy keys
    const LoadResult second = load_into(planned, platform);
    EXPECT_EQ(second.content.created + second.content.updated, 0);
    EXPECT_EQ(second.content.unchanged, first.content.created);
    EXPECT_EQ(second.comments.created + second.tasks.created + second.users.created + second.memberships.created, 0);
    EXPECT_EQ(count(platform, "SELECT (SELECT count(*) FROM communities) + (SELECT count(*) FROM users) + "
                              "(SELECT count(*) FROM memberships) + (SELECT count(*) FROM content) + "
                              "(SELECT count(*) FROM comments) + (SELECT count(*) FROM tasks)"),
              rows);
}

TEST(SqlitePlatformLoader, ChangedContentIsUpdatedInPlace) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    load_into(planned, platform);
    std::string newer = test::read_file(test::wxr_fixture("small-export.xml"));
    const auto at = newer.find("<title>Hello world!</title>");
    ASSERT_NE(at, std::string::npos);
    newer.replace(at, 27, "<title>Hello, new world!</title>");
    const std::string path = planned.dir.file("newer.xml");
    test::write_file(path, newer);
    test::extract_wxr(planned.workspace, path);
    planned.replan();
    const LoadResult second = load_into(planned, platform);
    EXPECT_EQ(second.content.updated, 1);
    EXPECT_EQ(second.content.created, 0);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM content WHERE title = 'Hello, new world!'"), 1);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM content"), 11);
}

TEST(SqlitePlatformLoader, RefusesADatabaseOfSomethingElse) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string other = planned.dir.file("crm.db");
    {
        sql::Database db(other, sql::OpenMode::create);
        db.exec("CREATE TABLE customers(id INTEGER)");
    }
    EXPECT_THROW(load_into(planned, other), TargetError);
    EXPECT_EQ(test::query_text(planned.workspace, "SELECT outcome FROM runs ORDER BY id DESC LIMIT 1"), "failed");
}

TEST(SqlitePlatformLoader, SlugHeldByAnEarlierCommunityGetsASuffix) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    {
        // An earlier community, from another source, already holds the slug "foo".
        sql::Database db(platform, sql::OpenMode::create);
        db.exec(sqlite_target::platform_schema);
        db.exec("INSERT INTO communities(legacy_key, slug, name, content_hash) VALUES ('elsewhere#x', 'foo', 'Other', 'h')");
    }
    const LoadResult loaded = load_into(planned, platform);
    EXPECT_GT(loaded.communities.created, 0);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM communities WHERE slug = 'foo-2' AND name = 'Foo'"), 1);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM communities WHERE slug = 'foo' AND name = 'Other'"), 1);
    const LoadResult again = load_into(planned, platform);  // and it keeps it
    EXPECT_EQ(again.communities.created + again.communities.updated, 0);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM communities WHERE slug = 'foo-2' AND name = 'Foo'"), 1);
}

TEST(SqlitePlatformLoader, AnItemTheTargetRefusesIsRecordedAndTheLoadGoesOn) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    load_into(planned, platform);
    {
        sql::Database db(platform, sql::OpenMode::read_write);
        db.exec("CREATE TRIGGER refuse BEFORE UPDATE ON content WHEN new.title = 'Changed' BEGIN "
                "SELECT RAISE(ABORT, 'read-only archive'); END");
    }
    std::string newer = test::read_file(test::wxr_fixture("small-export.xml"));
    newer.replace(newer.find("<title>Hello world!</title>"), 27, "<title>Changed</title>");
    const auto about = newer.find("<title>Sample Page</title>");
    ASSERT_NE(about, std::string::npos);
    newer.replace(about, 26, "<title>About us</title>");
    const std::string path = planned.dir.file("newer.xml");
    test::write_file(path, newer);
    test::extract_wxr(planned.workspace, path);
    planned.replan();
    const LoadResult result = load_into(planned, platform);
    EXPECT_EQ(result.content.failed, 1);
    EXPECT_EQ(result.content.updated, 1);  // the other change still went in
    EXPECT_EQ(count(platform, "SELECT count(*) FROM content WHERE title = 'Changed'"), 0);
    EXPECT_EQ(count(platform, "SELECT count(*) FROM content WHERE title = 'About us'"), 1);
    EXPECT_EQ(test::query_int(planned.workspace, "SELECT count(*) FROM id_map WHERE status = 'failed' AND "
                                                 "object_kind = 'content'"),
              1);
    EXPECT_EQ(test::query_int(planned.workspace, "SELECT count(*) FROM messages WHERE code = 'load.failed' AND "
                                                 "severity = 'error' AND text LIKE '%read-only archive%'"),
              1);
}

TEST(SqlitePlatformLoader, UnknownTargetKindIsAUsageError) {
    EXPECT_THROW(create_loader("ftp:somewhere"), UsageError);
    EXPECT_THROW(create_loader("platform.db"), UsageError);
}

// A parent page or a replied-to comment written before the row naming it is resolved as that row is inserted,
// one written after it by the pass at the end of the load: either way the id is that of the row the key names.
// The fixture has pages whose parent comes later, and replies only after the comment they answer (both tables'
// passes are made by the same function from their SelfReference).
TEST(SqlitePlatformLoader, ParentsAndRepliesNameTheirRowsWhicheverCameFirst) {
    test::PlannedWorkspace planned(test::wxr_fixture("theme-unit-test-data.xml"));
    const std::string platform = planned.dir.file("platform.db");
    load_into(planned, platform);
    for (const auto& [table, id, key] : {std::tuple{"content", "parent_id", "parent_legacy_key"},
                                         std::tuple{"comments", "reply_to_id", "reply_to_legacy_key"}}) {
        const std::string named = std::string("(SELECT r.id FROM ") + table + " r WHERE r.legacy_key = t." + key + ")";
        const std::string rows = std::string("SELECT count(*) FROM ") + table + " t WHERE ";
        EXPECT_EQ(count(platform, rows + id + " IS NOT " + named), 0) << table;
        EXPECT_GT(count(platform, rows + id + " IS NOT NULL AND " + id + " < t.id"), 0) << table << ": named earlier";
    }
    EXPECT_GT(count(platform, "SELECT count(*) FROM content WHERE parent_id > id"), 0) << "a parent named later";
}


// The insert itself resolves a reference to a row written before it: the row is not written a second time by the
// pass at the end of the load (with its body: a row that grows is rewritten whole).
TEST(SqlitePlatformLoader, AParentWrittenFirstIsResolvedByTheChildsInsert) {
    test::TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    sql::Database platform(dir.file("platform.db"), sql::OpenMode::create, sql::Role::target);
    platform.exec(sqlite_target::platform_schema);
    platform.exec("INSERT INTO communities(legacy_key, slug, name, content_hash) "
                  "VALUES ('s#site', 'site', 'Site', '')");
    LoadRecorder recorder(workspace, "sqlite:platform.db", 1, false);
    LoadBatches batches(workspace.db(), &platform, LoadOptions{}, &recorder);
    sqlite_target::UpsertTable content({platform, workspace.db(), recorder, batches},
                                       sqlite_target::platform_table("content"));
    const auto page = [](const char* parent_key) {
        return sqlite_target::Values{std::int64_t{1}, "page", "A page", nullptr, nullptr,
                                     parent_key == nullptr ? sqlite_target::Value(nullptr) : parent_key,
                                     "html", "<p>body</p>", nullptr, nullptr, nullptr, nullptr};
    };
    LoadCounts counts;
    const auto parent = content.upsert("s#parent", page(nullptr), 0, "site", counts);
    const auto child = content.upsert("s#child", page("s#parent"), 0, "site", counts);
    const auto early = content.upsert("s#early", page("s#later"), 0, "site", counts);
    EXPECT_EQ(platform.query_int("SELECT parent_id FROM content WHERE id = " + std::to_string(child), -1), parent);
    EXPECT_EQ(platform.query_int("SELECT count(*) FROM content WHERE id = " + std::to_string(early) +
                                 " AND parent_id IS NULL"),
              1);
    batches.finish();
    EXPECT_EQ(counts.created, 3);
}

}  // namespace baton::load
