// Static HTML intranets: a generated tree with folders, encodings, links between pages and linked files.
#include <gtest/gtest.h>

#include <filesystem>

#include "extractors/html/html_extractor.hpp"
#include "support/test_support.hpp"
#include "workspace/attributes_json.hpp"

namespace baton::test {
namespace {

std::vector<std::string> attribute_values(workspace::Workspace& workspace, const std::string& key,
                                          const std::string& attribute) {
    std::vector<std::string> values;
    for (const auto& [name, value] : workspace::attributes_from_json(
             query_text(workspace, "SELECT coalesce(attributes, '') FROM items WHERE key = '" + key + "'"))) {
        if (name == attribute) values.push_back(value);
    }
    return values;
}

// A small file-share intranet: pages in three encodings, a subfolder with a PDF and an image.
struct Intranet {
    Intranet() : root(dir.path() / "intranet") {
        namespace fs = std::filesystem;
        fs::create_directories(root / "docs" / "images");
        write_file((root / "index.html").string(),
                   "\xEF\xBB\xBF<html><head><title>Intranet \xC3\xA9quipe</title>"
                   "<meta name=\"author\" content=\"Alice Martin\"><meta name=\"keywords\" content=\"HR, Policies\">"
                   "<meta name=\"date\" content=\"2003-04-05\"></head><body>"
                   "<a href=\"docs/handbook.htm\">Handbook</a> <a href=\"docs/report.pdf#page=2\">Report</a> "
                   "<a href=\"../outside.html\">out</a> <a href=\"http://example.org/\">ext</a> "
                   "<a href=\"mailto:hr@example.org\">mail</a> <a href=\"docs\\missing.doc\">gone</a> "
                   "<a href=\"javascript:void(0)\">js</a> <a href=\"#top\">top</a> <a href=\"docs/\">docs</a>"
                   "<a href=\"\\\\fileserver\\hr\\form.doc\">share</a>"
                   "</body></html>");
        write_file((root / "docs" / "handbook.htm").string(),
                   "<html><head><meta http-equiv=Content-Type content=\"text/html; charset=iso-8859-1\">"
                   "<title>\x93Handbook\x94 \x80 2002</title></head><body><p>Caf\xE9</p>"
                   "<img src=\"images/logo.gif\"><a href=\"../index.html\">home</a> <a href=\"report.pdf\">again</a>"
                   "</body></html>");
        write_file((root / "docs" / "index.html").string(), "<title>Docs</title><h1>Docs</h1>");
        write_file((root / "docs" / "report.pdf").string(), "%PDF-1.4\n%%EOF\n");
        write_file((root / "docs" / "images" / "logo.gif").string(), "GIF89a");
        write_file((root / "legacy.htm").string(), "<h1>Caf\xE9 menu</h1>");  // nothing declared, not UTF-8
        write_file((root / "liar.html").string(), "<meta charset=utf-8><title>na\xEFve</title>");
        write_file((root / "notes.txt").string(), "not a page");
        write_file((root / "holes.htm").string(), "<meta charset=windows-1252><title>A\x81" "B</title>");
    }
    TempDir dir;
    std::filesystem::path root;
};

}  // namespace

TEST(HtmlTree, FoldersPagesLinksAndAttachments) {
    Intranet intranet;
    workspace::Workspace workspace(intranet.dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "html", intranet.root.string());

    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items WHERE kind = 'page'"), 6);
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(key, ' ') FROM (SELECT key FROM items WHERE kind = 'attachment' "
                                    "ORDER BY key)"),
              "file:docs/images/logo.gif file:docs/report.pdf");
    // Pages are read in sorted order (docs/ before index.html): the handbook links the report first.
    EXPECT_EQ(query_text(workspace, "SELECT parent_key FROM items WHERE key = 'file:docs/report.pdf'"), "page:docs/handbook.htm");
    EXPECT_EQ(query_text(workspace, "SELECT parent_key FROM items WHERE key = 'file:docs/images/logo.gif'"),
              "page:docs/handbook.htm");
    EXPECT_EQ(item_attribute(workspace, "file:docs/report.pdf", "size"), "15");
    EXPECT_EQ(query_text(workspace, "SELECT parent_key FROM containers WHERE key = 'folder:docs/images'"), "folder:docs");

