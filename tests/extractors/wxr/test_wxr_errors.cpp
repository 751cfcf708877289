// Bad WXR input: each kind of problem gives its own exit code, names file and line, and loses nothing read.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/error.hpp"
#include "extractors/extract_job.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

struct Failure {
    ExitCode code = ExitCode::success;
    SourcePosition position;
    std::string problem;
};

// Extracts `path` into `workspace`, expecting an InputError.
Failure extract_expecting_failure(workspace::Workspace& workspace, const std::string& path) {
    try {
        extract_wxr(workspace, path);
    } catch (const InputError& error) {
        return {error.code(), error.position(), error.problem()};
    }
    ADD_FAILURE() << "extracting " << path << " did not fail";
    return {};
}

void expect_consistent(workspace::Workspace& workspace, const std::string& outcome) {
    EXPECT_EQ(query_text(workspace, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(query_text(workspace, "SELECT outcome FROM runs ORDER BY id DESC LIMIT 1"), outcome);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM runs WHERE outcome = 'running'"), 0);
}

struct Scratch {
    TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
};

}  // namespace

TEST(WxrErrors, MismatchedTagIsMalformedAtLine90) {
    Scratch s;
    const Failure failure = extract_expecting_failure(s.workspace, wxr_fixture("malformed.xml"));
    // The file also has an invalid version ("abc", line 33); like WordPress, baton reports the more
    // basic problem: it is not well-formed.
    EXPECT_EQ(failure.code, ExitCode::malformed_input);
    EXPECT_EQ(failure.position.line, 90);
    EXPECT_EQ(failure.position.file, wxr_fixture("malformed.xml"));
    EXPECT_NE(failure.problem.find("Opening and ending tag mismatch"), std::string::npos) << failure.problem;
    expect_consistent(s.workspace, "failed");
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 0);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM messages WHERE severity = 'error' AND line = 90 AND "
                                     "code = 'malformed-input'"),
              1);
}

TEST(WxrErrors, MismatchInTheMiddleKeepsEverythingBefore) {
    Scratch s;
    std::string content = read_file(wxr_fixture("small-export.xml"));
    const auto title = content.find("<title>Many Categories</title>");
    ASSERT_NE(title, std::string::npos);
    content.replace(title, 30, "<title>Many Categories</titel>");
    const std::string path = s.dir.file("broken.xml");
    write_file(path, content);
    const auto line = 1 + std::count(content.begin(), content.begin() + static_cast<std::ptrdiff_t>(title), '\n');
    const Failure failure = extract_expecting_failure(s.workspace, path);
    EXPECT_EQ(failure.code, ExitCode::malformed_input);
    EXPECT_EQ(failure.position.line, line);
    expect_consistent(s.workspace, "failed");
    EXPECT_GT(query_int(s.workspace, "SELECT count(*) FROM items WHERE kind IN ('post', 'page')"), 0);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM containers WHERE declared"), 33);  // 30 categories, 3 tags
}

TEST(WxrErrors, TruncatedFileIsTruncated) {
    Scratch s;
    const Failure failure = extract_expecting_failure(s.workspace, wxr_fixture("malformed-simple.xml"));
    EXPECT_EQ(failure.code, ExitCode::truncated_input);
    EXPECT_GT(failure.position.line, 0);
    expect_consistent(s.workspace, "failed");
}

TEST(WxrErrors, CutExportKeepsEveryItemBeforeTheCut) {
    Scratch s;
    const std::string content = read_file(wxr_fixture("small-export.xml"));
    const auto cut = content.find("<title>Many Categories</title>");  // inside the channel, after some items
    ASSERT_NE(cut, std::string::npos);
    const std::string path = s.dir.file("cut.xml");
    write_file(path, content.substr(0, cut + 20));
    const Failure failure = extract_expecting_failure(s.workspace, path);
    EXPECT_EQ(failure.code, ExitCode::truncated_input) << failure.problem;
    expect_consistent(s.workspace, "failed");
    const auto complete_items = query_int(s.workspace, "SELECT count(*) FROM items WHERE kind IN ('post', 'page')");
    EXPECT_GT(complete_items, 0);
    EXPECT_LT(complete_items, 11);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM people WHERE key LIKE 'login:%'"), 3);
    // A later complete extract of the same site resumes: everything arrives, nothing twice.
    extract_wxr(s.workspace, wxr_fixture("small-export.xml"));
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items WHERE kind IN ('post', 'page')"), 11);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM sources"), 1);
}

