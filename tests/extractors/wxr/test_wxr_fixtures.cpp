// The facts ../shared/fixtures/PROVENANCE.md lists for every WordPress export fixture, checked after extraction.
#include <gtest/gtest.h>

#include <filesystem>

#include "extractors/wxr/wxr_test_support.hpp"

namespace baton::test {

using Keys = std::vector<std::string>;

TEST(WxrFixtures, SmallExportMatchesWordPressImportTest) {
    ExtractedWxr wxr("small-export.xml");
    EXPECT_EQ(wxr.authors(), 3);
    for (const char* login : {"admin", "editor", "author"}) {
        EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM people WHERE login = '" + std::string(login) + "'"), 1);
    }
    EXPECT_EQ(wxr.containers("category"), 30);
    EXPECT_EQ(wxr.containers("tag"), 3);
    EXPECT_EQ(wxr.items("post", "publish"), 5);
    EXPECT_EQ(wxr.items("post", "private"), 1);
    EXPECT_EQ(wxr.items("page", "publish"), 4);
    EXPECT_EQ(wxr.items("page", "draft"), 1);
    EXPECT_EQ(wxr.items("comment"), 1);
    EXPECT_EQ(wxr.count("kind <> 'comment'"), 11);  // get_posts(any)
    EXPECT_EQ(wxr.containers_of("title = 'Many Categories'").size(), 27U);
    Keys tags;
    for (const auto& key : wxr.containers_of("title = 'Private Post'")) {
        if (key.starts_with("post_tag:")) tags.push_back(key);
    }
    EXPECT_EQ(tags, (Keys{"post_tag:tag1", "post_tag:tag2", "post_tag:tag3"}));
    EXPECT_EQ(wxr.text("SELECT p.title FROM items c JOIN items p ON p.id = c.parent_id WHERE c.title = 'Child Page'"),
              "Parent Page");
    EXPECT_EQ(wxr.meta_on_items("i.kind <> 'comment'"), 17);
}

TEST(WxrFixtures, ValidWxr10) {
    ExtractedWxr wxr("valid-wxr-1.0.xml");
    EXPECT_EQ(wxr.count("kind <> 'comment'"), 6);
    EXPECT_EQ(wxr.items("post"), 3);
    EXPECT_EQ(wxr.items("page"), 3);
    EXPECT_EQ(wxr.authors(), 1);  // no author list in WXR 1.0; one author referenced by posts
    EXPECT_EQ(wxr.text("SELECT slug FROM containers WHERE kind = 'category' ORDER BY id LIMIT 1"), "alpha");
    EXPECT_EQ(wxr.text("SELECT slug FROM containers WHERE kind = 'tag' ORDER BY id LIMIT 1"), "chicken");
    EXPECT_EQ(wxr.containers("category"), 5);
    EXPECT_EQ(wxr.containers("tag"), 4);
    EXPECT_EQ(wxr.containers_of("key = '" + wxr.nth_item_key(2) + "'"),
              (Keys{"category:alpha", "post_tag:news", "post_tag:roar"}));
    EXPECT_EQ(wxr.containers_of("key = '" + wxr.nth_item_key(3) + "'"),
              (Keys{"post_tag:chicken", "category:child", "post_tag:face"}));
    EXPECT_EQ(wxr.items("comment"), 1);
    EXPECT_EQ(wxr.meta_on_items("i.kind <> 'comment'"), 13);
    EXPECT_EQ(wxr.text("SELECT format_version FROM sources"), "1.0");
}

TEST(WxrFixtures, ValidWxr11) {
    ExtractedWxr wxr("valid-wxr-1.1.xml");
    EXPECT_EQ(wxr.count("kind <> 'comment'"), 2);
    EXPECT_EQ(wxr.text("SELECT display_name || '|' || email FROM people WHERE login = 'john'"),
              "John Doe|johndoe@example.org");
    EXPECT_EQ(item_attribute_of_person(wxr, "login:john", "author_id"), "2");
    EXPECT_EQ(wxr.text("SELECT json_extract(attributes, '$[0][1]') FROM containers WHERE key = 'category:alpha'"), "3");
    EXPECT_EQ(wxr.text("SELECT json_extract(attributes, '$[0][1]') FROM containers WHERE key = 'post_tag:clippable'"),
              "22");
    EXPECT_EQ(wxr.text("SELECT kind || '|' || json_extract(attributes, '$[0][1]') FROM containers WHERE key = "
                       "'post_tax:bieup'"),
              "post_tax|40");
    EXPECT_EQ(item_attribute(wxr.workspace, wxr.nth_item_key(1), "meta:_wp_page_template"), "default");
    EXPECT_EQ(wxr.items("comment"), 1);
}

TEST(WxrFixtures, SlashesAreNotStripped) {
    ExtractedWxr wxr("slashes.xml");
    EXPECT_EQ(wxr.text("SELECT name FROM containers WHERE key = 'category:alpha'"), R"(a \"great\" category)");
    EXPECT_EQ(wxr.text("SELECT name FROM containers WHERE key = 'post_tag:tag1'"), R"(foo\'bar)");
    EXPECT_EQ(wxr.text("SELECT body FROM items_with_body WHERE key = 'post:1'"), R"(Slashes aren\'t \"cool\")");
    EXPECT_EQ(wxr.text("SELECT body FROM items_with_body WHERE kind = 'comment'"), "\\o/ ¯\\_(ツ)_/¯");
}

TEST(WxrFixtures, PostContentKeepsItsBlankLines) {
    ExtractedWxr wxr("post-content-blank-lines.xml");
    const std::string body = wxr.text("SELECT body FROM items_with_body WHERE kind = 'post'");
    EXPECT_EQ(std::count(body.begin(), body.end(), '\n'), 3);
}

TEST(WxrFixtures, SerializedTermMeta) {
    ExtractedWxr wxr("test-serialized-term-meta.xml");
    EXPECT_EQ(wxr.containers("category"), 1);
    EXPECT_EQ(wxr.containers("tag"), 1);
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM containers WHERE kind NOT IN ('category', 'tag') AND declared"),
              1);
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM containers WHERE json_array_length(attributes) = 3"), 3)
        << "each term has its term_id and 2 termmeta";
}

