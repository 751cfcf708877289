// CLI tests of `extract --columns`: a CSV list read through the built binary, and the option's usage errors.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "support/test_support.hpp"

namespace baton::test {

TEST(CliCsv, ColumnsOptionMapsTheList) {
    TempDir dir;
    write_file(dir.file("list.csv"), "Item No,Subject,Owner,Where\n7,Budget 2024,Ann Lee,Finance\n8,Hiring,Bob,HR\n");
    const auto result =
        run_baton("extract csv:list.csv --columns 'id=Item No,title=Subject,author=Owner,container=Where'", dir.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("2 items (2 new"), std::string::npos) << result.out;
    workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = 'row:7'"), "Budget 2024");
    EXPECT_EQ(query_text(workspace, "SELECT options FROM runs"), "--columns id=Item No,title=Subject,author=Owner,"
                                                                 "container=Where csv:list.csv");
}

TEST(CliCsv, BadColumnsAreUsageErrors) {
    TempDir dir;
    write_file(dir.file("list.csv"), "Title\nx\n");
    const auto unknown = run_baton("extract csv:list.csv --columns colour=Red", dir.path().string());
    EXPECT_EQ(unknown.exit_code, static_cast<int>(ExitCode::usage));
    EXPECT_NE(unknown.err.find("unknown field \"colour\""), std::string::npos) << unknown.err;
    const auto missing = run_baton("extract csv:list.csv --columns title=Name", dir.path().string());
    EXPECT_EQ(missing.exit_code, static_cast<int>(ExitCode::usage));
    EXPECT_NE(missing.err.find("the column \"Name\" (for title) is not in the header"), std::string::npos) << missing.err;
    EXPECT_NE(missing.err.find("the header has: Title"), std::string::npos) << missing.err;
    const auto no_csv = run_baton("extract wxr:x.xml --columns title=Title", dir.path().string());
    EXPECT_EQ(no_csv.exit_code, static_cast<int>(ExitCode::usage));
    EXPECT_NE(no_csv.err.find("--columns applies to csv: sources"), std::string::npos) << no_csv.err;
}

}  // namespace baton::test