TEST(WxrErrors, MissingVersionIsNotAWxrFile) {
    Scratch s;
    const Failure failure = extract_expecting_failure(s.workspace, wxr_fixture("missing-version-tag.xml"));
    EXPECT_EQ(failure.code, ExitCode::unrecognised_format);
    EXPECT_NE(failure.problem.find("missing WXR version number"), std::string::npos) << failure.problem;
    EXPECT_GT(failure.position.line, 0);
    expect_consistent(s.workspace, "failed");
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 0);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM messages WHERE code = 'unrecognised-format'"), 1);
}

TEST(WxrErrors, InvalidVersionIsUnsupported) {
    Scratch s;
    const Failure failure = extract_expecting_failure(s.workspace, wxr_fixture("invalid-version-tag.xml"));
    EXPECT_EQ(failure.code, ExitCode::unsupported_version);
    EXPECT_NE(failure.problem.find("invalid WXR version number \"abc\""), std::string::npos) << failure.problem;
    EXPECT_GT(failure.position.line, 0);
    expect_consistent(s.workspace, "failed");
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 0);
}

TEST(WxrErrors, RawCdataTerminatorIsMalformed) {
    Scratch s;
    const Failure failure = extract_expecting_failure(s.workspace, wxr_fixture("crazy-cdata.xml"));
    EXPECT_EQ(failure.code, ExitCode::malformed_input);
    EXPECT_EQ(failure.position.line, 18);
}

TEST(WxrErrors, MissingFileIsUnreadable) {
    Scratch s;
    const Failure failure = extract_expecting_failure(s.workspace, s.dir.file("nope.xml"));
    EXPECT_EQ(failure.code, ExitCode::input_unreadable);
    EXPECT_EQ(failure.problem, "no such file");
}

TEST(WxrErrors, OtherXmlIsNotAWxrFile) {
    Scratch s;
    const std::string path = s.dir.file("atom.xml");
    write_file(path, "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>x</title></feed>\n");
    const Failure failure = extract_expecting_failure(s.workspace, path);
    EXPECT_EQ(failure.code, ExitCode::unrecognised_format);
    EXPECT_NE(failure.problem.find("root element is <feed>"), std::string::npos) << failure.problem;
}

TEST(WxrErrors, PlainTextIsMalformed) {
    Scratch s;
    const std::string path = s.dir.file("notes.xml");
    write_file(path, "These are not the exports you are looking for.\n");
    const Failure failure = extract_expecting_failure(s.workspace, path);
    EXPECT_EQ(failure.code, ExitCode::malformed_input);
    EXPECT_EQ(failure.position.line, 1);
}

TEST(WxrErrors, ExternalEntitiesAreNeverRead) {
    Scratch s;
    const std::string secret = s.dir.file("secret.txt");
    write_file(secret, "TOP-SECRET-CONTENT");
    const std::string path = s.dir.file("xxe.xml");
    write_file(path, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://" + secret +
                         "\">]>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\" "
                         "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
                         "<wp:wxr_version>1.2</wp:wxr_version>\n<item><title>t</title><wp:post_id>1</wp:post_id>"
                         "<content:encoded>&xxe;</content:encoded></item></channel></rss>\n");
    const Failure failure = extract_expecting_failure(s.workspace, path);
    EXPECT_EQ(failure.code, ExitCode::malformed_input);
    EXPECT_NE(failure.problem.find("declares entities"), std::string::npos) << failure.problem;
    EXPECT_GT(failure.position.line, 0);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items_with_body WHERE body LIKE '%TOP-SECRET%'"), 0);
}

