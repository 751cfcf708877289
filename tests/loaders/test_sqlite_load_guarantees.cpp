// The SQLite target's guarantees: id map and journal rows, delta loads, the deleted policy, protection.
#include <gtest/gtest.h>

#include "loaders/sqlite_load_test_support.hpp"

namespace baton::load {
namespace {

using test::target_exec;
using test::target_int;
using test::target_text;

std::int64_t ws_int(test::PlannedWorkspace& planned, const std::string& sql) {
    return test::query_int(planned.workspace, sql);
}

std::int64_t total_rows(const std::string& platform) {
    return target_int(platform, "SELECT (SELECT count(*) FROM communities) + (SELECT count(*) FROM users) + "
                                "(SELECT count(*) FROM memberships) + (SELECT count(*) FROM content) + "
                                "(SELECT count(*) FROM comments) + (SELECT count(*) FROM tasks)");
}

}  // namespace

TEST(SqliteLoadGuarantees, EveryObjectHasAnIdMapRowAndACreatedJournalRow) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    std::int64_t run = 0;
    test::load_with(planned, platform, {}, &run);
    const std::int64_t objects = total_rows(platform);
    EXPECT_EQ(ws_int(planned, "SELECT count(*) FROM id_map WHERE status = 'imported' AND content_hash IS NOT NULL AND "
                              "target_hash = content_hash AND source_id IS NOT NULL AND updated_at LIKE '20%Z'"),
              objects);
    EXPECT_EQ(ws_int(planned, "SELECT count(*) FROM load_journal WHERE action = 'created' AND before IS NULL AND "
                              "run_id = " + std::to_string(run)),
              objects);
    // The id map's hash is the target row's own.
    EXPECT_EQ(ws_int(planned, "SELECT content_hash = '" +
                                  target_text(platform, "SELECT content_hash FROM content WHERE title = 'Hello world!'") +
                                  "' FROM id_map WHERE object_kind = 'content' AND legacy_key LIKE '%#post:1'"),
              1);
}

TEST(SqliteLoadGuarantees, ADeltaTouchesOnlyChangedMovedNewAndDeletedItems) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    test::load_with(planned, platform);
    const std::string foo_id = target_text(platform, "SELECT id FROM communities WHERE slug = 'foo'");
    // Changed: a title. Moved: Hello world! from Uncategorized to Foo. Deleted: Draft Page. New: none in this
    // fixture's items, so a changed post id stands for one (post 15 gone, post 1015 new).
    test::extract_edited_small_export(
        planned,
        {{"<title>Sample Page</title>", "<title>Sample Page, edited</title>"},
         {"<category domain=\"category\" nicename=\"uncategorized\"><![CDATA[Uncategorized]]></category>\n\t\t<wp:postmeta>",
          "<category domain=\"category\" nicename=\"foo\"><![CDATA[Foo]]></category>\n\t\t<wp:postmeta>"},
         {"<wp:post_id>15</wp:post_id>", "<wp:post_id>1015</wp:post_id>"}},
        {"Draft Page"});
    std::int64_t run = 0;
    const LoadResult delta = test::load_with(planned, platform, {}, &run);
    const std::string journal = "SELECT count(*) FROM load_journal WHERE run_id = " + std::to_string(run);
    EXPECT_EQ(delta.content.created, 1);
    EXPECT_EQ(delta.content.deleted, 2);  // Draft Page and the old post 15, archived (the default policy)
    EXPECT_GE(delta.content.updated, 2);  // the edited page and the moved post
    EXPECT_EQ(ws_int(planned, journal + " AND object_kind = 'content'"),
              delta.content.created + delta.content.updated + delta.content.deleted);
    EXPECT_EQ(ws_int(planned, journal + " AND object_kind = 'content' AND action = 'archived'"), 2);
    EXPECT_EQ(target_int(platform, "SELECT count(*) FROM content WHERE status = 'archived'"), 2);
    EXPECT_EQ(target_text(platform, "SELECT community_id FROM content WHERE title = 'Hello world!'"), foo_id);
    // The before-image of the update holds the old title.
    EXPECT_EQ(ws_int(planned, journal + " AND action = 'updated' AND before LIKE '%\"title\":\"Sample Page\"%'"), 1);
    // Everything else was left alone: the journal has no other content rows, and a second load writes nothing.
    const LoadResult again = test::load_with(planned, platform, {}, &run);
    EXPECT_EQ(ws_int(planned, "SELECT count(*) FROM load_journal WHERE run_id = " + std::to_string(run)), 0);
    EXPECT_EQ(ws_int(planned, "SELECT count(*) FROM id_map WHERE run_id = " + std::to_string(run)), 0);  // nor the map
    EXPECT_EQ(again.content.deleted + again.content.updated + again.content.created, 0);
}

TEST(SqliteLoadGuarantees, DeletedPolicyDeleteAndKeep) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    const std::string kept = planned.dir.file("kept.db");
    test::load_with(planned, platform);
    test::load_with(planned, kept);
    test::extract_edited_small_export(planned, {}, {"Draft Page"});
    LoadOptions remove;
    remove.deleted_policy = "delete";
    const LoadResult deleted = test::load_with(planned, platform, remove);
    EXPECT_EQ(deleted.content.deleted, 1);
    EXPECT_EQ(target_int(platform, "SELECT count(*) FROM content WHERE title = 'Draft Page'"), 0);
    EXPECT_EQ(ws_int(planned, "SELECT count(*) FROM load_journal WHERE action = 'deleted' AND before LIKE "
                              "'%Draft Page%'"),
              1);
    // The deleted object's id-map row went with it.
    EXPECT_EQ(ws_int(planned, "SELECT count(*) FROM id_map WHERE target = 'sqlite:" + platform +
                                  "' AND object_kind = 'content'"),
              target_int(platform, "SELECT count(*) FROM content"));
    LoadOptions keep;
    keep.deleted_policy = "keep";
    const LoadResult left = test::load_with(planned, kept, keep);
    EXPECT_EQ(left.content.deleted, 0);
    EXPECT_EQ(target_int(kept, "SELECT count(*) FROM content WHERE title = 'Draft Page' AND status = 'draft'"), 1);
    EXPECT_EQ(ws_int(planned, "SELECT count(*) FROM id_map WHERE status = 'ignored' AND target = 'sqlite:" + kept + "'"),
              1);
}

