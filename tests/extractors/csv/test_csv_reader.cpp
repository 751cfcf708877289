// CSV reading: RFC 4180 records, the column mapping syntax and how columns are found in the header.
#include <gtest/gtest.h>

#include "extractors/csv/column_mapping.hpp"
#include "extractors/csv/csv_reader.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

using extract::csv::CsvReader;
using extract::csv::CsvRecord;

struct Read {
    std::vector<std::string> fields;
    std::int64_t line;
    std::string problem;
};

std::vector<Read> read_all(const std::string& content) {
    TempDir dir;
    write_file(dir.file("in.csv"), content);
    CsvReader reader(dir.file("in.csv"));
    std::vector<Read> records;
    CsvRecord record;
    std::string problem;
    while (reader.next(record, problem)) records.push_back({record.fields, record.line, problem});
    return records;
}

using Fields = std::vector<std::string>;

}  // namespace

TEST(CsvReader, QuotedFieldsDoubledQuotesAndEmbeddedNewlines) {
    const auto records = read_all("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\n,,\n1,2,3");
    ASSERT_EQ(records.size(), 4U);
    EXPECT_EQ(records[0].fields, (Fields{"a", "b", "c"}));
    EXPECT_EQ(records[1].fields, (Fields{"x, y", "say \"hi\"", "two\r\nlines"}));
    EXPECT_EQ(records[1].line, 2);
    EXPECT_EQ(records[2].fields, (Fields{"", "", ""}));
    EXPECT_EQ(records[2].line, 4);  // the record before spans lines 2 and 3
    EXPECT_EQ(records[3].fields, (Fields{"1", "2", "3"}));  // no newline at the end
    EXPECT_EQ(records[3].line, 5);
    for (const auto& record : records) EXPECT_EQ(record.problem, "");
}

TEST(CsvReader, ByteOrderMarkBlankLinesAndLooseQuotes) {
    TempDir dir;
    write_file(dir.file("bom.csv"), "\xEF\xBB\xBFName\n\nAnn\n\n\nsize 5\" disk\n");
    CsvReader reader(dir.file("bom.csv"));
    EXPECT_TRUE(reader.had_bom());
    CsvRecord record;
    std::string problem;
    ASSERT_TRUE(reader.next(record, problem));
    EXPECT_EQ(record.fields, (Fields{"Name"}));  // no BOM in the first name
    ASSERT_TRUE(reader.next(record, problem));
    EXPECT_EQ(record.fields, (Fields{"Ann"}));
    EXPECT_EQ(record.line, 3);
    ASSERT_TRUE(reader.next(record, problem));
    EXPECT_EQ(record.fields, (Fields{"size 5\" disk"}));  // a quote inside an unquoted field is text
    EXPECT_EQ(record.line, 6);
    EXPECT_FALSE(reader.next(record, problem));
}

TEST(CsvReader, AnUnclosedQuoteLosesOneRowOnly) {
    const auto records = read_all("id,title\n1,\"never closed\n2,fine\n3,\"also fine\"\n4,last\n");
    // The open quote runs on until the quote of line 4, which is followed by text: the record is bad,
    // and reading starts again at line 3.
    ASSERT_EQ(records.size(), 5U);
    EXPECT_EQ(records[1].line, 2);
    EXPECT_EQ(records[1].problem, "a quoted field is followed by text before the next comma");
    EXPECT_EQ(records[2].fields, (Fields{"2", "fine"}));
    EXPECT_EQ(records[2].line, 3);
    EXPECT_EQ(records[3].fields, (Fields{"3", "also fine"}));
    EXPECT_EQ(records[3].problem, "");
    EXPECT_EQ(records[4].fields, (Fields{"4", "last"}));
    EXPECT_EQ(records[4].line, 5);

    const auto to_the_end = read_all("id,title\n1,\"never closed\n2,fine\n");
    ASSERT_EQ(to_the_end.size(), 3U);
    EXPECT_EQ(to_the_end[1].problem, "the quoted field opened on this line is never closed");
    EXPECT_EQ(to_the_end[2].fields, (Fields{"2", "fine"}));
    EXPECT_EQ(to_the_end[2].line, 3);
}

