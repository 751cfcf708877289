// Bad MediaWiki dumps: each problem named with file and line, what was read before kept, a re-run completes.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

struct Scratch {
    TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
};

const std::string header =
    "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\">\n"
    "<siteinfo><sitename>Intranet</sitename><base>http://wiki.example/Main</base><namespaces>"
    "<namespace key=\"0\" case=\"first-letter\" /><namespace key=\"1\" case=\"first-letter\">Talk</namespace>"
    "</namespaces></siteinfo>\n";

std::string page(int id, const std::string& revision_body) {
    return "<page><title>Page " + std::to_string(id) + "</title><ns>0</ns><id>" + std::to_string(id) + "</id>" +
           revision_body + "</page>\n";
}

std::string revision(int id, const std::string& timestamp, const std::string& user) {
    return "<revision><id>" + std::to_string(id) + "</id>" +
           (timestamp.empty() ? std::string() : "<timestamp>" + timestamp + "</timestamp>") +
           "<contributor><username>" + user + "</username><id>7</id></contributor><text bytes=\"5\">Hello</text>"
           "</revision>";
}

ExitCode failure_code(workspace::Workspace& workspace, const std::string& path, std::int64_t& line) {
    try {
        extract_source(workspace, "mediawiki", path);
    } catch (const InputError& error) {
        line = error.position().line;
        return error.code();
    }
    return ExitCode::success;
}

}  // namespace

TEST(MediaWikiErrors, TruncatedDumpKeepsTheCompletePagesAndARerunResumes) {
    Scratch s;
    std::string dump = header;
    for (int id = 1; id <= 200; ++id) dump += page(id, revision(1000 + id, "2020-01-01T00:00:00Z", "Ann"));
    dump += "</mediawiki>\n";
    const std::string full = s.dir.file("full.xml");
    write_file(full, dump);
    const std::string cut = s.dir.file("cut.xml");
    write_file(cut, dump.substr(0, dump.size() / 2));
    std::int64_t line = 0;
    EXPECT_EQ(failure_code(s.workspace, cut, line), ExitCode::truncated_input);
    EXPECT_GT(line, 0);
    const auto kept = query_int(s.workspace, "SELECT count(*) FROM items");
    EXPECT_GT(kept, 50);
    EXPECT_LT(kept, 200);
    EXPECT_EQ(query_text(s.workspace, "SELECT outcome FROM runs"), "failed");
    extract_source(s.workspace, "mediawiki", full);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 200);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM sources"), 1);
}

TEST(MediaWikiErrors, InvalidUtf8IsMalformedAtItsLine) {
    Scratch s;
    const std::string path = s.dir.file("bad-utf8.xml");
    write_file(path, header + page(1, revision(1, "2020-01-01T00:00:00Z", "Ann")) + "<page><title>Caf\xC3(</title>\n" +
                         "</page></mediawiki>\n");
    std::int64_t line = 0;
    EXPECT_EQ(failure_code(s.workspace, path, line), ExitCode::malformed_input);
    EXPECT_EQ(line, 4);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 1);
}

TEST(MediaWikiErrors, RevisionWithoutTimestampIsKeptWithAWarning) {
    Scratch s;
    const std::string path = s.dir.file("no-timestamp.xml");
    write_file(path, header + page(1, revision(1, "", "Ann")) + "</mediawiki>\n");
    extract_source(s.workspace, "mediawiki", path);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM revisions"), 1);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM messages WHERE code = 'mediawiki.revision-without-timestamp'"),
              1);
}

TEST(MediaWikiErrors, EmptyPagesDoNotSwallowTheNextPage) {
    Scratch s;
    const std::string path = s.dir.file("empty-pages.xml");
    // <page/> and <page></page> are pages with nothing in them; the pages after them are read as they are.
    write_file(path, header + "<page/>\n" + page(1, revision(1, "2020-01-01T00:00:00Z", "Ann")) + "<page></page>\n" +
                         page(2, revision(2, "2020-01-02T00:00:00Z", "Bob")) + "</mediawiki>\n");
    extract_source(s.workspace, "mediawiki", path);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 2);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items WHERE key IN ('page:1', 'page:2')"), 2);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM revisions"), 2);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM messages WHERE code = 'mediawiki.empty-page'"), 2);
}

TEST(MediaWikiErrors, UnknownElementsAreSkippedAndEntitiesRefused) {
    Scratch s;
    const std::string odd = s.dir.file("odd.xml");
    write_file(odd, header + "<page><title>P</title><id>1</id><future xmlns=\"urn:x\"><deep/></future>" +
                        revision(1, "2020-01-01T00:00:00Z", "Ann") + "<shiny>new</shiny></page></mediawiki>\n");
    extract_source(s.workspace, "mediawiki", odd);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 1);
    const std::string bomb = s.dir.file("bomb.xml");
    write_file(bomb, "<?xml version=\"1.0\"?>\n<!DOCTYPE mediawiki [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>\n" +
                         header + page(2, revision(2, "2020-01-01T00:00:00Z", "&b;")) + "</mediawiki>\n");
    std::int64_t line = 0;
    EXPECT_EQ(failure_code(s.workspace, bomb, line), ExitCode::malformed_input);
}

