// DokuWiki data folders: the facts ../shared/fixtures/PROVENANCE.md lists, and bad history lines.
#include <gtest/gtest.h>

#include <zlib.h>

#include <filesystem>

#include "extractors/dokuwiki/dokuwiki_extractor.hpp"
#include "support/test_support.hpp"

namespace baton::test {

TEST(DokuWikiFixtures, MailingListHistoryFromTheChangelog) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "dokuwiki", fixture("dokuwiki/data"));
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items"), 4);
    const std::string page = "(SELECT id FROM items WHERE key = 'page:mailinglist')";
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM revisions WHERE item_id = " + page), 24);
    EXPECT_EQ(query_text(workspace, "SELECT key FROM revisions WHERE item_id = " + page + " ORDER BY position LIMIT 1"),
              "1360110636");
    EXPECT_EQ(query_text(workspace, "SELECT key FROM revisions WHERE item_id = " + page +
                                        " ORDER BY position DESC LIMIT 1"),
              "1374261194");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM revisions WHERE item_id = " + page + " AND comment LIKE '[C]%'"),
              1);
    EXPECT_EQ(query_text(workspace, "SELECT comment FROM revisions WHERE item_id = " + page + " AND position = 0"),
              "[C] aangemaakt");
    EXPECT_EQ(query_text(workspace, "SELECT comment FROM revisions WHERE key = '1362525899'"), "[Data entry] ");
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(DISTINCT p.login) FROM revisions r JOIN people p ON "
                                    "p.id = r.author_id WHERE r.item_id = " + page),
              "pubcie");
    EXPECT_EQ(query_text(workspace, "SELECT created_at || '|' || modified_at FROM items WHERE key = 'page:mailinglist'"),
              "2013-02-06T00:30:36Z|2013-07-19T19:13:14Z");
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = 'page:wiki:syntax'"), "Formatting Syntax");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM containers WHERE kind = 'namespace'"), 2);  // int, wiki
    EXPECT_EQ(query_int(workspace, "SELECT length(CAST(body AS BLOB)) FROM items_with_body WHERE key = 'page:wiki:syntax'"), 21393);
}

TEST(DokuWikiFixtures, DistributionPages) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "dokuwiki", fixture("dokuwiki/dist-data"));
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items"), 3);
    EXPECT_EQ(query_int(workspace, "SELECT length(CAST(body AS BLOB)) FROM items_with_body WHERE key = 'page:wiki:welcome'"), 1705);
}

TEST(DokuWikiFixtures, BadHistoryLinesAreReportedDeletedPagesKept) {
    TempDir dir;
    const auto data = dir.path() / "data";
    std::filesystem::create_directories(data / "pages" / "team");
    std::filesystem::create_directories(data / "meta" / "team");
    write_file((data / "pages" / "team" / "handbook.txt").string(), "====== Handbook ======\nHello\n");
    write_file((data / "meta" / "team" / "handbook.changes").string(),
               "1600000000\t10.0.0.1\tC\tteam:handbook\talice\tcreated\t\n"
               "not a change line\n"
               "1600000100\t10.0.0.2\tE\tteam:handbook\t\tanonymous fix\t\n");
    std::filesystem::create_directories(data / "attic" / "team");
    write_file(dir.file("v1.txt"), "====== Handbook ======\nFirst draft\n");
    ASSERT_EQ(std::system(("gzip -c '" + dir.file("v1.txt") + "' > '" +
                           (data / "attic" / "team" / "handbook.1600000000.txt.gz").string() + "'")
                              .c_str()),
              0);
    write_file((data / "meta" / "team" / "old.changes").string(),
               "1500000000\t10.0.0.1\tC\tteam:old\tbob\tcreated\t\n1500000100\t10.0.0.1\tD\tteam:old\tbob\tgone\t\n");
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "dokuwiki", data.string());
    EXPECT_EQ(query_text(workspace, "SELECT outcome FROM runs"), "partial");
    EXPECT_EQ(query_int(workspace, "SELECT line FROM messages WHERE code = 'dokuwiki.bad-change-line'"), 2);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM revisions WHERE item_id = (SELECT id FROM items WHERE key = "
                                   "'page:team:handbook')"),
              2);
    EXPECT_EQ(query_text(workspace, "SELECT p.key FROM revisions r JOIN people p ON p.id = r.author_id WHERE "
                                    "r.key = '1600000100'"),
              "ip:10.0.0.2");
    EXPECT_EQ(query_text(workspace, "SELECT status FROM items WHERE key = 'page:team:old'"), "deleted");
    // The old version kept in the attic is the first revision's text.
    EXPECT_EQ(query_text(workspace, "SELECT text FROM revision_texts WHERE item_key = 'page:team:handbook' AND "
                                    "revision_key = '1600000000'"),
              "====== Handbook ======\nFirst draft\n");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM revision_texts"), 1);
}

