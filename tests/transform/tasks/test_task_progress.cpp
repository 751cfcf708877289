// record_task_progress: the one way every channel (CSV, portal, Redmine, SQLite target) sets a task's status.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "support/test_support.hpp"
#include "transform/tasks/task_progress.hpp"

namespace baton::transform {

TEST(TaskProgress, RecordsChangesOnlyAndKeepsWhoAndWhere) {
    test::TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    test::extract_wxr(workspace, test::source_file("samples/wordpress/acme-intranet.xml"));
    const std::int64_t alice = test::query_int(workspace, "SELECT id FROM people WHERE key = 'login:alice'");
    // No row reads as open: recording open changes nothing.
    EXPECT_FALSE(record_task_progress(workspace, alice, "human-resources", "accept-role", "open", "alice", "portal"));
    EXPECT_EQ(test::query_int(workspace, "SELECT count(*) FROM task_progress"), 0);
    EXPECT_TRUE(record_task_progress(workspace, alice, "human-resources", "accept-role", "done", "alice", "portal"));
    EXPECT_FALSE(record_task_progress(workspace, alice, "human-resources", "accept-role", "done", "x", "redmine"));
    EXPECT_EQ(test::query_text(workspace, "SELECT status || ' ' || updated_by || ' ' || via FROM task_progress"),
              "done alice portal");
    EXPECT_TRUE(record_task_progress(workspace, alice, "human-resources", "accept-role", "in-progress", "redmine:7",
                                     "redmine"));
    EXPECT_EQ(test::query_text(workspace, "SELECT status || ' ' || updated_by || ' ' || via FROM task_progress"),
              "in-progress redmine:7 redmine");
    EXPECT_EQ(test::query_text(workspace, "SELECT length(updated_at) FROM task_progress"), "20");  // ISO 8601 UTC
    EXPECT_THROW(record_task_progress(workspace, alice, "hr", "accept-role", "finished", "a", "csv"), InputError);
    EXPECT_THROW(record_task_progress(workspace, alice, "hr", "accept-role", "done", "a", "e-mail"), InputError);
}

}  // namespace baton::transform
