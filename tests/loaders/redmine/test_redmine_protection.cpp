// The Redmine target's protection, delta, rollback and verify, against a real Redmine.
#include <gtest/gtest.h>

#include "loaders/redmine/redmine_names.hpp"
#include "loaders/redmine/redmine_server.hpp"

namespace baton::test {
namespace {

void change_body(RedmineWorkspace& ws, const std::string& title, const std::string& addition) {
    ws.planned.workspace.db().exec("UPDATE item_bodies SET text = text || '" + addition +
                                   "' WHERE item_id = (SELECT id FROM items WHERE title = '" + title + "')");
}

load::VerifyResult verify(RedmineWorkspace& ws) {
    return load::create_loader("redmine:" + redmine_server().url)->verify(ws.planned.workspace);
}

std::string joined(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& line : lines) out += line + "\n";
    return out;
}

}  // namespace

TEST(RedmineLoader, EditedInRedmineIsAConflictNotOverwrittenAndUnchangedIsNotWritten) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    RedmineWorkspace ws("t3");
    const load::LoadResult first = ws.load();
    RedmineProbe probe(redmine_server().url);
    const std::string project = ws.identifier("uncategorized");
    // Someone edits a page in Redmine after baton wrote it; the source changes both that page and another one.
    probe.api().put_wiki_page(project, "Hello_world!", "Edited by a person in Redmine", "my edit", {});
    change_body(ws, "Hello world!", " (newer export)");
    ASSERT_TRUE(probe.api().wiki_page(project, "Private_Post"));
    change_body(ws, "Private Post", " (newer export)");
    const auto pear_version = probe.api().wiki_page(ws.identifier("main"), "Pear")->version;

    const load::LoadResult second = ws.load();
    EXPECT_EQ(second.content.conflicts, 1);
    EXPECT_EQ(second.content.updated, 1);
    EXPECT_EQ(second.content.unchanged, first.content.created - 2);  // delta: the rest is not written again
    EXPECT_EQ(probe.api().wiki_page(project, "Hello_world!")->text, "Edited by a person in Redmine");
    EXPECT_NE(probe.api().wiki_page(project, "Private_Post")->text.find("(newer export)"), std::string::npos);
    EXPECT_EQ(probe.api().wiki_page(ws.identifier("main"), "Pear")->version, pear_version);
    EXPECT_EQ(query_text(ws.planned.workspace, "SELECT community_slug || '|' || object_kind || '|' || target_id FROM "
                                               "load_conflicts WHERE run_id = " + std::to_string(ws.last_run)),
              "uncategorized-t3|content|" + project + "/Hello_world!");
    // The id map still holds what baton wrote, so the next load finds the same conflict again.
    const load::LoadResult third = ws.load();
    EXPECT_EQ(third.content.conflicts, 1);
    EXPECT_EQ(third.content.updated, 0);
}

TEST(RedmineLoader, RollbackUndoesARunAndVerifyFindsWhatChanged) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    RedmineWorkspace ws("t4");
    const load::LoadResult first = ws.load();
    const std::int64_t first_run = ws.last_run;
    RedmineProbe probe(redmine_server().url);
    const std::string project = ws.identifier("uncategorized");

    load::VerifyResult clean = verify(ws);
    EXPECT_EQ(clean.checked, query_int(ws.planned.workspace, "SELECT count(*) FROM id_map"));
    EXPECT_EQ(clean.missing + clean.different + clean.unexpected, 0) << joined(clean.differences);

    const std::string before = probe.api().wiki_page(project, "Private_Post")->text;
    change_body(ws, "Private Post", " (newer export)");
    const load::LoadResult second = ws.load();
    ASSERT_EQ(second.content.updated, 1);
    const load::RollbackResult undo_second = ws.roll_back(ws.last_run);
    EXPECT_EQ(undo_second.restored, 1);
    EXPECT_EQ(undo_second.failed, 0);
    EXPECT_EQ(load::redmine::normalised_text(probe.api().wiki_page(project, "Private_Post")->text), load::redmine::normalised_text(before));

    // Verify reads everything back: a page edited in Redmine, an issue deleted there, an issue without its row.
    probe.api().put_wiki_page(project, "Hello_world!", "Edited by a person in Redmine", "my edit", {});
    const auto issue_ids = query_text(ws.planned.workspace, "SELECT group_concat(target_id) FROM (SELECT target_id FROM "
                                                            "id_map WHERE object_kind = 'task' ORDER BY legacy_key LIMIT 2)");
    const auto comma = issue_ids.find(',');
    probe.api().delete_issue(std::stoll(issue_ids.substr(0, comma)));
    ws.planned.workspace.db().exec("DELETE FROM id_map WHERE object_kind = 'task' AND target_id = '" +
                                   issue_ids.substr(comma + 1) + "'");
    const load::VerifyResult found = verify(ws);
    EXPECT_EQ(found.missing, 1) << joined(found.differences);
    EXPECT_EQ(found.different, 2) << joined(found.differences);  // the edited page, and its comment that lives on it
    EXPECT_EQ(found.unexpected, 1) << joined(found.differences);

    // Rolling back the first run removes every project, page, issue and user it created.
    const load::RollbackResult undo_first = ws.roll_back(first_run);
    EXPECT_EQ(undo_first.failed, 0);
    EXPECT_EQ(undo_first.removed, query_int(ws.planned.workspace, "SELECT count(*) FROM load_journal WHERE action = "
                                                                  "'created' AND run_id = " + std::to_string(first_run)));
    for (const std::string slug : {"uncategorized", "trunk", "bar", "foo", "alpha", "main"}) {
        EXPECT_FALSE(probe.api().project(ws.identifier(slug))) << slug;
    }
    EXPECT_FALSE(probe.api().user("author_t4", {}));
    EXPECT_GT(first.users.created, 0);
}

}  // namespace baton::test