TEST(DokuWikiFixtures, ChangeLineParser) {
    extract::dokuwiki::ChangeLine change;
    std::string problem;
    ASSERT_TRUE(extract::dokuwiki::parse_change_line("1362525899\t127.0.0.1\tE\tmailinglist\tpubcie\t[Data entry] \t", change,
                                            problem));
    EXPECT_EQ(change.timestamp, 1362525899);
    EXPECT_EQ(change.user, "pubcie");
    EXPECT_EQ(change.summary, "[Data entry] ");
    EXPECT_FALSE(extract::dokuwiki::parse_change_line("x\ty", change, problem));
    EXPECT_FALSE(extract::dokuwiki::parse_change_line("soon\t127.0.0.1\tE\tp\tu\ts", change, problem));
    EXPECT_NE(problem.find("not a number"), std::string::npos);
    // Found by the dokuwiki fuzzer: a timestamp of digits beyond 64 bits threw std::out_of_range.
    EXPECT_FALSE(extract::dokuwiki::parse_change_line("99999999999999999999\t::1\tE\tp\tu\ts", change, problem));
    EXPECT_EQ(problem, "the timestamp \"99999999999999999999\" is out of range");
}

TEST(DokuWikiFixtures, SavesWithinOneSecondKeepDistinctKeysAndTheAtticTextGoesToTheLast) {
    TempDir dir;
    std::filesystem::create_directories(dir.file("data/pages"));
    std::filesystem::create_directories(dir.file("data/meta"));
    std::filesystem::create_directories(dir.file("data/attic"));
    write_file(dir.file("data/pages/notes.txt"), "third");
    write_file(dir.file("data/meta/notes.changes"),
               "1700000000\t::1\tC\tnotes\talice\tfirst\t\t5\n1700000000\t::1\tE\tnotes\tbob\tsecond\t\t1\n"
               "1700000000\t::1\tE\tnotes\talice\tthird\t\t0\n1700000009\t::1\tE\tnotes\tbob\tfourth\t\t0\n");
    gzFile attic = gzopen(dir.file("data/attic/notes.1700000000.txt.gz").c_str(), "wb");
    gzputs(attic, "text of the third save");
    gzclose(attic);
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "dokuwiki", dir.file("data"));
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(key, ' ') FROM (SELECT r.key FROM revisions r JOIN items i ON "
                                    "i.id = r.item_id WHERE i.key = 'page:notes' ORDER BY r.position)"),
              "1700000000#1 1700000000#2 1700000000 1700000009");
    EXPECT_EQ(query_text(workspace, "SELECT revision_key || '=' || text FROM revision_texts WHERE item_key = 'page:notes'"),
              "1700000000=text of the third save");
}

// Found by the fuzzer: a line of '=' only looked like a heading and its text was cut out of nothing.
TEST(DokuWikiFixtures, ALineOfEqualSignsIsNoHeading) {
    TempDir dir;
    std::filesystem::create_directories(dir.file("data/pages/eng"));
    write_file(dir.file("data/pages/eng/rules.txt"), "========\nsome text\n===== Real title =====\n");
    write_file(dir.file("data/pages/eng/plain.txt"), "=======\nno heading at all\n");
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "dokuwiki", dir.file("data"));
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = 'page:eng:rules'"), "Real title");
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = 'page:eng:plain'"), "plain");
}

}  // namespace baton::test
