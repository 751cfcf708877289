// Interrupted and killed extractions: the workspace stays consistent, the run is recorded, a re-run completes.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include "core/sqlite.hpp"
#include "support/test_support.hpp"

extern char** environ;

namespace baton::test {
namespace {

// A generated export big enough that extraction takes a while (about 45 MB: half a second or more even on a
// fast, idle machine, so a signal sent 100 ms in finds the extract still running).
constexpr int large_export_posts = 6000;

const std::string& large_export() {
    static TempDir dir;
    static const std::string path = [] {
        const std::string file = dir.file("large.xml");
        const std::string command = "python3 '" + std::string(BATON_FIXTURES_DIR) +
                                    "/../tools/gen_wxr.py' --posts " + std::to_string(large_export_posts) + " --out '" + file + "' > /dev/null 2>&1";
        if (std::system(command.c_str()) != 0) ADD_FAILURE() << "gen_wxr.py failed";
        return file;
    }();
    return path;
}

std::int64_t count_rows(const std::string& workspace, const std::string& table) {
    try {
        sql::Database db(workspace, sql::OpenMode::read_write);
        return db.query_int("SELECT count(*) FROM " + table, 0);
    } catch (...) {
        return 0;  // not created yet
    }
}

// Starts `baton extract`, waits until it is under way (its run is recorded, or for `wait_for_items`
// until items are committed), then sends `signal_number`.
int extract_and_signal(const std::string& workspace, int signal_number, bool wait_for_items) {
    const std::string binary = BATON_BINARY;
    const std::string source = "wxr:" + large_export();
    const char* argv[] = {binary.c_str(), "extract", source.c_str(), "--workspace", workspace.c_str(), nullptr};
    pid_t pid = 0;
    if (posix_spawn(&pid, binary.c_str(), nullptr, nullptr, const_cast<char**>(argv), environ) != 0) return -1;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    const std::string table = wait_for_items ? "items" : "runs";
    while (count_rows(workspace, table) == 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    if (!wait_for_items) std::this_thread::sleep_for(std::chrono::milliseconds(100));  // mid-way through
    kill(pid, signal_number);
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

}  // namespace

TEST(CliInterrupt, CtrlCStopsCleanlyAndTheRunIsRecordedAsInterrupted) {
    TempDir dir;
    const std::string workspace = dir.file("w.db");
    const int status = extract_and_signal(workspace, SIGINT, false);
    ASSERT_TRUE(WIFEXITED(status)) << "baton should exit by itself after Ctrl-C";
    EXPECT_EQ(WEXITSTATUS(status), 130);
    {
        workspace::Workspace opened(workspace, workspace::Access::existing);
        EXPECT_EQ(query_text(opened, "PRAGMA integrity_check"), "ok");
        EXPECT_EQ(query_text(opened, "SELECT outcome FROM runs"), "interrupted");
        EXPECT_GT(query_int(opened, "SELECT count(*) FROM items"), 0);  // what was read before stays
    }
    const auto rerun = run_baton("extract wxr:'" + large_export() + "' --workspace w.db", dir.path());
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    workspace::Workspace opened(workspace, workspace::Access::existing);
    EXPECT_EQ(query_int(opened, "SELECT count(*) FROM items WHERE kind = 'post'"), large_export_posts);
    EXPECT_EQ(query_int(opened, "SELECT count(*) FROM (SELECT key FROM items GROUP BY key HAVING count(*) > 1)"), 0);
}

TEST(CliInterrupt, KilledRunIsClosedAsInterruptedAndARerunCompletes) {
    TempDir dir;
    const std::string workspace = dir.file("w.db");
    const int status = extract_and_signal(workspace, SIGKILL, true);
    ASSERT_TRUE(WIFSIGNALED(status));
    const auto rerun = run_baton("extract wxr:'" + large_export() + "' --workspace w.db", dir.path());
    ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
    workspace::Workspace opened(workspace, workspace::Access::existing);
    EXPECT_EQ(query_text(opened, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(query_text(opened, "SELECT outcome FROM runs ORDER BY id LIMIT 1"), "interrupted");
    EXPECT_EQ(query_text(opened, "SELECT outcome FROM runs ORDER BY id DESC LIMIT 1"), "succeeded");
    EXPECT_EQ(query_int(opened, "SELECT count(*) FROM items WHERE kind = 'post'"), large_export_posts);
}

TEST(CliInterrupt, ProgressLineWhenAsked) {
    TempDir dir;
    const auto result = run_baton("extract wxr:'" + large_export() + "' --progress", dir.path());
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.err.find(" items, "), std::string::npos) << result.err;
    EXPECT_NE(result.err.find("100%"), std::string::npos) << result.err;
    const auto quiet = run_baton("extract wxr:'" + large_export() + "'", dir.path());  // CI=true, a pipe
    EXPECT_TRUE(quiet.err.empty()) << quiet.err;
}

}  // namespace baton::test
