// `baton load` options on the SQLite target: dry run, --community, --limit, --ids, --go-live.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>

#include "core/error.hpp"
#include "loaders/sqlite_load_test_support.hpp"

namespace baton::load {
namespace {

using test::target_exec;
using test::target_int;

std::int64_t workspace_rows(test::PlannedWorkspace& planned) {
    return test::query_int(planned.workspace, "SELECT (SELECT count(*) FROM id_map) + (SELECT count(*) FROM "
                                              "load_journal) + (SELECT count(*) FROM load_conflicts)");
}

}  // namespace

TEST(SqliteLoadOptions, DryRunOfANewTargetCreatesNoFile) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    LoadOptions options;
    options.dry_run = true;
    const LoadResult dry = test::load_with(planned, platform, options);
    EXPECT_FALSE(std::filesystem::exists(platform));
    EXPECT_EQ(workspace_rows(planned), 0);
    EXPECT_EQ(dry.content.created, 11);  // what a real load then creates
    EXPECT_EQ(dry.comments.created, 1);
    const LoadResult real = test::load_with(planned, platform);
    EXPECT_EQ(real.content.created, dry.content.created);
    EXPECT_EQ(real.users.created, dry.users.created);
    EXPECT_EQ(real.tasks.created, dry.tasks.created);
}

TEST(SqliteLoadOptions, DryRunOfADeltaReportsAndWritesNothing) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    test::load_with(planned, platform);
    target_exec(platform, "UPDATE content SET title = 'Edited there' WHERE title = 'Sample Page'");
    test::extract_edited_small_export(planned, {{"<title>Hello world!</title>", "<title>Hello, delta</title>"},
                                                {"<title>Sample Page</title>", "<title>Sample Page 2</title>"}},
                                      {"Draft Page"});
    const std::string before_bytes = test::read_file(platform);
    const std::int64_t before_rows = workspace_rows(planned);
    LoadOptions options;
    options.dry_run = true;
    const LoadResult dry = test::load_with(planned, platform, options);
    EXPECT_EQ(dry.content.updated, 1);
    EXPECT_EQ(dry.content.conflicts, 1);
    EXPECT_EQ(dry.content.deleted, 1);
    EXPECT_EQ(test::read_file(platform), before_bytes);
    EXPECT_FALSE(std::filesystem::exists(platform + "-wal") && std::filesystem::file_size(platform + "-wal") > 0);
    EXPECT_EQ(workspace_rows(planned), before_rows);
    EXPECT_EQ(target_int(platform, "SELECT count(*) FROM content WHERE title = 'Hello, delta'"), 0);
}

TEST(SqliteLoadOptions, CommunityLimitAndIdsLoadOnlyThatPart) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    LoadOptions one;
    one.communities = {"foo"};
    const LoadResult foo = test::load_with(planned, platform, one);
    EXPECT_EQ(foo.communities.created, 1);
    EXPECT_EQ(target_int(platform, "SELECT count(*) FROM communities"), 1);
    const auto foo_items = test::query_int(
        planned.workspace, "SELECT count(*) FROM plan_placements pp JOIN plan_communities c ON c.id = pp.community_id "
                           "JOIN items i ON i.id = pp.item_id WHERE c.slug = 'foo' AND pp.action = 'migrate' AND "
                           "i.kind <> 'comment' AND pp.plan_run = " + std::to_string(planned.plan_run));
    EXPECT_GT(foo_items, 0);
    EXPECT_EQ(target_int(platform, "SELECT count(*) FROM content"), foo_items);
    EXPECT_EQ(target_int(platform, "SELECT count(*) FROM tasks t JOIN communities c ON c.id = t.community_id "
                                   "WHERE c.slug <> 'foo'"), 0);

    const std::string limited = planned.dir.file("limited.db");
    LoadOptions three;
    three.limit = 3;
    EXPECT_EQ(test::load_with(planned, limited, three).content.created, 3);
    EXPECT_EQ(target_int(limited, "SELECT count(*) FROM content"), 3);

    const std::string picked = planned.dir.file("picked.db");
    LoadOptions ids;
    ids.item_keys = {"post:1"};  // Hello world!, with its comment
    const LoadResult hello = test::load_with(planned, picked, ids);
    EXPECT_EQ(hello.content.created, 1);
    EXPECT_EQ(hello.comments.created, 1);
    EXPECT_EQ(test::target_text(picked, "SELECT title FROM content"), "Hello world!");
    // A subset load archives nothing: the other items are simply not part of it.
    EXPECT_EQ(test::load_with(planned, limited, ids).content.deleted, 0);
    EXPECT_EQ(target_int(limited, "SELECT count(*) FROM content WHERE status = 'archived'"), 0);

    LoadOptions unknown;
    unknown.communities = {"no-such-community"};
    EXPECT_THROW(test::load_with(planned, picked, unknown), UsageError);
    LoadOptions unknown_id;
    unknown_id.item_keys = {"post:99999"};
    EXPECT_THROW(test::load_with(planned, picked, unknown_id), UsageError);
}

TEST(SqliteLoadOptions, GoLiveGivesTasksDueDates) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    test::load_with(planned, platform);
    EXPECT_EQ(target_int(platform, "SELECT count(*) FROM tasks WHERE due_date IS NOT NULL"), 0);
    LoadOptions options;
    options.go_live = "2027-02-26";
    const LoadResult dated = test::load_with(planned, platform, options);
    EXPECT_EQ(dated.tasks.updated, target_int(platform, "SELECT count(*) FROM tasks"));
    EXPECT_EQ(target_int(platform, "SELECT count(*) FROM tasks WHERE due_date IS NULL OR due_date <> "
                                   "date('2027-02-26', due_offset_days || ' days')"),
              0);
    EXPECT_GT(target_int(platform, "SELECT count(*) FROM tasks WHERE due_date > '2027-02-26'"), 0);
}

}  // namespace baton::load

namespace baton::load {

TEST(SqliteLoadOptions, RateCapsTargetWrites) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    LoadOptions options;
    options.rate = 100;  // writes per second
    const auto start = std::chrono::steady_clock::now();
    const LoadResult result = test::load_with(planned, platform, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const auto writes = result.communities.created + result.users.created + result.memberships.created +
                        result.content.created + result.comments.created + result.tasks.created;
    ASSERT_GT(writes, 40);
    // A pacer can only slow writes down, so this lower bound holds on any machine, however busy.
    EXPECT_GE(seconds, static_cast<double>(writes - 1) / options.rate);
}

}  // namespace baton::load