    const std::string index = "page:index.html";
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = '" + index + "'"), "Intranet \xC3\xA9quipe");
    EXPECT_EQ(item_attribute(workspace, index, "encoding_source"), "bom");
    EXPECT_EQ(query_text(workspace, "SELECT p.display_name FROM items i JOIN people p ON p.id = i.author_id WHERE i.key = '" +
                                        index + "'"),
              "Alice Martin");
    EXPECT_EQ(query_text(workspace, "SELECT created_at FROM items WHERE key = '" + index + "'"), "2003-04-05");
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(c.name, ',') FROM item_containers ic JOIN containers c ON "
                                    "c.id = ic.container_id WHERE ic.item_id = (SELECT id FROM items WHERE key = '" +
                                        index + "') ORDER BY ic.position"),
              "HR,Policies");
    EXPECT_EQ(item_attribute(workspace, index, "link_count"), "9");  // javascript: is not a link
    EXPECT_EQ(attribute_values(workspace, index, "link_page"),
              (std::vector<std::string>{"docs/handbook.htm", "docs/index.html"}));
    EXPECT_EQ(attribute_values(workspace, index, "link_file"), (std::vector<std::string>{"docs/report.pdf"}));
    EXPECT_EQ(attribute_values(workspace, index, "link_outside"),
              (std::vector<std::string>{"../outside.html", "\\\\fileserver\\hr\\form.doc"}));
    EXPECT_EQ(attribute_values(workspace, index, "link_external"),
              (std::vector<std::string>{"http://example.org/", "mailto:hr@example.org"}));
    EXPECT_EQ(attribute_values(workspace, index, "link_missing"), (std::vector<std::string>{"docs/missing.doc"}));
    EXPECT_EQ(attribute_values(workspace, index, "link_anchor"), (std::vector<std::string>{"#top"}));

    // windows-1252 bytes declared as latin1: the curly quotes and the euro sign of Word.
    const std::string handbook = "page:docs/handbook.htm";
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = '" + handbook + "'"),
              "\xE2\x80\x9CHandbook\xE2\x80\x9D \xE2\x82\xAC 2002");
    EXPECT_NE(query_text(workspace, "SELECT body FROM items_with_body WHERE key = '" + handbook + "'").find("Caf\xC3\xA9"),
              std::string::npos);
    EXPECT_EQ(attribute_values(workspace, handbook, "embed_file"), (std::vector<std::string>{"docs/images/logo.gif"}));
    EXPECT_EQ(attribute_values(workspace, handbook, "link_page"), (std::vector<std::string>{"index.html"}));
    EXPECT_EQ(query_text(workspace, "SELECT c.key FROM item_containers ic JOIN containers c ON c.id = ic.container_id "
                                    "WHERE ic.item_id = (SELECT id FROM items WHERE key = '" + handbook + "')"),
              "folder:docs");

    // Nothing declared and not UTF-8: read as windows-1252; a false UTF-8 declaration is reported.
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = 'page:legacy.htm'"), "Caf\xC3\xA9 menu");
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = 'page:liar.html'"), "na\xC3\xAFve");
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(code || ' ' || severity || ' ' || item_key, ' / ') FROM "
                                    "(SELECT * FROM messages ORDER BY id)"),
              "html.undecodable-bytes warning page:holes.htm / html.wrong-charset warning page:liar.html");
    EXPECT_EQ(query_text(workspace, "SELECT text FROM messages WHERE code = 'html.undecodable-bytes'"),
              "1 byte not defined in windows-1252 replaced");
    // windows-1252's hole 0x81 becomes the C1 control U+0081, as browsers read it.
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = 'page:holes.htm'"), "A\xC2\x81" "B");
    EXPECT_EQ(query_text(workspace, "SELECT outcome FROM runs"), "succeeded");

    // Reading the same tree again changes nothing.
    extract_source(workspace, "html", intranet.root.string());
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM item_changes WHERE run_id = 2"), 0);
}

TEST(HtmlTree, MissingFolderAndSingleFileAreRefused) {
    TempDir dir;
    const auto missing = extract::create_html_extractor(dir.file("nowhere"));
    try {
        (void)missing->open();
        FAIL() << "a missing folder was accepted";
    } catch (const InputError& error) {
        EXPECT_EQ(error.code(), ExitCode::input_unreadable);
        EXPECT_EQ(error.position().file, dir.file("nowhere"));
    }
    write_file(dir.file("page.html"), "<p>x</p>");
    const auto single = extract::create_html_extractor(dir.file("page.html"));
    try {
        (void)single->open();
        FAIL() << "a single page was accepted as a tree";
    } catch (const InputError& error) {
        EXPECT_EQ(error.code(), ExitCode::unrecognised_format);
    }
}

}  // namespace baton::test