TEST(WxrFixtures, SerializedCommentMeta) {
    ExtractedWxr wxr("test-serialized-comment-meta.xml");
    EXPECT_EQ(wxr.items("post"), 1);
    EXPECT_EQ(wxr.items("comment"), 1);
    EXPECT_EQ(wxr.meta_on_items("i.kind = 'comment'"), 2);
}

TEST(WxrFixtures, SerializedPostmetaFilesHaveOneDraftPost) {
    for (const char* name : {"test-serialized-postmeta-no-cdata.xml", "test-serialized-postmeta-with-cdata.xml",
                             "test-utw-post-meta-import.xml"}) {
        ExtractedWxr wxr(name);
        EXPECT_EQ(wxr.items("post", "draft"), 1) << name;
        EXPECT_EQ(wxr.count("kind <> 'comment'"), 1) << name;
        EXPECT_GT(wxr.meta_on_items("i.kind = 'post'"), 0) << name;
    }
}

TEST(WxrFixtures, SerializedPostmetaIsKeptVerbatim) {
    ExtractedWxr wxr("test-serialized-postmeta-with-cdata.xml");
    EXPECT_EQ(item_attribute(wxr.workspace, wxr.nth_item_key(0), "meta:post-options"),
              R"(a:2:{s:18:"special_post_title";s:15:"A special title";s:11:"is_calendar";s:0:"";})");
    // Markup inside CDATA stays text; it does not become elements.
    EXPECT_EQ(item_attribute(wxr.workspace, wxr.nth_item_key(0), "meta:evil"), "<wp:meta_value>evil</wp:meta_value>");
    EXPECT_EQ(item_attribute(wxr.workspace, wxr.nth_item_key(0), "meta:array-nested"),
              R"(a:1:{s:3:"key";a:2:{s:3:"foo";s:13:"¯\_(ツ)_/¯";s:3:"bar";s:3:"\o/";}})");
}

