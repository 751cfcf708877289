// The facts ../shared/fixtures/PROVENANCE.md lists for every MediaWiki dump fixture, checked after extraction.
#include <gtest/gtest.h>

#include <sstream>

#include "model/model_dump.hpp"
#include "support/test_support.hpp"
#include "workspace/model_reader.hpp"

namespace baton::test {
namespace {

struct ExtractedDump {
    explicit ExtractedDump(const std::string& name)
        : source(extract_source(workspace, "mediawiki", fixture("mediawiki-xml/" + name))) {}

    std::int64_t number(const std::string& sql) { return query_int(workspace, sql); }
    std::string text(const std::string& sql) { return query_text(workspace, sql); }
    // Revision keys, authors or comments of a page in dump order, joined by '|'.
    std::string revisions(const std::string& page_key, const std::string& column) {
        return text("SELECT group_concat(v, '|') FROM (SELECT " + column + " AS v FROM revisions r LEFT JOIN people p ON "
                    "p.id = r.author_id WHERE r.item_id = (SELECT id FROM items WHERE key = '" + page_key +
                    "') ORDER BY r.position)");
    }
    std::string dump() {
        std::ostringstream out;
        model::ModelDumpWriter writer(out);
        workspace::replay_source(workspace, source, writer);
        return out.str();
    }

    TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    std::int64_t source;
};

}  // namespace

TEST(MediaWikiFixtures, ArticlePearExport03) {
    ExtractedDump dump("article-pear.xml");
    EXPECT_EQ(dump.number("SELECT count(*) FROM items"), 1);
    EXPECT_EQ(dump.text("SELECT title FROM items WHERE key = 'page:24278'"), "Pear");
    EXPECT_EQ(dump.number("SELECT count(*) FROM revisions"), 4);
    const std::string keys = dump.revisions("page:24278", "r.key");
    EXPECT_EQ(keys.substr(0, 6), "185185");
    EXPECT_EQ(keys.substr(keys.size() - 6), "188924");
    EXPECT_EQ(dump.revisions("page:24278", "p.key").substr(0, 21), "ip:Conversion script|");
    EXPECT_NE(dump.revisions("page:24278", "coalesce(p.login, '')").find("|Quercusrobur|"), std::string::npos);
    EXPECT_EQ(dump.revisions("page:24278", "r.comment").substr(0, 21), "Automated conversion|");
    EXPECT_EQ(dump.text("SELECT comment FROM revisions ORDER BY position DESC LIMIT 1"), "sp");
    EXPECT_EQ(dump.text("SELECT status FROM items"), "current");  // not a redirect
    EXPECT_EQ(dump.number("SELECT count(*) FROM people WHERE key LIKE 'login:%'"), 3);
    EXPECT_EQ(dump.number("SELECT count(*) FROM people WHERE key LIKE 'ip:%'"), 1);
    // Anonymous editors are kept, as such: the creator here is the conversion script's "IP".
    EXPECT_EQ(dump.text("SELECT p.key FROM items i JOIN people p ON p.id = i.author_id"), "ip:Conversion script");
    EXPECT_EQ(dump.text("SELECT format_version FROM sources"), "0.3");
    EXPECT_EQ(dump.number("SELECT count(*) FROM containers WHERE kind = 'namespace' AND declared"), 20);
}

TEST(MediaWikiFixtures, PyrusIsARedirectWithSixRevisions) {
    ExtractedDump dump("article-pyrus.xml");
    EXPECT_EQ(dump.text("SELECT title || '|' || status FROM items"), "Pyrus|redirect");
    EXPECT_EQ(dump.number("SELECT count(*) FROM revisions"), 6);
    EXPECT_EQ(dump.number("SELECT count(*) FROM people WHERE key LIKE 'login:%'"), 5);
}

TEST(MediaWikiFixtures, Utf16DumpGivesExactlyWhatUtf8Gives) {
    ExtractedDump utf8("article-pyrus.xml");
    ExtractedDump utf16("article-pyrus-utf16.xml");
    EXPECT_EQ(utf16.dump(), utf8.dump());
    EXPECT_FALSE(utf8.dump().empty());
}

TEST(MediaWikiFixtures, PairExport010) {
    ExtractedDump dump("pair-0.10.xml");
    EXPECT_EQ(dump.number("SELECT count(*) FROM revisions"), 4);
    EXPECT_EQ(dump.text("SELECT group_concat(DISTINCT p.login) FROM revisions r JOIN people p ON p.id = r.author_id"),
              "Carlossuarez46");
    EXPECT_EQ(dump.number("SELECT count(*) FROM items WHERE status = 'redirect'"), 0);
    EXPECT_EQ(dump.text("SELECT title FROM items WHERE key = 'page:19252820'"), "Çullu, Agdam");
    EXPECT_EQ(dump.text("SELECT title FROM items WHERE key = 'page:19252824'"), "Talk:Çullu, Agdam");
    EXPECT_EQ(dump.text("SELECT json_extract(attributes, '$[1][1]') FROM items WHERE key = 'page:19252820'"), "0");
    EXPECT_EQ(dump.text("SELECT c.key FROM item_containers ic JOIN containers c ON c.id = ic.container_id WHERE "
                        "ic.item_id = (SELECT id FROM items WHERE key = 'page:19252824') AND ic.position = 0"),
              "namespace:1");
    // The edit summary is kept as the dump has it (an HTML entity MediaWiki left in the summary).
    EXPECT_TRUE(dump.revisions("page:19252820", "r.comment").starts_with("moved [[Çullu, Agdam]] to [[Çullu, Quzanlı]]:&#32;dab"))
        << dump.revisions("page:19252820", "r.comment");
    EXPECT_TRUE(dump.revisions("page:19252824", "r.comment").ends_with("|proj"));
    EXPECT_EQ(dump.text("SELECT body FROM items_with_body WHERE key = 'page:19252824'"), "{{DisambigProject}}");
    EXPECT_EQ(dump.text("SELECT body_format FROM items_with_body WHERE key = 'page:19252824'"), "wikitext");
    EXPECT_EQ(dump.text("SELECT format_version FROM sources"), "0.10");
    // Every revision's text is kept, not only the latest: articles[0].text is the first revision's.
    EXPECT_EQ(dump.text("SELECT text FROM revision_texts WHERE item_key = 'page:19252820' AND revision_key = "
                        "'237382899'"),
              "#REDIRECT [[Çullu, Quzanlı]]");
    EXPECT_EQ(dump.number("SELECT count(*) FROM revision_texts"), 4);
    // The latest revision's text is the body, stored once: its row points at the body (NULL), and the
    // revision_texts view gives the text all the same.
    EXPECT_EQ(dump.number("SELECT count(*) FROM revision_text_rows WHERE text IS NULL"), 2);  // one per page
    EXPECT_EQ(dump.text("SELECT t.text FROM revision_texts t WHERE t.item_key = 'page:19252824' AND t.revision_key = "
                        "(SELECT r.key FROM revisions r JOIN items i ON i.id = r.item_id WHERE i.key = 'page:19252824' "
                        "ORDER BY r.position DESC LIMIT 1)"),
              "{{DisambigProject}}");
    EXPECT_EQ(dump.text("SELECT json_extract(attributes, '$[0][1]') FROM revisions WHERE key = '237383099'"),
              "237382899");  // parent_id
    EXPECT_EQ(dump.text("SELECT json_extract(attributes, '$[0][1]') FROM revisions WHERE key = '237382899'"),
              "9onarlg8ywgp11wnrddqebdry0jyz56");  // sha1 (the first revision has no parent)
}

TEST(MediaWikiFixtures, SmallerDumpsCountPagesAndRevisions) {
    struct Expected {
        const char* file;
        int pages;
        int revisions;
    };
    for (const auto& expected : {Expected{"article-pear-0.10.xml", 1, 1}, Expected{"dummy-reflinks.xml", 2, 2},
                                 Expected{"dummy-template.xml", 3, 3}, Expected{"ImportLinkCacheIntegrationTest.xml", 2, 2}}) {
        ExtractedDump dump(expected.file);
        EXPECT_EQ(dump.number("SELECT count(*) FROM items"), expected.pages) << expected.file;
        EXPECT_EQ(dump.number("SELECT count(*) FROM revisions"), expected.revisions) << expected.file;
    }
    ExtractedDump reflinks("dummy-reflinks.xml");
    EXPECT_EQ(reflinks.text("SELECT group_concat(title, '|') FROM (SELECT title FROM items ORDER BY source_line)"),
              "Fake page|Talk:Fake page");
    ExtractedDump templates("dummy-template.xml");
    EXPECT_EQ(templates.text("SELECT group_concat(n, '|') FROM (SELECT json_extract(attributes, '$[1][1]') AS n FROM "
                             "items ORDER BY source_line)"),
              "0|1|1");
}

TEST(MediaWikiFixtures, CategoryPagesAndLinks) {
    ExtractedDump dump("ImportLinkCacheIntegrationTest.xml");
    EXPECT_EQ(dump.text("SELECT title FROM items WHERE key = 'page:493'"), "Lorem ipsum");
    EXPECT_EQ(dump.text("SELECT title FROM items WHERE key = 'page:496'"), "Category:Lorem ipsum");
    EXPECT_EQ(dump.text("SELECT p.login FROM items i JOIN people p ON p.id = i.author_id WHERE i.key = 'page:493'"),
              "Tester");
    EXPECT_EQ(dump.text("SELECT c.key FROM item_containers ic JOIN containers c ON c.id = ic.container_id WHERE "
                        "ic.item_id = (SELECT id FROM items WHERE key = 'page:496') AND ic.position = 0"),
              "namespace:14");
}

}  // namespace baton::test