TEST(MediaWikiErrors, OtherXmlIsNotADump) {
    Scratch s;
    std::int64_t line = 0;
    EXPECT_EQ(failure_code(s.workspace, wxr_fixture("wxr-simple.xml"), line), ExitCode::unrecognised_format);
}

}  // namespace baton::test

namespace baton::test {

namespace {

std::string model_dump_of(const std::string& path) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "mediawiki", path);
    return query_text(workspace, "SELECT group_concat(key || '=' || coalesce(title, '') || '/' || length(CAST(body AS "
                                 "BLOB)), ';') FROM items_with_body") +
           "|" + std::to_string(query_int(workspace, "SELECT count(*) FROM revisions"));
}

}  // namespace

TEST(MediaWikiCompressed, Bzip2AndGzipDumpsGiveWhatThePlainDumpGives) {
    TempDir dir;
    const std::string plain = fixture("mediawiki-xml/pair-0.10.xml");
    const std::string bz2 = dir.file("pair.xml.bz2");
    const std::string gz = dir.file("pair.xml.gz");
    const std::string joined = dir.file("joined.xml.bz2");
    // Two bzip2 streams back to back, as parallel compressors write them.
    const std::string content = read_file(plain);
    write_file(dir.file("first"), content.substr(0, content.size() / 2));
    write_file(dir.file("second"), content.substr(content.size() / 2));
    ASSERT_EQ(std::system(("bzip2 -c '" + plain + "' > '" + bz2 + "' && gzip -c '" + plain + "' > '" + gz + "' && " +
                           "bzip2 -c '" + dir.file("first") + "' > '" + joined + "' && bzip2 -c '" +
                           dir.file("second") + "' >> '" + joined + "'")
                              .c_str()),
              0);
    const std::string expected = model_dump_of(plain);
    EXPECT_EQ(model_dump_of(bz2), expected);
    EXPECT_EQ(model_dump_of(gz), expected);
    EXPECT_EQ(model_dump_of(joined), expected);
    EXPECT_NE(expected.find("page:19252824"), std::string::npos);
}

TEST(MediaWikiCompressed, CorruptBzip2IsReported) {
    TempDir dir;
    const std::string bz2 = dir.file("broken.xml.bz2");
    ASSERT_EQ(std::system(("bzip2 -c '" + fixture("mediawiki-xml/article-pear-0.10.xml") + "' > '" + bz2 + "'").c_str()),
              0);
    std::string bytes = read_file(bz2);
    for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64 && i < bytes.size(); ++i) bytes[i] = 'x';
    write_file(bz2, bytes);
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    try {
        extract_source(workspace, "mediawiki", bz2);
        FAIL() << "a corrupt .bz2 should fail";
    } catch (const InputError& error) {
        EXPECT_EQ(error.code(), ExitCode::malformed_input);
        EXPECT_NE(std::string(error.what()).find(".bz2"), std::string::npos) << error.what();
    }
    EXPECT_EQ(query_text(workspace, "SELECT outcome FROM runs"), "failed");
}

// Found by the mediawiki fuzzer: numbers that are not numbers threw std::invalid_argument out of the extractor.
TEST(MediaWikiErrors, NumbersThatAreNotNumbersAreReportedAndTheRestKept) {
    Scratch scratch;
    const std::string path = scratch.dir.file("numbers.xml");
    write_file(path,
               "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\">\n"
               "<siteinfo><sitename>Intranet</sitename><namespaces>\n<namespace key=\"0\" />"
               "<namespace key=\"one\">Talk</namespace><namespace key=\"99999999999\">Big</namespace>"
               "</namespaces></siteinfo>\n"
               "<page><title>Talk:Plans</title><ns>x1</ns><id>5</id>\n<revision><id>9</id>"
               "<timestamp>2024-01-01T00:00:00Z</timestamp><contributor><username>Ann</username></contributor>"
               "<text bytes=\"many\">Hello</text></revision></page>\n</mediawiki>\n");
    extract_source(scratch.workspace, "mediawiki", path);
    EXPECT_EQ(query_text(scratch.workspace, "SELECT group_concat(code || '@' || line, ' ') FROM (SELECT code, line FROM "
                                            "messages ORDER BY id)"),
              "mediawiki.bad-namespace@2 mediawiki.bad-namespace@2 mediawiki.bad-number@5 mediawiki.bad-number@4");
    EXPECT_EQ(query_text(scratch.workspace, "SELECT group_concat(key, ' ') FROM containers"), "namespace:0");
    // The page is kept: its size from its text, its namespace from its title (no "Talk" namespace left: main).
    EXPECT_EQ(query_int(scratch.workspace, "SELECT size FROM revisions"), 5);
    EXPECT_EQ(item_attribute(scratch.workspace, "page:5", "namespace"), "0");
}

}  // namespace baton::test
