// Static HTML intranets: the Word, FrontPage and clipboard pages of ../shared/fixtures/html, and a generated tree.
#include <gtest/gtest.h>

#include <filesystem>

#include "extractors/common/utf8.hpp"
#include "extractors/html/html_encoding.hpp"
#include "extractors/html/html_page.hpp"
#include "support/test_support.hpp"
#include "workspace/attributes_json.hpp"

namespace baton::test {
namespace {

// Every value of `attribute` on item `key`, in order.
std::vector<std::string> attribute_values(workspace::Workspace& workspace, const std::string& key,
                                          const std::string& attribute) {
    std::vector<std::string> values;
    for (const auto& [name, value] : workspace::attributes_from_json(
             query_text(workspace, "SELECT coalesce(attributes, '') FROM items WHERE key = '" + key + "'"))) {
        if (name == attribute) values.push_back(value);
    }
    return values;
}

std::size_t occurrences(const std::string& text, const std::string& needle) {
    std::size_t count = 0;
    for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++count;
    return count;
}

struct ExtractedTree {
    explicit ExtractedTree(const std::string& root) : workspace(dir.file("w.db"), workspace::Access::create) {
        extract_source(workspace, "html", root);
    }
    std::string text(const std::string& sql) { return query_text(workspace, sql); }
    std::string field(const std::string& key, const std::string& column) {
        return text("SELECT coalesce(" + column + ", '') FROM items_with_body WHERE key = '" + key + "'");
    }
    std::string author(const std::string& key) {
        return text("SELECT coalesce((SELECT p.key FROM items i JOIN people p ON p.id = i.author_id WHERE i.key = '" + key +
                    "'), '')");
    }
    TempDir dir;
    workspace::Workspace workspace;
};

const std::string tidy = "page:cases/";

}  // namespace

TEST(HtmlFixtures, Word2000PageWithDocumentProperties) {
    ExtractedTree tree(fixture("html/tidy-legacy"));
    const std::string page = tidy + "case-1067112@1.html";
    EXPECT_EQ(tree.field(page, "title"), "Word 2000");
    EXPECT_EQ(item_attribute(tree.workspace, page, "meta:generator"), "Microsoft Word 9");
    EXPECT_EQ(tree.author(page), "name:AusAID");
    EXPECT_EQ(item_attribute(tree.workspace, page, "office:LastAuthor"), "AusAID");
    EXPECT_EQ(tree.field(page, "created_at"), "2004-11-16T02:41:00Z");
    EXPECT_EQ(tree.field(page, "modified_at"), "2004-11-16T02:41:00Z");
    EXPECT_EQ(item_attribute(tree.workspace, page, "office:Company"), "Australian Agency for International Development");
    EXPECT_EQ(item_attribute(tree.workspace, page, "encoding"), "windows-1252");
    EXPECT_EQ(item_attribute(tree.workspace, page, "link_count"), "0");
    EXPECT_EQ(tree.field(page, "body_format"), "html");
    const std::string body = tree.field(page, "body");
    EXPECT_NE(body.find("Some ordinary text to see how it handles paragraphs"), std::string::npos);
    EXPECT_EQ(body.find("<title>"), std::string::npos);  // the body only, not the head
    // Author and last author are the same person: one revision, by AusAID.
    EXPECT_EQ(query_int(tree.workspace, "SELECT count(*) FROM revisions WHERE item_id = (SELECT id FROM items WHERE key = '" +
                                            page + "')"),
              1);
}

TEST(HtmlFixtures, Word2000PagesWithAuthorAndLastAuthor) {
    ExtractedTree tree(fixture("html/tidy-legacy"));
    const std::string latin = tidy + "case-431721@1.html";
    EXPECT_EQ(tree.field(latin, "title"), "Joe-Bob Briggs LLP");
    EXPECT_EQ(tree.author(latin), "name:J.P. Morgan");
    EXPECT_EQ(item_attribute(tree.workspace, latin, "office:LastAuthor"), "CReitzel");
    EXPECT_EQ(tree.field(latin, "created_at"), "2000-12-05T03:06:00Z");
    EXPECT_EQ(tree.field(latin, "modified_at"), "2000-12-05T03:06:00Z");
    EXPECT_EQ(tree.text("SELECT group_concat(p.key, '|') FROM revisions r JOIN people p ON p.id = r.author_id WHERE "
                        "r.item_id = (SELECT id FROM items WHERE key = '" + latin + "') ORDER BY r.position"),
              "name:J.P. Morgan|name:CReitzel");
    // Bytes 0xB7 (the Symbol-font bullets) and 0xA0 (Word's spacerun blanks) come out as UTF-8.
    const std::string body = tree.field(latin, "body");
    EXPECT_EQ(extract::invalid_utf8_at(body), std::string::npos);
    EXPECT_EQ(occurrences(body, "\xC2\xB7"), 3U);
    EXPECT_GE(occurrences(body, "\xC2\xA0"), 1U);

    const std::string word = tidy + "case-470663@1.html";
    EXPECT_EQ(tree.field(word, "title"), "Test Input For Bug #470663");
    EXPECT_EQ(tree.author(word), "name:JoeBob");
    EXPECT_EQ(item_attribute(tree.workspace, word, "office:LastAuthor"), "Darrell");
    EXPECT_EQ(item_attribute(tree.workspace, word, "office:Company"), "J. P. Morgan & Co.");
    EXPECT_EQ(item_attribute(tree.workspace, word, "office:LastPrinted"), "2000-06-01T17:02:00Z");
    EXPECT_EQ(tree.field(word, "created_at"), "2000-12-05T03:06:00Z");
    EXPECT_EQ(query_int(tree.workspace, "SELECT count(*) FROM people WHERE key IN ('name:JoeBob', 'name:Darrell', "
                                        "'name:AusAID', 'name:J.P. Morgan', 'name:CReitzel')"),
              5);
}

TEST(HtmlFixtures, ProducersTitlesAndLinksOfEveryTidyCase) {
    ExtractedTree tree(fixture("html/tidy-legacy"));
    // The 8 cases/*.html and the 7 expects/*.html (tidy's expected output; expects/*.txt are not pages).
    EXPECT_EQ(query_int(tree.workspace, "SELECT count(*) FROM items WHERE kind = 'page' AND key LIKE 'page:cases/%'"), 8);
    EXPECT_EQ(query_int(tree.workspace, "SELECT count(*) FROM items WHERE kind = 'page' AND key LIKE 'page:expects/%'"), 7);
    EXPECT_EQ(query_int(tree.workspace, "SELECT count(*) FROM items"), 15);
    EXPECT_EQ(query_int(tree.workspace, "SELECT count(*) FROM containers WHERE kind = 'folder'"), 2);
    for (const char* word9 : {"case-1067112@1.html", "case-431721@1.html", "case-470663@1.html", "case-1359292@1.html",
                              "case-434100@2.html"}) {
        EXPECT_EQ(item_attribute(tree.workspace, tidy + word9, "meta:progid"), "Word.Document") << word9;
        EXPECT_EQ(item_attribute(tree.workspace, tidy + word9, "meta:generator"), "Microsoft Word 9") << word9;
    }
    EXPECT_EQ(item_attribute(tree.workspace, tidy + "case-2085175@0.html", "meta:generator"), "Microsoft Word 10 (filtered)");
    EXPECT_EQ(item_attribute(tree.workspace, tidy + "case-427838@1.html", "meta:generator"), "Microsoft FrontPage 4.0");
    EXPECT_EQ(item_attribute(tree.workspace, tidy + "case-586562@1.html", "meta:generator"), "Microsoft FrontPage 4.0");

    EXPECT_EQ(tree.field(tidy + "case-1359292@1.html", "title"), "1359292 - Word 2000");
    EXPECT_EQ(tree.field(tidy + "case-434100@2.html", "title"), "[ #434100 ] Error actually reported as a warning");
    EXPECT_EQ(tree.field(tidy + "case-2085175@0.html", "title"), "2085175");
    EXPECT_EQ(tree.field(tidy + "case-427838@1.html", "title"), "[ #427838 ] Name Anchor thrown away");
    EXPECT_EQ(tree.field(tidy + "case-586562@1.html", "title"), "[586562] Two Doctypes");
    EXPECT_NE(tree.field(tidy + "case-586562@1.html", "body").find("Two DOCTYPE's!"), std::string::npos);
    // FrontPage's latin1 declaration is read as windows-1252, as browsers do.
    EXPECT_EQ(item_attribute(tree.workspace, tidy + "case-586562@1.html", "declared_charset"), "iso-8859-1");
    EXPECT_EQ(item_attribute(tree.workspace, tidy + "case-586562@1.html", "encoding"), "windows-1252");

    // Links: the FrontPage fragment links bar twice and foo once (neither exists); Word 10's footnote is an anchor.
    const std::string frontpage = tidy + "case-427838@1.html";
    EXPECT_EQ(item_attribute(tree.workspace, frontpage, "link_count"), "3");
    EXPECT_EQ(attribute_values(tree.workspace, frontpage, "link_missing"),
              (std::vector<std::string>{"cases/bar", "cases/bar", "cases/foo"}));
    EXPECT_EQ(item_attribute(tree.workspace, tidy + "case-2085175@0.html", "link_count"), "1");
    EXPECT_EQ(item_attribute(tree.workspace, tidy + "case-2085175@0.html", "link_anchor"), "#_ftn2");
    EXPECT_EQ(query_int(tree.workspace, "SELECT count(*) FROM items WHERE kind = 'attachment'"), 0);
    EXPECT_EQ(query_int(tree.workspace, "SELECT count(*) FROM messages"), 0);
}

TEST(HtmlFixtures, CkeditorOfficeClipboardCaptures) {
    ExtractedTree tree(fixture("html/ckeditor4-pastefromword"));
    EXPECT_EQ(query_int(tree.workspace, "SELECT count(*) FROM items WHERE kind = 'page'"), 14);  // 7 captures + 7 expected
    const std::string table = "page:Table_word/office365/datatransfer.html";
    EXPECT_EQ(item_attribute(tree.workspace, table, "meta:generator"), "Microsoft Word 15");
    EXPECT_EQ(item_attribute(tree.workspace, table, "encoding"), "UTF-8");
    const std::string table_body = tree.field(table, "body");
    EXPECT_EQ(occurrences(table_body, "<table"), 1U);
    EXPECT_EQ(occurrences(table_body, "<tr"), 9U);
    EXPECT_EQ(occurrences(table_body, "<td"), 34U);
    EXPECT_EQ(occurrences(table_body, "<o:p>"), 26U);
    const std::string simple = tree.field("page:Simple_table/word2013/firefox.html", "body");
    EXPECT_EQ(occurrences(simple, "<table"), 1U);
    EXPECT_EQ(occurrences(simple, "<tr"), 3U);
    EXPECT_EQ(occurrences(simple, "<td"), 9U);
    EXPECT_EQ(occurrences(tree.field("page:Ordered_list/word2013/chrome.html", "body"), "<o:p>"), 7U);
    EXPECT_EQ(item_attribute(tree.workspace, "page:Unordered_nested_list/onenote/chrome.html", "meta:generator"),
              "Microsoft OneNote 15");
    // Clipboard captures have no <title>: the file name stands in; a heading when there is one.
    EXPECT_EQ(tree.field("page:Fonts/word2013/firefox.html", "title"), "firefox");
    EXPECT_EQ(tree.field("page:Paragraphs_with_headers/word2013/firefox.html", "title"), "Transforming Turn-Key Content");
    const std::string link = "page:Link/word2013/firefox.html";
    EXPECT_EQ(item_attribute(tree.workspace, link, "link_count"), "1");
    EXPECT_EQ(item_attribute(tree.workspace, link, "link_external"), "http://www.google.com");
    EXPECT_EQ(item_attribute(tree.workspace, "page:Link/expected.html", "link_external"), "http://www.google.com");
    // Folders become containers, nested as on disk.
    EXPECT_EQ(tree.text("SELECT parent_key FROM containers WHERE key = 'folder:Table_word/office365'"), "folder:Table_word");
    EXPECT_EQ(tree.text("SELECT c.key FROM item_containers ic JOIN containers c ON c.id = ic.container_id WHERE "
                        "ic.item_id = (SELECT id FROM items WHERE key = '" + table + "') AND ic.position = 0"),
              "folder:Table_word/office365");
}

TEST(HtmlEncoding, DeclaredBomAndGuessedEncodings) {
    using extract::html::detect_page_encoding;
    EXPECT_EQ(detect_page_encoding("\xEF\xBB\xBF<p>x</p>").name, "UTF-8");
    EXPECT_EQ(detect_page_encoding("\xFF\xFE<\0p\0").name, "UTF-16LE");
    EXPECT_EQ(detect_page_encoding("<meta charset=\"ISO-8859-1\">").name, "windows-1252");
    EXPECT_EQ(detect_page_encoding("<META HTTP-EQUIV=Content-Type CONTENT='text/html; charset=latin1'>").name,
              "windows-1252");
    EXPECT_EQ(detect_page_encoding("<meta http-equiv=Content-Type content=\"text/html; charset=iso-8859-15\">").name,
              "iso-8859-15");
    EXPECT_EQ(detect_page_encoding("<p>plain ascii</p>").name, "UTF-8");
    EXPECT_EQ(detect_page_encoding("<p>caf\xE9</p>").name, "windows-1252");
    const auto liar = detect_page_encoding("<meta charset=utf-8><p>caf\xE9</p>");
    EXPECT_EQ(liar.name, "windows-1252");
    EXPECT_TRUE(liar.declared_wrong);

    std::size_t replaced = 0;
    EXPECT_EQ(extract::html::to_utf8("\x93\x80\x81", {"windows-1252", "meta", "windows-1252", false}, replaced),
              "\xE2\x80\x9C\xE2\x82\xAC\xC2\x81");
    EXPECT_EQ(replaced, 1U);  // 0x81 is one of windows-1252's holes
    EXPECT_EQ(extract::html::to_utf8("\xEF\xBB\xBFok", {"UTF-8", "bom", {}, false}, replaced), "ok");
}

TEST(HtmlPages, OfficePropertiesFromAConditionalComment) {
    const auto properties = extract::html::office_document_properties(
        "[if gte mso 9]><xml>\n <o:DocumentProperties>\n  <o:Author>Ren&#233;e &amp; Co</o:Author>\n  <o:Template/>\n"
        "  <o:Created>2001-02-03T04:05:00Z</o:Created>\n </o:DocumentProperties>\n</xml><![endif]");
    ASSERT_EQ(properties.size(), 2U);
    EXPECT_EQ(properties[0], (std::pair<std::string, std::string>{"Author", "Ren\xC3\xA9" "e & Co"}));
    EXPECT_EQ(properties[1].second, "2001-02-03T04:05:00Z");
    EXPECT_TRUE(extract::html::office_document_properties("[if gte mso 9]><xml><o:OfficeDocumentSettings>").empty());
}

}  // namespace baton::test
