// The Markdown round trip: our Markdown rendered by cmark-gfm has the structure and text of our HTML.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>

#include "convert/registry.hpp"
#include "html_shape.hpp"
#include "support/test_support.hpp"

namespace baton::test {

namespace {

// cmark-gfm with the GFM extensions target platforms enable (Debian's cmark-gfm, see scripts/setup-debian.sh).
std::string cmark_gfm(const std::string& markdown, const TempDir& dir) {
    const std::string input = dir.file("in.md");
    write_file(input, markdown);
    const std::string command = "cmark-gfm -e table -e strikethrough -e autolink '" + input + "' 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), &pclose);
    if (!pipe) return "(cmark-gfm did not run)";
    std::string out;
    std::array<char, 4096> buffer{};
    while (const auto read = std::fread(buffer.data(), 1, buffer.size(), pipe.get())) out.append(buffer.data(), read);
    return out;
}

struct RoundTrip {
    std::string html_shape;      // of our HTML writer's output
    std::string markdown_shape;  // of cmark-gfm's rendering of our Markdown writer's output
    std::string markdown;
};

RoundTrip round_trip(const std::string& text, const std::string& reader_name, const TempDir& dir) {
    const auto* reader = convert::find_reader(reader_name);
    RoundTrip result;
    result.html_shape = html_shape(convert::convert_text(text, *reader, *convert::find_writer("html")).output);
    result.markdown = convert::convert_text(text, *reader, *convert::find_writer("markdown")).output;
    result.markdown_shape = html_shape(cmark_gfm(result.markdown, dir));
    return result;
}

// Returns whether the document had any content (a few Office fixtures have an empty body).
bool expect_same_shape(const std::string& text, const std::string& reader, const std::string& name) {
    TempDir dir;
    const RoundTrip trip = round_trip(text, reader, dir);
    EXPECT_EQ(trip.markdown_shape, trip.html_shape) << name << ": the Markdown was\n" << trip.markdown;
    return !trip.html_shape.empty();
}

std::string reader_for(const std::filesystem::path& file) {
    const std::string extension = file.extension().string();
    if (extension == ".wiki" || extension == ".mediawiki") return "mediawiki";
    if (extension == ".dokuwiki") return "dokuwiki";
    if (extension == ".storage") return "confluence";
    if (extension == ".wp") return "wordpress";
    if (extension == ".html" || extension == ".html4" || extension == ".html5" || extension == ".htm") return "html";
    return {};
}

}  // namespace

TEST(MarkdownRoundTrip, PandocFixtures) {
    int documents = 0;
    for (const auto& entry : std::filesystem::directory_iterator(fixture("pandoc"))) {
        const std::string reader = reader_for(entry.path());
        if (reader.empty()) continue;
        documents += expect_same_shape(read_file(entry.path().string()), reader, entry.path().filename().string());
    }
    EXPECT_GE(documents, 8);
}

TEST(MarkdownRoundTrip, GoldenInputsAndOfficeHtml) {
    int documents = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(source_file("tests/golden/convert"))) {
        const auto& path = entry.path();
        if (path.string().ends_with(".out.html")) continue;
        const std::string reader = path.parent_path().filename() == "html" ? "html" : reader_for(path);
        if (reader.empty() || path.extension() == ".md" || path.extension() == ".tree") continue;
        documents += expect_same_shape(read_file(path.string()), reader, path.filename().string());
    }
    for (const auto& entry : std::filesystem::recursive_directory_iterator(fixture("html"))) {
        if (!entry.is_regular_file() || reader_for(entry.path()) != "html") continue;
        documents += expect_same_shape(utf8_or_latin1(read_file(entry.path().string())), "html", entry.path().string());
    }
    EXPECT_GE(documents, 30);  // 5 golden inputs, and the Office fixtures with content
}

