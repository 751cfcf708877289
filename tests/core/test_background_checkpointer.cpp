// Tests for the background checkpointer: the log copied on another connection, and kept bounded by the writer.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <thread>

#include "core/background_checkpointer.hpp"
#include "core/sqlite.hpp"
#include "support/test_support.hpp"

namespace baton::sql {
namespace {

// `transactions` transactions of 64 rows of 1 KB each.
void write(Database& db, int transactions, int first) {
    auto insert = db.prepare("INSERT INTO t(k, v) VALUES (?, ?)");
    for (int transaction = 0; transaction < transactions; ++transaction) {
        db.exec("BEGIN");
        for (int row = 0; row < 64; ++row) {
            insert.bind(1, first + transaction * 64 + row).bind(2, std::string(1024, 'x')).run();
        }
        db.exec("COMMIT");
    }
}

}  // namespace

// A writer that never pauses: the checkpointer copies the log, but only the writer can start it over. Called
// between transactions, bound_log keeps the log near its bound; without it the log grows with all that was written.
TEST(BackgroundCheckpointer, TheWriterKeepsTheLogBoundedBetweenTransactions) {
    test::TempDir dir;
    for (const bool bounded : {false, true}) {
        const std::string path = dir.file(bounded ? "bounded.db" : "unbounded.db");
        Database db(path, OpenMode::create);
        db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
                "CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT)");
        int restarts = 0;
        {
            BackgroundCheckpointer checkpointer(db, Role::workspace, std::chrono::milliseconds(1));
            EXPECT_EQ(db.query_int("PRAGMA wal_autocheckpoint"), 0);
            for (int round = 0; round < 300; ++round) {
                write(db, 1, round * 64);  // about 70 KB of log, 21 MB in all
                if (bounded) checkpointer.bound_log(512 * 1024);
            }
            restarts = checkpointer.restarts();
        }
        EXPECT_EQ(db.query_int("SELECT count(*) FROM t"), 300 * 64);
        EXPECT_EQ(db.query_int("PRAGMA wal_autocheckpoint"), 1000);  // SQLite's own again
        // The log file keeps the length it once had: what the log grew to.
        const auto log_bytes = std::filesystem::file_size(path + "-wal");
        if (bounded) {
            EXPECT_GT(restarts, 0);
            // Near the bound: past it by what the writer wrote while a checkpoint ran (the size bound_log goes by
            // is the last checkpoint's).
            EXPECT_LT(log_bytes, 8U * 1024 * 1024) << "the log started over near its bound";
        } else {
            EXPECT_GT(log_bytes, 16U * 1024 * 1024) << "a busy writer's log grows with all it wrote";
        }
    }
}

// A statement of the writer's own connection still reading (a load reads its plan while it writes): the log
// cannot start over then, and bound_log leaves it for a later call instead of failing.
TEST(BackgroundCheckpointer, AStatementStillReadingPutsTheRestartOff) {
    test::TempDir dir;
    Database db(dir.file("reading.db"), OpenMode::create);
    db.exec("PRAGMA journal_mode = WAL; CREATE TABLE t(k INTEGER PRIMARY KEY, v TEXT)");
    BackgroundCheckpointer checkpointer(db, Role::workspace, std::chrono::milliseconds(1));
    write(db, 4, 0);
    auto reading = db.prepare("SELECT k FROM t ORDER BY k");
    ASSERT_TRUE(reading.step());
    for (int round = 0; checkpointer.checkpoints() < 2 && round < 1000; ++round) {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));  // until a checkpoint has seen the log
    }
    ASSERT_GE(checkpointer.checkpoints(), 2) << "no checkpoint saw the log: the restart below would not be tried";
    EXPECT_NO_THROW(checkpointer.bound_log(0));
    EXPECT_EQ(checkpointer.restarts(), 0);
    reading.reset();
    checkpointer.bound_log(0);
    EXPECT_EQ(checkpointer.restarts(), 1);
}

}  // namespace baton::sql
