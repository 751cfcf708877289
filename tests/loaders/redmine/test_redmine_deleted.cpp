// The Redmine target's --deleted policy on wiki pages the plan no longer migrates, and its rollback.
#include <gtest/gtest.h>

#include "loaders/redmine/page_deletions.hpp"
#include "loaders/redmine/redmine_server.hpp"

namespace baton::test {
namespace {

// The plan stops migrating the item mapped to `target_id` (as an owner's exclusion would).
void exclude(RedmineWorkspace& ws, const std::string& target_id) {
    auto& db = ws.planned.workspace.db();
    const std::string legacy_key = query_text(ws.planned.workspace, "SELECT legacy_key FROM id_map WHERE target_id = '" +
                                                                        target_id + "' AND object_kind = 'content'");
    ASSERT_FALSE(legacy_key.empty()) << target_id;
    db.exec("UPDATE plan_placements SET action = 'exclude' WHERE plan_run = " + std::to_string(ws.planned.plan_run) +
            " AND item_id IN (SELECT i.id FROM items i JOIN sources s ON s.id = i.source_id WHERE s.key || '#' || "
            "i.key = '" + legacy_key + "')");
    ASSERT_EQ(db.changes(), 1);
}

}  // namespace

TEST(RedmineLoader, DeletedPolicyArchivesOrDeletesGonePagesAndRollbackPutsThemBack) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    RedmineWorkspace ws("t9");
    ws.load();
    const std::int64_t first_run = ws.last_run;
    RedmineProbe probe(redmine_server().url);
    const std::string main_project = ws.identifier("main");
    const auto pear = probe.api().wiki_page(main_project, "Pear");
    ASSERT_TRUE(pear);
    EXPECT_EQ(pear->parent_title, "");

    // keep: nothing happens to the page.
    exclude(ws, main_project + "/Pear");
    load::LoadOptions keep;
    keep.deleted_policy = "keep";
    EXPECT_EQ(ws.load(keep).content.deleted, 0);
    EXPECT_EQ(probe.api().wiki_page(main_project, "Pear")->parent_title, "");
    // Kept pages are marked ignored; make the next load consider the page again.
    ws.planned.workspace.db().exec("UPDATE id_map SET status = 'imported' WHERE target_id = '" + main_project + "/Pear'");

    // archive: moved under the project's "Archive" page, text untouched; journalled.
    const load::LoadResult archived = ws.load();  // archive is the default
    EXPECT_EQ(archived.content.deleted, 1);
    const std::int64_t archive_run = ws.last_run;
    const auto moved = probe.api().wiki_page(main_project, "Pear");
    ASSERT_TRUE(moved);
    EXPECT_EQ(moved->parent_title, load::redmine::archive_page_title);
    EXPECT_EQ(moved->text, pear->text);
    EXPECT_TRUE(probe.api().wiki_page(main_project, load::redmine::archive_page_title));
    EXPECT_EQ(query_int(ws.planned.workspace, "SELECT count(*) FROM load_journal WHERE run_id = " +
                                                  std::to_string(archive_run) + " AND action = 'archived'"),
              1);
    // A second load leaves the archived page alone.
    EXPECT_EQ(ws.load().content.deleted, 0);

    // Rollback of the archiving run: the page is back at the top, the Archive page it created is gone.
    const load::RollbackResult undone = ws.roll_back(archive_run);
    EXPECT_EQ(undone.failed, 0);
    EXPECT_EQ(probe.api().wiki_page(main_project, "Pear")->parent_title, "");
    EXPECT_FALSE(probe.api().wiki_page(main_project, load::redmine::archive_page_title));

    // delete: the page is removed; rollback writes it again with its last text.
    load::LoadOptions remove;
    remove.deleted_policy = "delete";
    EXPECT_EQ(ws.load(remove).content.deleted, 1);
    const std::int64_t delete_run = ws.last_run;
    EXPECT_FALSE(probe.api().wiki_page(main_project, "Pear"));
    EXPECT_EQ(ws.roll_back(delete_run).failed, 0);
    const auto restored = probe.api().wiki_page(main_project, "Pear");
    ASSERT_TRUE(restored);
    EXPECT_EQ(restored->text, pear->text);
    // Pages still in the plan were never touched.
    EXPECT_TRUE(probe.api().wiki_page(ws.identifier("uncategorized"), "Hello_world!"));
    EXPECT_GT(first_run, 0);
}

}  // namespace baton::test