TEST(WxrFixtures, TermFormats) {
    ExtractedWxr wxr("term-formats.xml");
    EXPECT_EQ(wxr.authors(), 0);
    EXPECT_EQ(wxr.count("1"), 0);
    EXPECT_EQ(wxr.containers("category"), 2);
    EXPECT_EQ(wxr.containers("tag"), 3);
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM containers WHERE kind NOT IN ('category', 'tag')"), 2);
    EXPECT_EQ(wxr.text("SELECT name FROM containers WHERE key = 'post_tag:another-tag'"), "Another Tag");
}

TEST(WxrFixtures, WxrSimple) {
    ExtractedWxr wxr("wxr-simple.xml");
    EXPECT_EQ(wxr.text("SELECT format_version || '|' || site_url FROM sources"), "1.2|https://playground.internal/path");
    EXPECT_EQ(wxr.text("SELECT email FROM people WHERE login = 'admin'"), "admin@localhost.com");
    EXPECT_EQ(item_attribute_of_person(wxr, "login:admin", "author_id"), "1");
    EXPECT_EQ(wxr.nth_item_key(0), "post:10");
    EXPECT_EQ(wxr.text("SELECT title || '|' || slug || '|' || status FROM items WHERE key = 'post:10'"),
              "\"The Road Not Taken\" by Robert Frost|hello-world|publish");
    EXPECT_EQ(wxr.meta_on_items("i.key = 'post:10'"), 2);
}

TEST(WxrFixtures, Utf8ChallengesArePreservedByteForByte) {
    const std::string file = "wxr-utf-8-challenges.xml";
    ExtractedWxr wxr(file);
    EXPECT_EQ(wxr.items("post"), 1);
    EXPECT_EQ(wxr.meta_on_items("i.kind = 'post'"), 5);
    EXPECT_EQ(wxr.containers("category", false), 1);
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM people WHERE declared"), 1);
    EXPECT_EQ(wxr.text("SELECT title FROM items WHERE key = 'post:10'"),
              raw_between(file, "<item>\n            <title><![CDATA[", "]]></title>"));
    EXPECT_EQ(wxr.text("SELECT body FROM items_with_body WHERE key = 'post:10'"),
              raw_between(file, "<content:encoded><![CDATA[", "]]></content:encoded>"));
    EXPECT_EQ(item_attribute(wxr.workspace, "post:10", "meta:_utf8_test"),
              raw_between(file, "<wp:meta_key><![CDATA[_utf8_test]]></wp:meta_key>\n                <wp:meta_value><![CDATA[",
                          "]]></wp:meta_value>"));
    EXPECT_EQ(item_attribute(wxr.workspace, "post:10", "excerpt"),
              raw_between(file, "<excerpt:encoded><![CDATA[", "]]></excerpt:encoded>"));
}

TEST(WxrFixtures, FlatAttachmentsKeepTheirUrl) {
    for (const char* name : {"wxr-flat-attachment-same-site.xml", "wxr-flat-attachment-different-site.xml"}) {
        ExtractedWxr wxr(name);
        EXPECT_EQ(wxr.items("attachment"), 1) << name;
        EXPECT_EQ(wxr.items("post"), 1) << name;
        const std::string key = wxr.text("SELECT key FROM items WHERE kind = 'attachment'");
        const std::string url = item_attribute(wxr.workspace, key, "attachment_url");
        EXPECT_EQ(url, raw_between(name, "<wp:attachment_url>", "</wp:attachment_url>")) << name;
        EXPECT_FALSE(item_attribute(wxr.workspace, key, "file_name").empty()) << name;
    }
}

