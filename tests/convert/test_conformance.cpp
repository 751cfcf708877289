// Conformance with pandoc's reader tests: our top-level block structure against pandoc's expected .native.
#include <gtest/gtest.h>

#include <iostream>

#include "convert/dokuwiki/dokuwiki_reader.hpp"
#include "convert/html/html_reader.hpp"
#include "convert/mediawiki/wikitext_reader.hpp"
#include "support/pandoc_native.hpp"
#include "support/test_support.hpp"

namespace baton::test {

namespace {

void show_difference(const std::vector<std::string>& expected, const std::vector<std::string>& ours) {
    std::string a;
    std::string b;
    for (const auto& tag : expected) a += tag + ' ';
    for (const auto& tag : ours) b += tag + ' ';
    std::cout << "pandoc: " << a << "\nbaton:  " << b << '\n';
}

}  // namespace

TEST(PandocNative, ParserReadsTheTopLevelBlocksOnly) {
    const std::string native =
        "Pandoc\n  Meta { unMeta = fromList [] }\n  [ Header 1 ( \"a\" , [] , [] ) [ Str \"a\" ]\n  , Header\n"
        "      3\n      ( \"b\" , [] , [] )\n  , BulletList\n      [ [ Para [ Str \"x\" ] ] ]\n"
        "  , HorizontalRule\n  , Figure\n  , CodeBlock ( \"\" , [] , [] ) \"x\"\n  ]\n";
    EXPECT_EQ(native_block_tags(native), (std::vector<std::string>{"H1", "H3", "UL", "P", "C"}));
    EXPECT_EQ(native_block_tags("[Para [Str \"a\"]\n ,Para [Str \"nested\"]\n,Header 2 (\"\",[],[]) []\n,Table (\"\",[],[])\n"),
              (std::vector<std::string>{"P", "H2", "T"}));
    EXPECT_DOUBLE_EQ(sequence_agreement({"P", "P", "UL"}, {"P", "UL"}), 80.0);
    EXPECT_DOUBLE_EQ(sequence_agreement({"P"}, {"Q"}), 0.0);
}

TEST(PandocConformance, MediaWikiReaderBlockStructure) {
    const auto expected = native_block_tags(read_file(fixture("pandoc/mediawiki-reader.native")));
    // PROVENANCE: Header 29, Para 60, Table 8, Figure 7, OrderedList 6, BulletList 2, DefinitionList 3,
    // CodeBlock 3, BlockQuote 1 top-level blocks are compared (HorizontalRule 2 and RawBlock 6 are not).
    ASSERT_EQ(expected.size(), 29u + 60u + 8u + 7u + 6u + 2u + 3u + 3u + 1u);
    const auto ours = document_block_tags(convert::read_wikitext(read_file(fixture("pandoc/mediawiki-reader.wiki"))));
    const double agreement = sequence_agreement(expected, ours);
    std::cout << "mediawiki-reader.wiki: block structure agreement with pandoc " << agreement << " %\n";
    if (agreement < 100.0) show_difference(expected, ours);
    EXPECT_GE(agreement, 95.0);
}

TEST(PandocConformance, HtmlReaderBlockStructure) {
    const auto expected = native_block_tags(read_file(fixture("pandoc/html-reader.native")));
    // PROVENANCE: Header 39, Para 121, Table 18, BulletList 12, OrderedList 16, CodeBlock 5, BlockQuote 6,
    // DefinitionList 1 (HorizontalRule 27 not compared).
    ASSERT_EQ(expected.size(), 39u + 121u + 18u + 12u + 16u + 5u + 6u + 1u);
    const auto ours = document_block_tags(convert::read_html(read_file(fixture("pandoc/html-reader.html"))));
    const double agreement = sequence_agreement(expected, ours);
    std::cout << "html-reader.html: block structure agreement with pandoc " << agreement << " %\n";
    if (agreement < 100.0) show_difference(expected, ours);
    EXPECT_GE(agreement, 95.0);
}

}  // namespace baton::test

namespace baton::test {

// PROVENANCE 6: the dokuwiki_*.dokuwiki files are pandoc's writer outputs from the .native beside them, so
// reading them back must give the .native's block structure (DokuWiki has no table captions: pandoc writes a
// caption as the paragraph before the table, so that is what is expected).
TEST(PandocConformance, DokuWikiReaderReadsPandocsDokuWikiOutput) {
    std::vector<std::string> expected;
    std::vector<std::string> ours;
    for (const char* name : {"dokuwiki_inline_formatting", "dokuwiki_multiblock_table", "dokuwiki_external_images"}) {
        const auto native = native_block_tags(read_file(fixture(std::string("pandoc/") + name + ".native")), true);
        const auto read = document_block_tags(
            convert::read_dokuwiki(read_file(fixture(std::string("pandoc/") + name + ".dokuwiki"))));
        expected.insert(expected.end(), native.begin(), native.end());
        ours.insert(ours.end(), read.begin(), read.end());
    }
    ASSERT_FALSE(expected.empty());
    const double agreement = sequence_agreement(expected, ours);
    std::cout << "dokuwiki_*.dokuwiki: block structure agreement with pandoc " << agreement << " %\n";
    if (agreement < 100.0) show_difference(expected, ours);
    EXPECT_GE(agreement, 95.0);
}

}  // namespace baton::test