TEST(WxrErrors, EntityExpansionBombIsRefusedQuickly) {
    Scratch s;
    std::string doctype = "<!DOCTYPE rss [<!ENTITY lol0 \"lol\">";
    for (int i = 1; i < 10; ++i) {
        doctype += "<!ENTITY lol" + std::to_string(i) + " \"";
        for (int j = 0; j < 10; ++j) doctype += "&lol" + std::to_string(i - 1) + ";";
        doctype += "\">";
    }
    doctype += "]>";
    const std::string path = s.dir.file("bomb.xml");
    write_file(path, "<?xml version=\"1.0\"?>\n" + doctype +
                         "\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>"
                         "<wp:wxr_version>1.2</wp:wxr_version><item><title>&lol9;</title></item></channel></rss>\n");
    const Failure failure = extract_expecting_failure(s.workspace, path);
    EXPECT_EQ(failure.code, ExitCode::malformed_input);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 0);
}

TEST(WxrErrors, ExternalDtdIsNotFetched) {
    Scratch s;
    const std::string path = s.dir.file("dtd.xml");
    // Port 9 (discard) on loopback: were the DTD fetched, this would fail or hang.
    write_file(path, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/wxr.dtd\">\n"
                     "<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>"
                     "<wp:wxr_version>1.2</wp:wxr_version><item><title>ok</title><wp:post_id>1</wp:post_id></item>"
                     "</channel></rss>\n");
    extract_wxr(s.workspace, path);
    EXPECT_EQ(query_text(s.workspace, "SELECT title FROM items"), "ok");
}

TEST(WxrErrors, MalformedRecordsAreReportedAndSkipped) {
    Scratch s;
    const std::string path = s.dir.file("records.xml");
    write_file(path, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\">"
                     "<channel><wp:wxr_version>1.2</wp:wxr_version>\n"
                     "<wp:author><wp:author_email>x@y</wp:author_email></wp:author>\n"
                     "<wp:category><wp:cat_name>No slug</wp:cat_name></wp:category>\n"
                     "<item><title>Fine</title><wp:post_id>7</wp:post_id>"
                     "<wp:comment><wp:comment_content>no id</wp:comment_content></wp:comment></item>\n"
                     "</channel></rss>\n");
    extract_wxr(s.workspace, path);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 1);
    // Each skipped record is an error of the run, with its line; the run ends "partial".
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM messages WHERE severity = 'error' AND code IN "
                                     "('wxr.author-without-login', 'wxr.category-without-slug', "
                                     "'wxr.comment-without-id')"),
              3);
    EXPECT_EQ(query_int(s.workspace, "SELECT line FROM messages WHERE code = 'wxr.author-without-login'"), 3);
    EXPECT_EQ(query_text(s.workspace, "SELECT outcome FROM runs"), "partial");
}

TEST(WxrErrors, EmptyFileIsTruncatedTinyGarbageIsMalformed) {
    Scratch s;
    const std::string empty = s.dir.file("empty.xml");
    write_file(empty, "");
    EXPECT_EQ(extract_expecting_failure(s.workspace, empty).code, ExitCode::truncated_input);
    const std::string tiny = s.dir.file("tiny.xml");
    write_file(tiny, "x\n");
    EXPECT_EQ(extract_expecting_failure(s.workspace, tiny).code, ExitCode::malformed_input);
}

TEST(WxrErrors, EntitiesInAttributeValuesAreRefusedToo) {
    Scratch s;
    const std::string path = s.dir.file("attribute.xml");
    write_file(path, "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY e \"injected\">]>\n"
                     "<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\"><channel>"
                     "<wp:wxr_version>1.2</wp:wxr_version><item><title>t</title><wp:post_id>1</wp:post_id>"
                     "<category domain=\"category\" nicename=\"&e;\">x</category></item></channel></rss>\n");
    const Failure failure = extract_expecting_failure(s.workspace, path);
    EXPECT_EQ(failure.code, ExitCode::malformed_input);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM containers WHERE slug = 'injected'"), 0);
}

TEST(WxrErrors, NewerMinorVersionIsReadWithAWarning) {
    Scratch s;
    const std::string path = s.dir.file("v13.xml");
    write_file(path, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.3/\">"
                     "<channel><wp:wxr_version>1.3</wp:wxr_version><item><title>t</title><wp:post_id>1</wp:post_id>"
                     "</item></channel></rss>\n");
    extract_wxr(s.workspace, path);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 1);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM messages WHERE code = 'wxr.newer-version'"), 1);
}

}  // namespace baton::test
