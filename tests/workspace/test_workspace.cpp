// Tests for opening workspaces: creation, versions and upgrades, foreign files, the run log.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/background_checkpointer.hpp"
#include "core/error.hpp"
#include "core/sqlite.hpp"
#include "support/test_support.hpp"
#include "workspace/schema.hpp"
#include "workspace/workspace.hpp"

namespace baton::workspace {

TEST(Workspace, CreatesTheLatestSchemaAsABulkLoadThenSwitchesToWal) {
    test::TempDir dir;
    {
        Workspace workspace(dir.file("w.db"), Access::create);
        EXPECT_EQ(workspace.schema_version(), latest_schema_version());
        EXPECT_TRUE(workspace.bulk_loading());
        EXPECT_EQ(test::query_text(workspace, "PRAGMA journal_mode"), "truncate");
        EXPECT_EQ(test::query_text(workspace, "SELECT value FROM meta WHERE key = 'application'"), "baton-workspace");
        EXPECT_TRUE(workspace.upgraded_from().empty());
        workspace.finish_bulk_load();
        EXPECT_FALSE(workspace.bulk_loading());
        EXPECT_EQ(test::query_text(workspace, "PRAGMA journal_mode"), "wal");
        EXPECT_EQ(test::query_int(workspace, "PRAGMA synchronous"), 1);  // NORMAL
    }
    {
        Workspace workspace(dir.file("w.db"), Access::create);  // an existing file: no bulk load
        EXPECT_FALSE(workspace.bulk_loading());
        EXPECT_EQ(test::query_text(workspace, "PRAGMA journal_mode"), "wal");
    }
}

TEST(Workspace, ClosingDuringTheBulkLoadSwitchesTheFileToWal) {
    test::TempDir dir;
    { Workspace workspace(dir.file("w.db"), Access::create); }
    // The file header's read and write versions (bytes 18 and 19) are 2 in WAL mode, 1 with a rollback journal.
    std::ifstream file(dir.file("w.db"), std::ios::binary);
    char header[20] = {};
    ASSERT_TRUE(file.read(header, sizeof header));
    EXPECT_EQ(header[18], 2);
    EXPECT_EQ(header[19], 2);
}

TEST(Workspace, AProcessKilledDuringTheBulkLoadLeavesItsLastCommit) {
    test::TempDir dir;
    const std::string path = dir.file("w.db");
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        // The child commits one source, then dies in the middle of a transaction big enough to have written
        // pages into the database file (a small cache spills them): no destructor, no rollback of its own.
        Workspace workspace(path, Access::create);
        workspace.db().exec("PRAGMA cache_size = 16");
        workspace.db().exec("INSERT INTO sources(kind, key, locator) VALUES ('wxr', 'kept', 'a.xml')");
        workspace.db().exec("BEGIN");
        for (int i = 0; i < 2000; ++i) {
            workspace.db().exec("INSERT INTO sources(kind, key, locator) VALUES ('wxr', 'lost" + std::to_string(i) +
                                "', '" + std::string(2000, 'x') + "')");
        }
        _exit(0);
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_TRUE(std::filesystem::exists(path + "-journal"));  // the hot journal the next open rolls back
    Workspace workspace(path, Access::existing);
    EXPECT_EQ(test::query_text(workspace, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(test::query_int(workspace, "SELECT count(*) FROM sources"), 1);
    EXPECT_EQ(test::query_text(workspace, "SELECT key FROM sources"), "kept");
    EXPECT_EQ(test::query_text(workspace, "PRAGMA journal_mode"), "wal");
}

TEST(Workspace, ExistingAccessRefusesAMissingFile) {
    test::TempDir dir;
    try {
        Workspace workspace(dir.file("absent.db"), Access::existing);
        FAIL() << "expected a precondition error";
    } catch (const PreconditionError& error) {
        EXPECT_NE(std::string(error.what()).find("no workspace at"), std::string::npos);
        EXPECT_NE(error.hint().find("baton extract"), std::string::npos);
    }
}

TEST(Workspace, UpgradesAnOlderWorkspaceKeepingItsData) {
    test::TempDir dir;
    const std::string path = dir.file("old.db");
    {
        sql::Database db(path, sql::OpenMode::create);
        apply_schema_steps(db, 0, 1);  // a workspace written by a baton that knew only step 1
        db.exec("INSERT INTO runs(command, started_at, outcome) VALUES ('extract', '2020-01-01T00:00:00Z', 'succeeded')");
        db.exec("INSERT INTO sources(kind, key, locator) VALUES ('wxr', 'http://old/', 'old.xml')");
    }
    Workspace workspace(path, Access::existing);
    EXPECT_EQ(workspace.schema_version(), latest_schema_version());
    ASSERT_EQ(workspace.upgraded_from().size(), 1U);
    EXPECT_EQ(workspace.upgraded_from()[0], 1);
    EXPECT_EQ(test::query_int(workspace, "SELECT count(*) FROM sources WHERE key = 'http://old/'"), 1);
    EXPECT_EQ(test::query_int(workspace, "SELECT count(*) FROM plans"), 0);  // a table of a later step exists
    EXPECT_EQ(test::query_int(workspace, "SELECT count(*) FROM id_map"), 0);
}

TEST(Workspace, UpgradeMovesOldRevisionTextsIntoTheRowidTable) {
    test::TempDir dir;
    const std::string path = dir.file("v5.db");
    {
        sql::Database db(path, sql::OpenMode::create);
        apply_schema_steps(db, 0, 5);  // revision texts still in the WITHOUT ROWID table
        db.exec("INSERT INTO sources(kind, key, locator) VALUES ('mediawiki', 'http://wiki/', 'dump.xml')");
        db.exec("INSERT INTO revision_texts VALUES (1, 'page:1', 'revision:7', 'old text')");
    }
    Workspace workspace(path, Access::existing);
    ASSERT_EQ(workspace.upgraded_from().size(), 1U);
    EXPECT_EQ(workspace.upgraded_from()[0], 5);
    EXPECT_EQ(test::query_text(workspace, "SELECT text FROM revision_text_rows WHERE revision_key = 'revision:7'"),
              "old text");
    // The old name reads the same rows, and a key stays unique.
    EXPECT_EQ(test::query_text(workspace, "SELECT text FROM revision_texts WHERE item_key = 'page:1'"), "old text");
    EXPECT_THROW(workspace.db().exec("INSERT INTO revision_text_rows(source_id, item_key, revision_key, text) "
                                     "VALUES (1, 'page:1', 'revision:7', 'again')"),
                 WorkspaceError);
}

TEST(Workspace, BackgroundCheckpointerCopiesTheLogWhileTheWriterWrites) {
    test::TempDir dir;
    Workspace workspace(dir.file("w.db"), Access::create);
    {
        sql::BackgroundCheckpointer checkpointer(workspace.db(), sql::Role::workspace, std::chrono::milliseconds(5));
        // The writer's own connection no longer checkpoints: the other connection does.
        EXPECT_EQ(test::query_int(workspace, "PRAGMA wal_autocheckpoint"), 0);
        for (int batch = 0; batch < 5; ++batch) {
            workspace.db().exec("BEGIN");
            for (int row = 0; row < 200; ++row) {
                workspace.db().exec("INSERT INTO meta(key, value) VALUES ('k" + std::to_string(batch * 1000 + row) +
                                    "', '" + std::string(500, 'x') + "')");
            }
            workspace.db().exec("COMMIT");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        EXPECT_GT(checkpointer.checkpoints(), 0);
        // Only a checkpoint writes pages into the database file itself; the 500 KB written are there.
        EXPECT_GT(std::filesystem::file_size(dir.file("w.db")), 500'000U);
    }
    EXPECT_EQ(test::query_int(workspace, "SELECT count(*) FROM meta WHERE key LIKE 'k%'"), 1000);
    EXPECT_EQ(test::query_int(workspace, "PRAGMA wal_autocheckpoint"), 1000);  // SQLite's own again
}

TEST(Workspace, RefusesANewerWorkspaceWithAClearMessage) {
    test::TempDir dir;
    const std::string path = dir.file("new.db");
    {
        Workspace workspace(path, Access::create);
        workspace.db().exec("PRAGMA user_version = 99");
    }
    try {
        Workspace workspace(path, Access::existing);
        FAIL() << "expected a workspace error";
    } catch (const WorkspaceError& error) {
        const std::string text = error.what();
        EXPECT_NE(text.find("schema version 99"), std::string::npos) << text;
        EXPECT_NE(text.find("newer than this baton understands"), std::string::npos) << text;
    }
}

TEST(Workspace, RefusesAnSqliteFileThatIsNotAWorkspace) {
    test::TempDir dir;
    const std::string path = dir.file("other.db");
    {
        sql::Database db(path, sql::OpenMode::create);
        db.exec("CREATE TABLE customers(id INTEGER)");
    }
    try {
        Workspace workspace(path, Access::existing);
        FAIL() << "expected a workspace error";
    } catch (const WorkspaceError& error) {
        EXPECT_NE(std::string(error.what()).find("not a baton workspace"), std::string::npos);
    }
    sql::Database db(path, sql::OpenMode::read_write);
    EXPECT_EQ(db.query_int("SELECT count(*) FROM sqlite_schema"), 1);  // untouched
    auto mode = db.prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.step());
    EXPECT_EQ(mode.column_text(0), "delete");  // not even switched to WAL
}

TEST(Workspace, RefusesAFileThatIsNotSqlite) {
    test::TempDir dir;
    const std::string path = dir.file("notes.txt");
    test::write_file(path, std::string(4096, 'x'));
    EXPECT_THROW(Workspace(path, Access::existing), WorkspaceError);
}

TEST(Workspace, RecordedRunStoresSuccessAndFailure) {
    test::TempDir dir;
    Workspace workspace(dir.file("w.db"), Access::create);
    recorded_run(workspace, "plan", "--managers 2", [](std::int64_t) { return RunOutcome::succeeded; });
    EXPECT_THROW(recorded_run(workspace, "extract", "wxr:x.xml",
                              [](std::int64_t) -> RunOutcome {
                                  throw InputError(ExitCode::malformed_input, {"x.xml", 7, 3}, "mismatched tag");
                              }),
                 InputError);
    const auto runs = workspace.recent_runs(5);
    ASSERT_EQ(runs.size(), 2U);
    EXPECT_EQ(runs[0].command, "extract");
    EXPECT_EQ(runs[0].outcome, "failed");
    EXPECT_EQ(runs[0].exit_code, static_cast<int>(ExitCode::malformed_input));
    EXPECT_EQ(runs[0].error, "x.xml:7:3: mismatched tag");
    EXPECT_EQ(runs[1].outcome, "succeeded");
    EXPECT_EQ(runs[1].options, "--managers 2");
    EXPECT_FALSE(runs[1].ended_at.empty());
}

TEST(Workspace, InterruptedRunIsRecordedAsInterrupted) {
    test::TempDir dir;
    Workspace workspace(dir.file("w.db"), Access::create);
    EXPECT_THROW(recorded_run(workspace, "extract", "",
                              [](std::int64_t) -> RunOutcome { throw InterruptedError(); }),
                 InterruptedError);
    EXPECT_EQ(workspace.recent_runs(1)[0].outcome, "interrupted");
}

TEST(Workspace, RunOfAKilledProcessIsClosedOnNextOpen) {
    test::TempDir dir;
    const std::string path = dir.file("w.db");
    {
        Workspace workspace(path, Access::create);
        // A run whose process is gone: pid 0x7ffffffe does not exist on any test machine.
        workspace.db().exec("INSERT INTO runs(command, started_at, pid) VALUES ('extract', '2020-01-01T00:00:00Z', "
                            "2147483646)");
    }
    Workspace workspace(path, Access::existing);
    const auto runs = workspace.recent_runs(1);
    EXPECT_EQ(runs[0].outcome, "interrupted");
    EXPECT_NE(runs[0].error.find("killed or crashed"), std::string::npos);
}

}  // namespace baton::workspace