TEST(WxrFixtures, ThemeUnitTestData) {
    ExtractedWxr wxr("theme-unit-test-data.xml");
    EXPECT_EQ(wxr.count("key NOT LIKE 'comment:%'"), 186);
    EXPECT_EQ(wxr.items("post"), 58);
    EXPECT_EQ(wxr.items("page"), 21);
    EXPECT_EQ(wxr.items("attachment"), 37);
    EXPECT_EQ(wxr.items("nav_menu_item"), 70);
    EXPECT_EQ(wxr.count("kind <> 'comment' AND status = 'publish'"), 147);
    EXPECT_EQ(wxr.count("kind <> 'comment' AND status = 'inherit'"), 37);
    EXPECT_EQ(wxr.count("kind <> 'comment' AND status = 'future'"), 1);
    EXPECT_EQ(wxr.count("kind <> 'comment' AND status = 'draft'"), 1);
    EXPECT_EQ(wxr.containers("category"), 68);
    EXPECT_EQ(wxr.containers("tag"), 110);
    // 7 wp:term records: 6 menus and one of taxonomy category ("6-1"), which is also a wp:category.
    EXPECT_EQ(wxr.containers("nav_menu"), 6);
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM containers WHERE key = 'category:6-1' AND declared"), 1);
    EXPECT_EQ(wxr.count("key LIKE 'comment:%'"), 33);  // comments and pingbacks
    // 18 menu items repeat a post id with other content: kept under a suffixed key and reported.
    EXPECT_EQ(wxr.count("key LIKE 'post:%#2'"), 18);
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM messages WHERE code = 'duplicate-item'"), 18);
    EXPECT_EQ(wxr.meta_on_items("i.kind <> 'comment'"), 737);
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM people WHERE key LIKE 'login:%' AND declared"), 2);
    // WordPress's test says "3 authors referenced"; the file has 4 distinct dc:creator strings, two of
    // them typos of themereviewteam with a stray '>'. Both are kept and reported.
    EXPECT_EQ(wxr.authors(), 4);
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM messages WHERE code = 'wxr.unlisted-author'"), 2);
}

TEST(WxrFixtures, LargeAuthorList) {
    ExtractedWxr wxr("large-authors.xml");
    EXPECT_EQ(wxr.authors(), 300);
}

TEST(WxrFixtures, MultilineAuthorFieldsAreTrimmed) {
    ExtractedWxr wxr("authors-multiline.xml");
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM people WHERE login IN ('alice', 'bob', 'carol')"), 3);
    EXPECT_EQ(wxr.authors(), 3);
}

TEST(WxrFixtures, NamespaceEdgeCases) {
    ExtractedWxr wxr("namespace-edge-cases.xml");
    EXPECT_EQ(wxr.count("kind <> 'comment'"), 6);
    EXPECT_EQ(wxr.text("SELECT key || '|' || title FROM items ORDER BY source_line LIMIT 1"),
              "post:999|Mixed Namespaces");
    EXPECT_EQ(wxr.text("SELECT key FROM items WHERE title = 'No Prefix'"), "post:2");
    EXPECT_EQ(wxr.text("SELECT key FROM items WHERE title = 'Empty Namespace'"), "post:3");
    EXPECT_EQ(wxr.text("SELECT key FROM items WHERE title = 'Unicode Namespace'"), "post:4");
    // Elements of a foreign namespace that borrow the wp: prefix are not WordPress data.
    EXPECT_EQ(item_attribute(wxr.workspace, "post:999", "meta:malicious_key"), "");
    EXPECT_EQ(item_attribute(wxr.workspace, "post:999", "meta:normal_key"), "normal_value");
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM people WHERE login IN ('fake_ns_user', 'custom_user')"), 0);
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM people WHERE login IN ('real_user', 'version_conflict')"), 2);
    // The hijacked item has no WordPress id: kept under a stable fallback key and reported.
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM items WHERE title = 'Hijacked Namespace' AND key LIKE "
                                   "'item-at-line:%'"),
              1);
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM messages WHERE code = 'wxr.item-without-id'"), 1);
    // The entity-like text sits inside CDATA and is plain text.
    EXPECT_EQ(wxr.text("SELECT body FROM items_with_body WHERE title = 'Namespace Bomb'"),
              "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;");
    EXPECT_EQ(wxr.query_int_helper("SELECT count(*) FROM containers WHERE key = 'category:new-version'"), 1);
}