// Hand-made documents for what Markdown makes hard: characters with a meaning, line starts, emphasis next
// to punctuation, text that GFM would autolink, code with backticks, URLs with spaces and parentheses.
TEST(MarkdownRoundTrip, HandMadeDocuments) {
    const std::vector<std::pair<std::string, std::string>> documents = {
        {"html", "<p>Stars * and _underscores_ and [brackets] and <code>a|b</code> | pipes \\ backslash `tick` "
                 "&amp;amp; ~tilde~ ~~strike~~ !bang #hash &lt;tag&gt;</p>"},
        {"html", "<p>1. not a list</p><p>- not a list</p><p>+ not a list</p><p># not a heading</p><p>&gt; not a "
                 "quote</p><p>=== not setext</p><p>--- not a rule</p><p>1986) a year</p>"},
        {"html", "<p>x<em>y</em>z and <strong>bold</strong>text and <em>it</em>alic and foo<strong>bar</strong>baz "
                 "and (<em>paren</em>) and <strong><em>both</em></strong> and <em><strong>both</strong></em> and "
                 "<em>*starred*</em> and <strong>a_b</strong>_c and \"<em>quoted</em>\"</p>"},
        {"html", "<p>see http://example.com and www.example.com, or ftp://files.example.com and "
                 "https://x.org/a_b?c=d and awww.example.com</p>"},
        {"html", "<p><code>``double``</code> and <code>`</code> and <code> padded </code></p><pre><code>```\nfenced\n"
                 "```\n</code></pre>"},
        {"html", "<p><a href=\"https://example.com/a b/(c)\" title='say \"hi\"'>link <em>text</em></a> and "
                 "<img src=\"https://example.com/x y.png\" alt=\"an [alt]\"></p>"},
        {"html", "<ul><li>one<ul><li>nested <strong>strong</strong></li></ul></li><li>two</li></ul><ul><li>next list"
                 "</li></ul><ol start=\"9\"><li>nine</li><li>ten</li></ol><ol><li>a</li></ol><ol><li>b</li></ol>"},
        {"html", "<p>paragraph</p><ol start=\"3\"><li>three</li></ol><blockquote><p>quoted</p><ul><li>item</li></ul>"
                 "</blockquote>"},
        {"html", "<table><caption>Caption | with pipe</caption><tr><td>a | b</td><td><p>para</p><p>two</p></td></tr>"
                 "<tr><td>c</td></tr></table>"},
        {"html", "<table><tr><th>h1</th><th>h2</th></tr><tr><td><em>x</em></td><td>y<br>z</td></tr></table>"},
        {"html", "<h2>Heading with # hash #</h2><p>line<br>break</p><hr><h3>*stars*</h3>"},
        {"html", "<dl><dt>Term</dt><dd>Definition</dd><dt>Other</dt><dd>More</dd></dl>"},
        {"html", "<ul><li><p>loose</p><p>item</p></li><li>tight</li></ul>"},
        {"mediawiki", "; term : definition\n* a\n** b\n# c\n#* d\n\n{{Template|x=1}}\n\n<math>x^2</math>\n"},
        {"mediawiki", "'''bold''' ''italic'' [[Page|label]] [https://example.com ext] [[File:x.png|alt text]]\n"},
        {"dokuwiki", "**bold** //italic// ''mono'' [[page|label]]\n  * a\n  * b\n\n^ h ^ h2 ^\n| c | d |\n"},
        {"wordpress", "First paragraph\nwith a break\n\n[gallery ids=\"1,2\"]\n\n[caption]<img src=\"/x.png\" "
                      "alt=\"x\"> Caption text[/caption]"},
    };
    for (std::size_t i = 0; i < documents.size(); ++i) {
        EXPECT_TRUE(expect_same_shape(documents[i].second, documents[i].first, "hand-made document " + std::to_string(i)));
    }
}

// What GFM cannot say: emphasis whose closing delimiter could not be right-flanking is left out (its text
// kept, no stray delimiter), and e-mail addresses in text are always linked by the autolink extension.
TEST(MarkdownRoundTrip, KnownLimits) {
    TempDir dir;
    const auto& reader = *convert::find_reader("html");
    const auto& markdown = *convert::find_writer("markdown");
    EXPECT_EQ(convert::convert_text("<p>a<strong>\"b\"</strong>c and x<em>(y)</em>z</p>", reader, markdown).output,
              "a\"b\"c and x(y)z\n");
    const std::string mail = convert::convert_text("<p>mail someone@example.com</p>", reader, markdown).output;
    EXPECT_EQ(mail, "mail someone@example.com\n");
    EXPECT_EQ(cmark_gfm(mail, dir), "<p>mail <a href=\"mailto:someone@example.com\">someone@example.com</a></p>\n");
}

// The comparison itself must see differences: a paragraph against a heading, a missing text run, another href.
TEST(MarkdownRoundTrip, TheShapeComparisonSeesDifferences) {
    EXPECT_NE(html_shape("<p>x</p>"), html_shape("<h1>x</h1>"));
    EXPECT_NE(html_shape("<p>x y</p>"), html_shape("<p>x</p>"));
    EXPECT_NE(html_shape("<p><a href=\"/a\">x</a></p>"), html_shape("<p><a href=\"/b\">x</a></p>"));
    EXPECT_NE(html_shape("<p><em>x</em></p>"), html_shape("<p>*x*</p>"));
    EXPECT_NE(html_shape("<ul><li>a</li><li>b</li></ul>"), html_shape("<ul><li>a b</li></ul>"));
    EXPECT_EQ(html_shape("<ul><li><p>a</p></li></ul>"), html_shape("<ul>\n<li>a</li>\n</ul>"));
    EXPECT_EQ(html_shape("<p>a  \n b</p>"), html_shape("<p>a b</p>"));
}

}  // namespace baton::test