TEST(SqliteLoadGuarantees, AnObjectEditedInTheTargetIsNotOverwritten) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    test::load_with(planned, platform);
    target_exec(platform, "UPDATE content SET body = 'Fixed by hand in the new platform' WHERE title = 'Hello world!'");
    test::extract_edited_small_export(planned, {{"<title>Hello world!</title>", "<title>Hello, world</title>"},
                                                {"<title>Sample Page</title>", "<title>Sample Page 2</title>"}});
    std::int64_t run = 0;
    const LoadResult delta = test::load_with(planned, platform, {}, &run);
    EXPECT_EQ(delta.content.conflicts, 1);
    EXPECT_EQ(delta.content.updated, 1);  // the page nobody edited there
    EXPECT_EQ(target_text(platform, "SELECT body FROM content WHERE title = 'Hello world!'"),
              "Fixed by hand in the new platform");
    EXPECT_EQ(target_int(platform, "SELECT count(*) FROM content WHERE title = 'Hello, world'"), 0);
    EXPECT_EQ(ws_int(planned, "SELECT count(*) FROM load_conflicts WHERE object_kind = 'content' AND community_slug = "
                              "'uncategorized' AND legacy_key LIKE '%#post:1' AND run_id = " + std::to_string(run)),
              1);
    EXPECT_EQ(ws_int(planned, "SELECT count(*) FROM id_map WHERE status = 'needs-update' AND legacy_key LIKE '%#post:1'"),
              1);
    EXPECT_EQ(ws_int(planned, "SELECT count(*) FROM messages WHERE code = 'load.conflict' AND text LIKE "
                              "'%owner of community uncategorized%'"),
              1);
    // The next delta finds it the same way: still edited there, still newer in the source.
    const LoadResult calm = test::load_with(planned, platform);
    EXPECT_EQ(calm.content.conflicts, 1);
    EXPECT_EQ(calm.content.updated, 0);
}

}  // namespace baton::load

namespace baton::load {

TEST(SqliteLoadGuarantees, ARowHoldingTheNewValuesUnderAStaleHashIsNoConflict) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    test::load_with(planned, platform);
    // As if written by a build with another hash function: same values, other stored hash, id map without one.
    target_exec(platform, "UPDATE content SET content_hash = 'old' WHERE title = 'Hello world!'");
    {
        auto& db = planned.workspace.db();
        db.exec("UPDATE id_map SET target_hash = NULL WHERE object_kind = 'content' AND legacy_key LIKE '%#post:1'");
    }
    const LoadResult again = test::load_with(planned, platform);
    EXPECT_EQ(again.content.conflicts, 0);
    EXPECT_EQ(again.content.updated, 1);
    EXPECT_EQ(target_int(platform, "SELECT count(*) FROM content WHERE content_hash = 'old'"), 0);
}

}  // namespace baton::load

namespace baton::load {

TEST(SqliteLoadGuarantees, RollbackPutsBackDeletedAndArchivedRowsAndRemovesCreatedOnes) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const std::string platform = planned.dir.file("platform.db");
    test::load_with(planned, platform);
    const std::string before = test::target_objects(platform);
    const std::string draft_id = target_text(platform, "SELECT id FROM content WHERE title = 'Draft Page'");
    const std::string hello_id = target_text(platform, "SELECT id FROM content WHERE title = 'Hello world!'");
    // Draft Page deleted, Hello world! (with its comment) archived, post 15 replaced by a new post 1015.
    test::extract_edited_small_export(planned, {{"<wp:post_id>15</wp:post_id>", "<wp:post_id>1015</wp:post_id>"}},
                                      {"Draft Page"});
    LoadOptions remove;
    remove.deleted_policy = "delete";
    std::int64_t delta_run = 0;
    const LoadResult delta = test::load_with(planned, platform, remove, &delta_run);
    ASSERT_EQ(delta.content.deleted, 2);
    ASSERT_EQ(delta.content.created, 1);
    RollbackResult undone;
    workspace::recorded_run(planned.workspace, "rollback", "", [&](std::int64_t run) {
        undone = create_loader("sqlite:" + platform)->rollback(planned.workspace, delta_run, run);
        return workspace::RunOutcome::succeeded;
    });
    EXPECT_EQ(undone.removed, 1);
    EXPECT_GE(undone.restored, 2);
    EXPECT_EQ(undone.failed, 0);
    EXPECT_EQ(test::target_objects(platform), before);  // every object as it was, hashes included
    EXPECT_EQ(target_text(platform, "SELECT id FROM content WHERE title = 'Draft Page'"), draft_id);  // same id
    EXPECT_EQ(target_text(platform, "SELECT id FROM content WHERE title = 'Hello world!'"), hello_id);
    EXPECT_EQ(ws_int(planned, "SELECT count(*) FROM load_journal WHERE run_id = " + std::to_string(delta_run) +
                                  " AND rolled_back_by IS NULL"),
              0);
    // The restored objects differ from the plan again: the next load writes them once more.
    EXPECT_EQ(test::load_with(planned, platform, remove).content.deleted, 2);
}

}  // namespace baton::load