TEST(WxrFixtures, SubData) {
    ExtractedWxr wxr("wxr-with-sub-data.xml");
    EXPECT_EQ(wxr.text("SELECT format_version FROM sources"), "1.1");
    EXPECT_EQ(wxr.text("SELECT i.key || '|' || i.title || '|' || p.login FROM items i JOIN people p ON p.id = "
                       "i.author_id WHERE i.kind = 'post'"),
              "post:101|Post with sub data|admin");
    EXPECT_EQ(wxr.meta_on_items("i.kind = 'post'"), 1);
    EXPECT_EQ(wxr.containers_of("key = 'post:101'"), (Keys{"category:test-cat"}));
    EXPECT_EQ(wxr.text("SELECT name FROM containers WHERE key = 'category:test-cat'"), "Test Category");
    EXPECT_EQ(wxr.text("SELECT c.key || '|' || p.display_name FROM items c JOIN people p ON p.id = c.author_id "
                       "WHERE c.kind = 'comment'"),
              "comment:201|Commenter");
    EXPECT_EQ(wxr.meta_on_items("i.kind = 'comment'"), 1);
    EXPECT_EQ(wxr.text("SELECT kind || '|' || json_extract(attributes, '$[1][0]') FROM containers WHERE key = "
                       "'custom_tax:custom-term'"),
              "custom_tax|meta:term_meta_key");
}

TEST(WxrFixtures, EscapedNestedCdataIsOneString) {
    ExtractedWxr wxr("crazy-cdata-escaped.xml");
    EXPECT_EQ(wxr.text("SELECT body FROM items_with_body WHERE kind = 'post'"), "Content with nested <![CDATA[ tags ]]> :)");
}

TEST(WxrFixtures, SmallEdgeCases) {
    EXPECT_NE(ExtractedWxr("backslashes.xml").text("SELECT body FROM items_with_body").find(R"(C:\xampp\htdocs)"),
              std::string::npos);
    EXPECT_NE(ExtractedWxr("blank-lines.xml").text("SELECT body FROM items_with_body").find("\n\n"), std::string::npos);
    const std::string edge = ExtractedWxr("cdata-edge.xml").text("SELECT body FROM items_with_body");
    EXPECT_EQ(edge.substr(edge.size() - 4), "]] >");
    ExtractedWxr chunked("chunked-meta.xml");
    EXPECT_EQ(item_attribute(chunked.workspace, "post:1", "meta:_my_meta"), R"(a:1:{s:3:"foo";s:3:"bar";})");
    EXPECT_NE(ExtractedWxr("multiple-cdata.xml").text("SELECT body FROM items_with_body").find("line oneline twoline three"),
              std::string::npos);
    ExtractedWxr missing("missing-tags.xml");
    EXPECT_EQ(missing.authors(), 0);
    EXPECT_EQ(missing.count("author_id IS NULL"), 1);
    EXPECT_EQ(missing.query_int_helper("SELECT count(*) FROM messages WHERE severity = 'error'"), 0);
    ExtractedWxr term_meta("term-meta.xml");
    EXPECT_EQ(term_meta.text("SELECT name FROM containers WHERE key = 'category:news'"), "News");
    EXPECT_EQ(term_meta.text("SELECT json_extract(attributes, '$[1][1]') FROM containers WHERE key = 'category:news'"),
              "42");
}

}  // namespace baton::test

namespace baton::test {

// Foreign keys are not enforced while writing (for speed), so every fixture proves they hold.
TEST(WxrFixtures, EveryReferenceResolvesForEveryFixture) {
    for (const auto& entry : std::filesystem::directory_iterator(fixture("wordpress-wxr"))) {
        const std::string name = entry.path().filename().string();
        if (name.find("malformed") != std::string::npos || name.find("version-tag") != std::string::npos ||
            name == "crazy-cdata.xml") {
            continue;  // the negative files, covered by test_wxr_errors.cpp
        }
        ExtractedWxr wxr(name);
        auto check = wxr.workspace.db().prepare("PRAGMA foreign_key_check");
        EXPECT_FALSE(check.step()) << name << ": a dangling reference in table " << check.column_text(0);
        EXPECT_EQ(wxr.text("PRAGMA integrity_check"), "ok") << name;
    }
}

}  // namespace baton::test
