// CLI tests of `extract --columns` and `--mapping`: a CSV list read through the built binary, and the usage errors.
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

TEST(CliCsv, MappingFileSourcesMapTheList) {
    TempDir dir;
    write_file(dir.file("list.csv"), "Item No,Subject,Owner,Where\n7,Budget 2024,Ann Lee,Finance\n");
    write_file(dir.file("mapping.xml"),
               "<mapping version=\"1\">\n  <sources>\n    <csv>\n      <column field=\"id\" name=\"Item No\"/>\n"
               "      <column field=\"title\" name=\"Subject\"/>\n      <column field=\"author\" name=\"Owner\"/>\n"
               "    </csv>\n  </sources>\n</mapping>\n");
    const auto result = run_baton("extract csv:list.csv --mapping mapping.xml", dir.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = 'row:7'"), "Budget 2024");
    EXPECT_EQ(query_text(workspace, "SELECT p.display_name FROM items i JOIN people p ON p.id = i.author_id"), "Ann Lee");
    EXPECT_EQ(query_text(workspace, "SELECT options FROM runs"), "--mapping mapping.xml csv:list.csv");

    // --columns, when given, wins over the mapping file.
    write_file(dir.file("other.csv"), "Item No,Subject,Heading\n9,from subject,from heading\n");
    const auto both = run_baton("extract csv:other.csv --mapping mapping.xml --columns 'id=Item No,title=Heading'",
                                dir.path().string());
    EXPECT_EQ(both.exit_code, 0) << both.err;
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = 'row:9'"), "from heading");

    // A field given two columns is a mapping error naming the file and the line.
    write_file(dir.file("twice.xml"),
               "<mapping version=\"1\">\n  <sources>\n    <csv>\n      <column field=\"title\" name=\"A\"/>\n"
               "      <column field=\"title\" name=\"B\"/>\n    </csv>\n  </sources>\n</mapping>\n");
    const auto twice = run_baton("extract csv:list.csv --mapping twice.xml", dir.path().string());
    EXPECT_EQ(twice.exit_code, static_cast<int>(ExitCode::mapping)) << twice.err;
    EXPECT_NE(twice.err.find("twice.xml:5"), std::string::npos) << twice.err;
    EXPECT_NE(twice.err.find("the field title is given a column twice"), std::string::npos) << twice.err;
}

}  // namespace baton::test
