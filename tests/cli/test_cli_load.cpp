// CLI tests of the trusted load: load options, rollback, verify, messages and status per target.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.hpp"
#include "core/sqlite.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

int code(ExitCode exit_code) { return static_cast<int>(exit_code); }

std::int64_t target_int(const std::string& platform, const std::string& sql) {
    sql::Database db(platform, sql::OpenMode::read_write);
    return db.query_int(sql, -1);
}

std::string target_text(const std::string& platform, const std::string& sql) {
    sql::Database db(platform, sql::OpenMode::read_write);
    auto statement = db.prepare(sql);
    return statement.step() ? statement.column_text(0) : "<no row>";
}

// Extracts and plans small-export.xml, or the version of it with `from` replaced by `to`.
void extract_and_plan(TempDir& dir, const std::string& from = {}, const std::string& to = {}) {
    std::string xml = read_file(wxr_fixture("small-export.xml"));
    if (!from.empty()) xml.replace(xml.find(from), from.size(), to);
    write_file(dir.file("export.xml"), xml);
    ASSERT_EQ(run_baton("extract wxr:export.xml", dir.path()).exit_code, 0);
    ASSERT_EQ(run_baton("plan", dir.path()).exit_code, 0);
}

}  // namespace

TEST(CliLoad, BadLoadOptionsAreUsageErrors) {
    TempDir dir;
    extract_and_plan(dir);
    for (const char* options : {"--deleted purge", "--go-live 2027-02-30", "--go-live tomorrow", "--limit -1",
                                "--concurrency 0", "--rate -2", "--community nope"}) {
        const auto result = run_baton(std::string("load ") + options, dir.path());
        EXPECT_EQ(result.exit_code, code(ExitCode::usage)) << options << ": " << result.err;
    }
    EXPECT_FALSE(std::filesystem::exists(dir.file("platform.db")) &&
                 target_int(dir.file("platform.db"), "SELECT count(*) FROM content") > 0);
}

TEST(CliLoad, SummaryRollbackVerifyMessagesAndStatus) {
    TempDir dir;
    extract_and_plan(dir);
    const auto first = run_baton("load --rate 1000 --concurrency 2", dir.path());
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("content: 11 created"), std::string::npos) << first.out;
    const std::string platform = dir.file("platform.db");
    const auto clean = run_baton("verify", dir.path());
    EXPECT_EQ(clean.exit_code, 0) << clean.out;
    EXPECT_NE(clean.out.find("0 missing, 0 different, 0 unexpected"), std::string::npos) << clean.out;

    // A delta: one title changes; one object is edited in the target at the same time.
    sql::Database(platform, sql::OpenMode::read_write).exec("UPDATE content SET body = 'by hand' WHERE title = 'Sample Page'");
    extract_and_plan(dir, "<title>Hello world!</title>", "<title>Hello again</title>");
    std::string xml = read_file(dir.file("export.xml"));
    xml.replace(xml.find("<title>Sample Page</title>"), 26, "<title>Sample Page 2</title>");
    write_file(dir.file("export.xml"), xml);
    ASSERT_EQ(run_baton("extract wxr:export.xml", dir.path()).exit_code, 0);
    ASSERT_EQ(run_baton("plan", dir.path()).exit_code, 0);
    const auto delta = run_baton("load", dir.path());
    ASSERT_EQ(delta.exit_code, 0) << delta.err;
    EXPECT_NE(delta.out.find("content: 0 created, 1 updated, 9 unchanged, 1 conflicts"), std::string::npos) << delta.out;
    const auto status = run_baton("status", dir.path());
    EXPECT_NE(status.out.find("content: 10 imported, 1 needs update, 0 failed, 1 conflicts"), std::string::npos)
        << status.out;
    const auto warnings = run_baton("messages --severity warning", dir.path());
    EXPECT_NE(warnings.out.find("load.conflict"), std::string::npos) << warnings.out;
    EXPECT_EQ(run_baton("messages --severity error", dir.path()).out, "no messages\n");
    const auto edited = run_baton("verify --max-lines 5", dir.path());
    EXPECT_EQ(edited.exit_code, code(ExitCode::verify_differences)) << edited.out;
    EXPECT_NE(edited.out.find("1 different"), std::string::npos) << edited.out;

    // Run numbers: 1 extract, 2 plan, 3 load, 4-7 extracts and plans, 8 the delta load.
    const auto refused = run_baton("rollback --run 3", dir.path());
    EXPECT_EQ(refused.exit_code, code(ExitCode::precondition)) << refused.err;
    EXPECT_NE(refused.err.find("run 8"), std::string::npos) << refused.err;
    EXPECT_EQ(run_baton("rollback --run 2", dir.path()).exit_code, code(ExitCode::precondition));
    const auto undone = run_baton("rollback --run 8", dir.path());
    ASSERT_EQ(undone.exit_code, 0) << undone.err;
    EXPECT_NE(undone.out.find("0 removed, "), std::string::npos) << undone.out;
    EXPECT_EQ(target_text(platform, "SELECT count(*) FROM content WHERE title = 'Hello world!'"), "1");
    EXPECT_EQ(run_baton("rollback --run 8", dir.path()).exit_code, code(ExitCode::precondition));
    const auto all = run_baton("rollback --run 3 --target sqlite:platform.db", dir.path());
    ASSERT_EQ(all.exit_code, 0) << all.err;
    EXPECT_EQ(target_int(platform, "SELECT (SELECT count(*) FROM content) + (SELECT count(*) FROM users) + "
                                   "(SELECT count(*) FROM tasks) + (SELECT count(*) FROM communities)"),
              0);
    EXPECT_EQ(run_baton("verify", dir.path()).exit_code, code(ExitCode::precondition));  // the id map is empty again
    const auto again = run_baton("load", dir.path());
    EXPECT_NE(again.out.find("content: 11 created"), std::string::npos) << again.out;
    EXPECT_EQ(run_baton("verify", dir.path()).exit_code, 0);
}

}  // namespace baton::test
