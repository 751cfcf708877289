// Office-generated HTML (tidy's legacy Word/FrontPage cases, CKEditor's paste-from-Word captures): no Office
// cruft survives, every text run and table cell of the input is in the output, Word lists become lists.
#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <filesystem>
#include <regex>
#include <string_view>

#include "convert/html/html_reader.hpp"
#include "convert/html/html_writer.hpp"
#include "convert/markdown/markdown_writer.hpp"
#include "convert/utf8.hpp"
#include "html_shape.hpp"
#include "support/test_support.hpp"

namespace baton::test {

namespace {


// Whitespace (no-break spaces too) collapsed to single spaces, trimmed.
std::string normalized(std::string_view text) {
    std::string out;
    bool space = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        const bool nbsp = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0;
        if (nbsp || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            if (nbsp) ++i;
            if (!space) out += ' ';
            space = true;
            continue;
        }
        out += static_cast<char>(c);
        space = false;
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string content_of(const xmlNode* node) {
    xmlChar* value = xmlNodeGetContent(node);
    std::string out = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return out;
}

bool is_hidden(std::string_view name) {
    return name == "head" || name == "script" || name == "style" || name == "title" || name == "xml" ||
           name == "noscript" || (name.find(':') != std::string_view::npos && name != "o:p");
}

struct InputText {
    std::vector<std::string> runs;
    std::vector<std::string> cells;
};

void collect(const xmlNode* node, InputText& text) {
    for (; node; node = node->next) {
        if (node->type == XML_TEXT_NODE) {
            const std::string run = normalized(content_of(node));
            if (!run.empty()) text.runs.push_back(run);
            continue;
        }
        if (node->type != XML_ELEMENT_NODE) continue;
        const std::string_view name = reinterpret_cast<const char*>(node->name);
        if (is_hidden(name)) continue;
        if (name == "td" || name == "th") {
            const std::string cell = normalized(content_of(node));
            if (!cell.empty()) text.cells.push_back(cell);
        }
        collect(node->children, text);
    }
}

// The visible text of the input, read with libxml2 directly. Word's list markers ("1.", "·" inside
// <![if !supportLists]>) are left out: they become the numbering of real lists.
InputText input_text(const std::string& html) {
    std::string cleaned = std::regex_replace(html, std::regex(R"(<!\[if !supportLists\]>[\s\S]*?<!\[endif\]>)"), "");
    cleaned = std::regex_replace(cleaned, std::regex(R"(<!\[(if [^\]]*|endif)\]>)"), "");
    InputText text;
    xmlDoc* doc = htmlReadMemory(cleaned.data(), static_cast<int>(cleaned.size()), nullptr, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    if (!doc) return text;
    collect(xmlDocGetRootElement(doc), text);
    xmlFreeDoc(doc);
    return text;
}

std::string output_text(const std::string& html) {
    xmlDoc* doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    if (!doc) return {};
    std::string text = normalized(content_of(xmlDocGetRootElement(doc)));
    xmlFreeDoc(doc);
    return text;
}

std::vector<std::string> office_fixtures() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(fixture("html"))) {
        const auto name = entry.path().filename().string();
        if (entry.path().extension() == ".html" && name != "expected.html" &&
            entry.path().parent_path().filename() != "expects") {
            files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string lower(std::string text) {
    for (auto& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

}  // namespace

TEST(OfficeHtml, NoCruftSurvivesAndEveryTextRunAndCellIsKept) {
    const auto files = office_fixtures();
    ASSERT_EQ(files.size(), 15u);  // PROVENANCE 5a: 8 tidy cases; 5b: 7 CKEditor captures
    std::size_t runs = 0;
    std::size_t cells = 0;
    for (const auto& file : files) {
        const std::string input = utf8_or_latin1(read_file(file));
        const auto document = convert::read_html(input);
        const std::string html = convert::write_html(document);
        const std::string markdown = convert::write_markdown(document);
        for (const std::string& output : {html, markdown}) {
            const std::string text = lower(output);
            EXPECT_EQ(text.find("mso-"), std::string::npos) << file;
            EXPECT_EQ(text.find("o:p"), std::string::npos) << file;
            EXPECT_EQ(text.find("<!--"), std::string::npos) << file;
            EXPECT_EQ(text.find("[if"), std::string::npos) << file;
            EXPECT_EQ(text.find("endif"), std::string::npos) << file;
            EXPECT_EQ(text.find("<font"), std::string::npos) << file;
            EXPECT_EQ(text.find("<span"), std::string::npos) << file;
            EXPECT_EQ(text.find("style="), std::string::npos) << file;
        }
        const auto expected = input_text(input);
        runs += expected.runs.size();
        cells += expected.cells.size();
        const std::string got = output_text(html);
        for (const auto& run : expected.runs) EXPECT_NE(got.find(run), std::string::npos) << "run \"" << run << "\" of " << file;
        for (const auto& cell : expected.cells) {
            EXPECT_NE(got.find(cell), std::string::npos) << "cell \"" << cell << "\" of " << file;
        }
    }
    // Guards against a vacuous check (two tidy cases have empty bodies; empty cells are not counted).
    EXPECT_GT(runs, 50u);
    EXPECT_GT(cells, 20u);
}

TEST(OfficeHtml, WordListParagraphsBecomeAnOrderedList) {
    const auto document =
        convert::read_html(read_file(fixture("html/ckeditor4-pastefromword/Ordered_list/word2013/chrome.html")));
    ASSERT_EQ(document.blocks.size(), 1u);
    const auto& list = document.blocks[0];
    ASSERT_EQ(list.kind, convert::NodeKind::list);
    EXPECT_EQ(list.list_style, convert::ListStyle::ordered);
    std::vector<std::string> items;
    for (const auto& item : list.children) items.push_back(normalized(convert::plain_text(item)));
    EXPECT_EQ(items, (std::vector<std::string>{"This", "Is", "A", "One", "Level", "Ordered", "List"}));
    EXPECT_EQ(convert::write_html(document),
              "<ol>\n<li>This</li>\n<li>Is</li>\n<li>A</li>\n<li>One</li>\n<li>Level</li>\n<li>Ordered</li>\n"
              "<li>List</li>\n</ol>\n");
}

TEST(OfficeHtml, OneNoteNestedListKeepsItsNesting) {
    const auto document =
        convert::read_html(read_file(fixture("html/ckeditor4-pastefromword/Unordered_nested_list/onenote/chrome.html")));
    ASSERT_EQ(document.blocks.size(), 1u);
    const auto& outer = document.blocks[0];
    ASSERT_EQ(outer.kind, convert::NodeKind::list);
    ASSERT_EQ(outer.children.size(), 1u);
    ASSERT_EQ(outer.children[0].children.size(), 1u);
    const auto& inner = outer.children[0].children[0];
    ASSERT_EQ(inner.kind, convert::NodeKind::list);
    EXPECT_EQ(inner.list_style, convert::ListStyle::bullet);
    ASSERT_EQ(inner.children.size(), 3u);
    EXPECT_EQ(normalized(convert::plain_text(inner.children[2])), "Three");
}

TEST(OfficeHtml, WordTablesStayDataTables) {
    // PROVENANCE 5b: Simple_table has 3 rows, 9 cells; Table_word 9 rows, 34 cells.
    const auto count = [](const convert::Document& document, std::size_t& rows, std::size_t& cells) {
        rows = cells = 0;
        for (const auto& block : document.blocks) {
            if (block.kind != convert::NodeKind::table) continue;
            rows += block.children.size();
            for (const auto& row : block.children) cells += row.children.size();
        }
    };
    std::size_t rows = 0;
    std::size_t cells = 0;
    count(convert::read_html(read_file(fixture("html/ckeditor4-pastefromword/Simple_table/word2013/firefox.html"))),
          rows, cells);
    EXPECT_EQ(rows, 3u);
    EXPECT_EQ(cells, 9u);
    count(convert::read_html(read_file(fixture("html/ckeditor4-pastefromword/Table_word/office365/datatransfer.html"))),
          rows, cells);
    EXPECT_EQ(rows, 9u);
    EXPECT_EQ(cells, 34u);
}

TEST(OfficeHtml, LayoutTablesAreUnwrapped) {
    const auto document = convert::read_html(
        "<table role=presentation><tr><td><p>left</p></td><td><p>right</p></td></tr></table>"
        "<table><tr><td><table><tr><td>a</td><td>b</td></tr></table></td></tr></table>"
        "<table><tr><td>only cell</td></tr></table>");
    ASSERT_EQ(document.blocks.size(), 4u);  // left, right; the nested data table; "only cell"
    EXPECT_EQ(document.blocks[0].kind, convert::NodeKind::paragraph);
    EXPECT_EQ(document.blocks[1].kind, convert::NodeKind::paragraph);
    EXPECT_EQ(convert::write_html(document),
              "<p>left</p>\n<p>right</p>\n<table>\n<tr><td>a</td><td>b</td></tr>\n</table>\n<p>only cell</p>\n");
}

}  // namespace baton::test