TEST(CsvReader, TextAfterAClosingQuoteIsAProblem) {
    const auto records = read_all("a,b\n\"x\"y,z\nok,1\n");
    ASSERT_EQ(records.size(), 3U);
    EXPECT_EQ(records[1].problem, "a quoted field is followed by text before the next comma");
    EXPECT_EQ(records[1].line, 2);
    EXPECT_EQ(records[2].fields, (Fields{"ok", "1"}));
    EXPECT_EQ(records[2].line, 3);
}

TEST(CsvReader, OldMacLineEnds) {
    const auto records = read_all("a,b\r1,\"x\ry\"\r2,z\r");
    ASSERT_EQ(records.size(), 3U);
    EXPECT_EQ(records[1].fields, (Fields{"1", "x\ry"}));
    EXPECT_EQ(records[2].fields, (Fields{"2", "z"}));
    EXPECT_EQ(records[2].line, 4);
}

TEST(CsvReader, MissingFileIsUnreadable) {
    TempDir dir;
    try {
        CsvReader reader(dir.file("nope.csv"));
        FAIL() << "opened a missing file";
    } catch (const InputError& error) {
        EXPECT_EQ(error.code(), ExitCode::input_unreadable);
        EXPECT_EQ(error.position().file, dir.file("nope.csv"));
    }
}

TEST(CsvColumns, OptionSyntax) {
    using extract::csv::parse_columns_option;
    EXPECT_EQ(parse_columns_option("title=Title,author=Created By,id=ID"),
              (std::vector<std::pair<std::string, std::string>>{{"title", "Title"}, {"author", "Created By"}, {"id", "ID"}}));
    EXPECT_EQ(parse_columns_option("body=\"Notes, long\""),
              (std::vector<std::pair<std::string, std::string>>{{"body", "Notes, long"}}));
    EXPECT_THROW((void)parse_columns_option("colour=Red"), UsageError);
    EXPECT_THROW((void)parse_columns_option("title=A,title=B"), UsageError);
    EXPECT_THROW((void)parse_columns_option("Title"), UsageError);
    EXPECT_THROW((void)parse_columns_option("title="), UsageError);
    try {
        (void)parse_columns_option("colour=Red");
    } catch (const UsageError& error) {
        EXPECT_NE(std::string(error.what()).find("unknown field \"colour\""), std::string::npos);
        EXPECT_NE(error.hint().find("title, body, author, created, modified, container, id"), std::string::npos);
    }
}

TEST(CsvColumns, MappedThenUsualNames) {
    const std::vector<std::string> header = {"ID", "Title", "Created By", "created", "Path", "Notes"};
    const auto columns = extract::csv::resolve_columns({{"body", "Notes"}}, header, "list.csv");
    EXPECT_EQ(columns.of("id"), std::optional<std::size_t>(0));
    EXPECT_EQ(columns.of("title"), std::optional<std::size_t>(1));
    EXPECT_EQ(columns.of("author"), std::optional<std::size_t>(2));     // "Created By"
    EXPECT_EQ(columns.of("created"), std::optional<std::size_t>(3));    // case ignored
    EXPECT_EQ(columns.of("container"), std::optional<std::size_t>(4));  // "Path"
    EXPECT_EQ(columns.of("body"), std::optional<std::size_t>(5));
    EXPECT_EQ(columns.of("modified"), std::nullopt);
    try {
        (void)extract::csv::resolve_columns({{"title", "Name"}}, header, "list.csv");
        FAIL() << "a missing column was accepted";
    } catch (const UsageError& error) {
        EXPECT_EQ(std::string(error.what()), "the column \"Name\" (for title) is not in the header of list.csv");
        EXPECT_EQ(error.hint(), "the header has: ID, Title, Created By, created, Path, Notes");
    }
}

}  // namespace baton::test
