// Task statuses read back from the onboarding-task issues of a real Redmine (`baton tasks --import-progress redmine:URL`).
#include <gtest/gtest.h>

#include "loaders/outputs/progress_import.hpp"
#include "loaders/redmine/redmine_server.hpp"

namespace baton::test {

TEST(RedmineLoader, TaskStatusesComeBackFromTheIssues) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    RedmineWorkspace ws("t10");
    const load::LoadResult loaded = ws.load();
    ASSERT_GE(loaded.tasks.created, 3);
    RedmineProbe probe(redmine_server().url);
    // Debian's Redmine comes with the default statuses; find them by name.
    std::map<std::string, std::int64_t> status_ids;
    for (const auto& [id, status] : probe.api().issue_statuses()) status_ids[status.name] = id;
    ASSERT_TRUE(status_ids.count("Closed") && status_ids.count("Rejected") && status_ids.count("In Progress"))
        << "the test Redmine lacks its default issue statuses";
    // People work on three of their issues in Redmine.
    auto issues = ws.planned.workspace.db().prepare(
        "SELECT target_id FROM id_map WHERE object_kind = 'task' AND target = 'redmine:" + redmine_server().url +
        "' ORDER BY legacy_key LIMIT 3");
    std::vector<std::string> ids;
    while (issues.step()) ids.push_back(issues.column_text(0));
    ASSERT_EQ(ids.size(), 3U);
    const auto set_status = [&](const std::string& id, std::int64_t status) {
        probe.write("PUT", "/issues/" + id + ".json", "{\"issue\":{\"status_id\":" + std::to_string(status) + "}}");
    };
    set_status(ids[0], status_ids["Closed"]);
    set_status(ids[1], status_ids["Rejected"]);
    set_status(ids[2], status_ids["In Progress"]);

    const auto imported =
        load::import_progress_from_redmine(ws.planned.workspace, ws.planned.plan_run, redmine_server().url);
    EXPECT_EQ(imported.rows, loaded.tasks.created);  // every task issue was read back
    EXPECT_EQ(imported.changed, 3);                 // the others are still open, as without a row
    EXPECT_EQ(imported.unchanged, loaded.tasks.created - 3);
    const std::string by_issue =
        "SELECT tp.status || '|' || tp.via FROM task_progress tp WHERE tp.updated_by = 'redmine:" +
        redmine_server().url + " #";
    EXPECT_EQ(query_text(ws.planned.workspace, by_issue + ids[0] + "'"), "done|redmine");
    EXPECT_EQ(query_text(ws.planned.workspace, by_issue + ids[1] + "'"), "declined|redmine");
    EXPECT_EQ(query_text(ws.planned.workspace, by_issue + ids[2] + "'"), "in-progress|redmine");
    EXPECT_EQ(query_int(ws.planned.workspace, "SELECT count(*) FROM task_progress"), 3);

    // Reading again changes nothing; reopening an issue in Redmine opens the task again.
    EXPECT_EQ(load::import_progress_from_redmine(ws.planned.workspace, ws.planned.plan_run, redmine_server().url)
                  .changed,
              0);
    set_status(ids[0], status_ids["New"]);
    const auto again =
        load::import_progress_from_redmine(ws.planned.workspace, ws.planned.plan_run, redmine_server().url);
    EXPECT_EQ(again.changed, 1);
    EXPECT_EQ(query_text(ws.planned.workspace, by_issue + ids[0] + "'"), "open|redmine");
}

}  // namespace baton::test
