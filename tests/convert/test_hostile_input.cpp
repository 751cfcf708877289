// Hostile nesting and unclosed constructs: every reader finishes, without deep recursion, and flags what it cut.
#include <gtest/gtest.h>

#include "convert/registry.hpp"

namespace baton::test {

namespace {

std::string repeat(const std::string& text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) out += text;
    return out;
}

convert::Conversion convert_with(const std::string& reader, const std::string& input) {
    return convert::convert_text(input, *convert::find_reader(reader), *convert::find_writer("markdown"));
}

}  // namespace

TEST(HostileInput, DeepWikitextNestingIsCut) {
    const auto quotes = convert_with("mediawiki", repeat("<blockquote>", 20000) + "x");
    EXPECT_FALSE(quotes.output.empty());
    const auto tables = convert_with("mediawiki", repeat("{|\n|\n", 20000) + "x");
    EXPECT_GE(tables.report.raw_nodes, 1u);
    EXPECT_EQ(tables.report.reasons.back(), "nested too deeply");
    const auto lists = convert_with("mediawiki", std::string(100000, '*') + " item");
    EXPECT_NE(lists.output.find("item"), std::string::npos);
    const auto bold = convert_with("mediawiki", repeat("<b>", 100000) + "x");
    EXPECT_NE(bold.output.find('x'), std::string::npos);
    EXPECT_FALSE(convert_with("mediawiki", repeat("<ref>", 20000) + "x").output.empty());
    const auto html_lists = convert_with("mediawiki", repeat("<ol><li>x", 20000));
    EXPECT_NE(html_lists.output.find('x'), std::string::npos);
}

TEST(HostileInput, UnclosedWikitextConstructsStayText) {
    const auto links = convert_with("mediawiki", repeat("[[", 50000) + "x" + repeat("]]", 50000));
    EXPECT_NE(links.output.find('x'), std::string::npos);
    const auto braces = convert_with("mediawiki", repeat("{{", 50000) + "x");
    EXPECT_NE(braces.output.find('x'), std::string::npos);
    const auto mixed = convert_with("mediawiki", repeat("<code>", 20000) + repeat("&", 20000) + repeat("<", 20000) +
                                                     repeat("[http://x ", 20000));
    EXPECT_NE(mixed.output.find("http://x"), std::string::npos);
}

TEST(HostileInput, UnclosedShortcodesAndComments) {
    const auto shortcodes = convert_with("wordpress", repeat("[x ", 20000) + repeat("[y]", 20000) + repeat("<!-- wp:", 1000));
    EXPECT_EQ(shortcodes.report.raw_nodes, 20000u);  // every [y] is an unknown shortcode, flagged
    const auto conditionals = convert_with("html", repeat("<![if ", 50000));
    EXPECT_NE(conditionals.output.find("\\[if"), std::string::npos);
    const auto nested = convert_with("html", repeat("<div><b><ul><li>", 50000) + "deep");
    // libxml2 reads 256 levels; the loss is flagged, not silent.
    ASSERT_GE(nested.report.raw_nodes, 1u);
    EXPECT_EQ(nested.report.reasons.back(), "elements nested more than 256 deep: the rest of the text was not read");
}

}  // namespace baton::test
