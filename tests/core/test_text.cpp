// Tests for the shared text helpers: escaping, CSV fields, slugs, fingerprints.
#include <gtest/gtest.h>

#include "core/text.hpp"

namespace baton::text {

TEST(Text, HtmlEscapeNeutralisesMarkup) {
    EXPECT_EQ(html_escape("<script>alert('x') & \"y\"</script>"),
              "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;");
    EXPECT_EQ(html_escape("café"), "café");
}

TEST(Text, JsonEscapeHandlesControlCharacters) {
    EXPECT_EQ(json_string("a\"b\\c\nd\te\x01"), "\"a\\\"b\\\\c\\nd\\te\\u0001\"");
}

TEST(Text, CsvFieldQuotesOnlyWhenNeeded) {
    EXPECT_EQ(csv_field("plain"), "plain");
    EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
    EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(Text, SlugifyKeepsAsciiLettersAndDigits) {
    EXPECT_EQ(slugify("Human Resources"), "human-resources");
    EXPECT_EQ(slugify("  IT -- Help Desk 2.0 "), "it-help-desk-2-0");
    EXPECT_EQ(slugify("Zürich"), "z-rich");
    EXPECT_EQ(slugify("!!!"), "");
}

TEST(Text, TrimAndLower) {
    EXPECT_EQ(trim("  a b \n\t"), "a b");
    EXPECT_EQ(to_lower_ascii("Alice@Example.ORG"), "alice@example.org");
}

TEST(Text, FingerprintSeparatesFieldBoundaries) {
    EXPECT_NE(Fingerprint().add("ab").add("c").hex(), Fingerprint().add("a").add("bc").hex());
    EXPECT_EQ(Fingerprint().add("x").hex(), Fingerprint().add("x").hex());
    EXPECT_EQ(Fingerprint().add("x").hex().size(), 16U);
}

TEST(Text, UtcNowIsIso8601) {
    const std::string now = utc_now_iso();
    ASSERT_EQ(now.size(), 20U);
    EXPECT_EQ(now[10], 'T');
    EXPECT_EQ(now.back(), 'Z');
}

}  // namespace baton::text
