// Lotus Notes DXL exports with problems: bad embedded data, truncated files, other XML, hostile file names.
#include <gtest/gtest.h>

#include <filesystem>

#include "extractors/dxl/dxl_extractor.hpp"
#include "extractors/extract_job.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

const std::string header =
    "<?xml version='1.0' encoding='utf-8'?>\n"
    "<database xmlns='http://www.lotus.com/dxl' version='6.5' replicaid='ABCDEF0123456789' title='Team'>\n"
    "<databaseinfo numberofdocuments='2'/>\n";

std::string document(const std::string& unid, const std::string& items) {
    return "<document form='Memo'>\n<noteinfo noteid='1' unid='" + unid +
           "' sequence='1'><created><datetime>20100101T120000,00+01</datetime></created></noteinfo>\n"
           "<item name='Subject'><text>About " + unid + "</text></item>\n"
           "<item name='From'><text>CN=Ann Lee/O=Acme</text></item>\n" + items + "</document>\n";
}

struct Extracted {
    explicit Extracted(const std::string& xml) : workspace(dir.file("w.db"), workspace::Access::create) {
        write_file(dir.file("team.xml"), xml);
        try {
            extract_source(workspace, "dxl", dir.file("team.xml"));
        } catch (const InputError& caught) {
            error_code = caught.code();
            error_line = caught.position().line;
        }
    }
    TempDir dir;
    workspace::Workspace workspace;
    std::optional<ExitCode> error_code;
    std::int64_t error_line = 0;
};

}  // namespace

TEST(DxlErrors, BadBase64IsReportedTheDocumentKept) {
    Extracted dxl(header + document("A1", "<item name='$FILE'><object><file name='plan.pdf'><filedata>JVBE*Rg==</filedata>"
                                          "</file></object></item>\n") +
                  document("A2", "<item name='$FILE'><object><file name='ok.txt'><filedata>aGVsbG8=</filedata>"
                                 "</file></object></item>\n") +
                  "</database>\n");
    EXPECT_FALSE(dxl.error_code.has_value());
    EXPECT_EQ(query_int(dxl.workspace, "SELECT count(*) FROM items WHERE kind = 'document'"), 2);
    EXPECT_EQ(query_text(dxl.workspace, "SELECT severity || ' ' || code || ' ' || item_key || ' ' || line FROM messages"),
              "error dxl.bad-file-data doc:A1 8");  // line 8: the <filedata>
    EXPECT_NE(query_text(dxl.workspace, "SELECT text FROM messages").find("\"plan.pdf\""), std::string::npos);
    EXPECT_EQ(query_text(dxl.workspace, "SELECT outcome FROM runs"), "partial");
    const auto files = extract::files_dir_beside(dxl.dir.file("w.db")) / "dxl" / "ABCDEF0123456789";
    EXPECT_FALSE(std::filesystem::exists(files / "A1" / "plan.pdf"));  // no half-written file left
    EXPECT_EQ(read_file((files / "A2" / "ok.txt").string()), "hello");
    EXPECT_EQ(item_attribute(dxl.workspace, "file:A2/ok.txt", "size"), "5");
    EXPECT_EQ(query_text(dxl.workspace, "SELECT p.display_name FROM items i JOIN people p ON p.id = i.author_id WHERE "
                                        "i.key = 'doc:A1'"),
              "Ann Lee");  // From wins over $UpdatedBy
}

TEST(DxlErrors, HostileFileNamesStayInTheDocumentFolder) {
    Extracted dxl(header + document("B1", "<item name='$FILE'><object><file name='../../../escape.txt'><filedata>eA==</filedata>"
                                          "</file></object></item>\n") +
                  "</database>\n");
    const auto files = extract::files_dir_beside(dxl.dir.file("w.db"));
    EXPECT_EQ(read_file((files / "dxl" / "ABCDEF0123456789" / "B1" / "escape.txt").string()), "x");
    EXPECT_FALSE(std::filesystem::exists(dxl.dir.path() / "escape.txt"));
    EXPECT_FALSE(std::filesystem::exists(files / "escape.txt"));
    EXPECT_EQ(item_attribute(dxl.workspace, "file:B1/escape.txt", "file"), "dxl/ABCDEF0123456789/B1/escape.txt");
}

TEST(DxlErrors, TruncatedExportKeepsTheDocumentsBefore) {
    std::string xml = header;
    for (int n = 1; n <= 200; ++n) xml += document("C" + std::to_string(n), "");
    Extracted dxl(xml.substr(0, xml.find("</item>", xml.size() / 2) + 7));  // cut after an item, as a full disk does
    ASSERT_TRUE(dxl.error_code.has_value());
    EXPECT_EQ(*dxl.error_code, ExitCode::truncated_input);
    EXPECT_GT(dxl.error_line, 0);
    // Every document complete before the cut is kept (the stream delivers all it parsed before the fault).
    const std::string cut = xml.substr(0, xml.find("</item>", xml.size() / 2) + 7);
    std::int64_t complete = 0;
    for (auto at = cut.find("</document>"); at != std::string::npos; at = cut.find("</document>", at + 1)) ++complete;
    const auto kept = query_int(dxl.workspace, "SELECT count(*) FROM items WHERE kind = 'document'");
    EXPECT_GT(complete, 50);
    EXPECT_EQ(kept, complete);
    EXPECT_EQ(query_text(dxl.workspace, "SELECT outcome FROM runs"), "failed");
    EXPECT_EQ(query_int(dxl.workspace, "SELECT count(*) FROM messages WHERE code = 'truncated-input' AND file LIKE "
                                       "'%team.xml' AND line > 0"),
              1);
}

TEST(DxlErrors, OtherXmlIsNotDxl) {
    Extracted dxl("<?xml version='1.0'?><rss><channel/></rss>\n");
    ASSERT_TRUE(dxl.error_code.has_value());
    EXPECT_EQ(*dxl.error_code, ExitCode::unrecognised_format);
    EXPECT_NE(query_text(dxl.workspace, "SELECT text FROM messages").find("the root element is <rss>"), std::string::npos);
}

TEST(DxlErrors, WithoutAFilesFolderNothingIsWritten) {
    TempDir dir;
    write_file(dir.file("one.xml"), header + document("D1", "<item name='$FILE'><object><file name='a.txt'><filedata>"
                                                            "YWJj</filedata></file></object></item>\n") + "</database>\n");
    class Collect : public model::ModelSink {
    public:
        void person(model::Person) override {}
        void container(model::Container) override {}
        void item(model::Item item) override { items.push_back(std::move(item)); }
        void message(model::Message message) override { messages.push_back(std::move(message)); }
        std::vector<model::Item> items;
        std::vector<model::Message> messages;
    } sink;
    const auto extractor = extract::create_dxl_extractor(dir.file("one.xml"), {});
    (void)extractor->open();
    extractor->extract(sink, {});
    ASSERT_EQ(sink.items.size(), 2U);
    EXPECT_EQ(sink.items[1].key, "file:D1/a.txt");
    EXPECT_EQ(sink.items[1].attributes.front(), (std::pair<std::string, std::string>{"size", "3"}));
    for (const auto& [name, value] : sink.items[1].attributes) EXPECT_NE(name, "file");
    // The header claims 2 documents; there is 1.
    ASSERT_EQ(sink.messages.size(), 1U);
    EXPECT_EQ(sink.messages[0].code, "dxl.document-count");
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

}  // namespace baton::test
