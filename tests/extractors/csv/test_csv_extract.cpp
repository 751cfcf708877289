// CSV list exports into the workspace: a SharePoint-style list with every kind of bad row.
#include <gtest/gtest.h>

#include "extractors/extractor.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

const std::string sharepoint_list =
    "\xEF\xBB\xBFID,Title,Body,Created By,Created,Modified,Folder,Priority\r\n"
    "1,Welcome,\"Hello, \"\"world\"\"\nsecond line\",Ann Lee,2020-01-01T10:00:00Z,2020-01-02T10:00:00Z,"
    "Shared Documents/HR,High\r\n"
    "2,\"Broken \"\"quote,x,Bob,2020,2020,HR,Low\r\n"
    "3,Short,row\r\n"
    "4,Caf\xE9,b,Bob,2020,2020,HR,Low\r\n"
    "5,Last,,bob@example.org,,,HR/Policies,\r\n";

extract::ExtractOptions columns(std::vector<std::pair<std::string, std::string>> mapping) {
    extract::ExtractOptions options;
    options.columns = std::move(mapping);
    return options;
}

}  // namespace

TEST(CsvExtract, SharePointListWithBadRows) {
    TempDir dir;
    write_file(dir.file("list.csv"), sharepoint_list);
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "csv", dir.file("list.csv"),
                   columns({{"title", "Title"}, {"author", "Created By"}, {"id", "ID"}, {"container", "Folder"}}));

    EXPECT_EQ(query_text(workspace, "SELECT group_concat(key, ' ') FROM (SELECT key FROM items ORDER BY key)"), "row:1 row:5");
    EXPECT_EQ(query_text(workspace, "SELECT title || '|' || created_at || '|' || modified_at FROM items WHERE key = 'row:1'"),
              "Welcome|2020-01-01T10:00:00Z|2020-01-02T10:00:00Z");
    EXPECT_EQ(query_text(workspace, "SELECT body FROM items_with_body WHERE key = 'row:1'"),
              "Hello, \"world\"\nsecond line");
    EXPECT_EQ(query_text(workspace, "SELECT p.key FROM items i JOIN people p ON p.id = i.author_id WHERE i.key = 'row:1'"),
              "name:Ann Lee");
    EXPECT_EQ(query_text(workspace, "SELECT p.email FROM items i JOIN people p ON p.id = i.author_id WHERE i.key = 'row:5'"),
              "bob@example.org");
    EXPECT_EQ(item_attribute(workspace, "row:1", "column:Priority"), "High");
    EXPECT_EQ(query_text(workspace, "SELECT parent_key FROM containers WHERE key = 'folder:Shared Documents/HR'"),
              "folder:Shared Documents");
    EXPECT_EQ(query_text(workspace, "SELECT c.key FROM item_containers ic JOIN containers c ON c.id = ic.container_id "
                                    "WHERE ic.item_id = (SELECT id FROM items WHERE key = 'row:5')"),
              "folder:HR/Policies");

    // Each bad row is reported with file and line, skipped, and the rows after it are read.
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(line || ': ' || text, ' / ') FROM (SELECT line, text FROM messages "
                                    "WHERE code = 'csv.bad-row' ORDER BY line)"),
              "4: the quoted field opened on this line is never closed; the row is skipped / "
              "5: expected 8 fields as in the header, found 3; the row is skipped / "
              "6: the column \"Title\" is not valid UTF-8 (save the file as CSV UTF-8); the row is skipped");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages WHERE severity = 'error' AND file = '" + dir.file("list.csv") + "'"),
              3);
    EXPECT_EQ(query_text(workspace, "SELECT outcome FROM runs"), "partial");

    // Unchanged on a second read.
    extract_source(workspace, "csv", dir.file("list.csv"),
                   columns({{"title", "Title"}, {"author", "Created By"}, {"id", "ID"}, {"container", "Folder"}}));
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM item_changes"), 0);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items"), 2);
}

TEST(CsvExtract, UsualColumnNamesWithoutAMappingAndNoId) {
    TempDir dir;
    write_file(dir.file("plain.csv"), "Title,Author,Category,Status\nFirst,Ann,News,open\nSecond,Bob,News,closed\n");
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "csv", dir.file("plain.csv"));
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(key || '=' || title, ' ') FROM (SELECT key, title FROM items "
                                    "ORDER BY key)"),
              "line:2=First line:3=Second");
    EXPECT_EQ(item_attribute(workspace, "line:3", "column:Status"), "closed");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM containers WHERE key = 'folder:News'"), 1);
    EXPECT_EQ(query_text(workspace, "SELECT severity || ' ' || code FROM messages"), "info csv.no-id-column");
    EXPECT_EQ(query_text(workspace, "SELECT outcome FROM runs"), "succeeded");
}

TEST(CsvExtract, UnreadableHeadersStopBeforeAnythingIsRead) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    write_file(dir.file("empty.csv"), "");
    EXPECT_THROW(extract_source(workspace, "csv", dir.file("empty.csv")), InputError);
    write_file(dir.file("latin1.csv"), "Titre,R\xE9sum\xE9\nA,B\n");
    try {
        extract_source(workspace, "csv", dir.file("latin1.csv"));
        FAIL() << "a header in latin1 was accepted";
    } catch (const InputError& error) {
        EXPECT_EQ(error.code(), ExitCode::malformed_input);
        EXPECT_EQ(error.position().line, 1);
        EXPECT_NE(error.problem().find("not valid UTF-8 (column 2)"), std::string::npos);
    }
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items"), 0);
    EXPECT_THROW(extract_source(workspace, "csv", dir.file("latin1.csv"), columns({{"title", "Title"}})), InputError);
}

}  // namespace baton::test
