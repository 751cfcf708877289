// MediaWiki uploads with embedded base64 contents: decoded while streaming into files beside the workspace.
#include <gtest/gtest.h>

#include <filesystem>

#include "extractors/common/base64_decoder.hpp"
#include "extractors/common/file_store.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

// The encoder lives here, apart from the decoder under test, and wraps lines as dumpBackup.php does.
std::string base64(const std::string& bytes, std::size_t line_length = 76) {
    static const char* digits = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t column = 0;
    const auto put = [&](char c) {
        out.push_back(c);
        if (++column == line_length) {
            out += "\r\n";
            column = 0;
        }
    };
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        const std::size_t left = bytes.size() - i;
        const auto byte = [&](std::size_t at) { return at < bytes.size() ? static_cast<unsigned char>(bytes[at]) : 0U; };
        const unsigned group = (byte(i) << 16U) | (byte(i + 1) << 8U) | byte(i + 2);
        put(digits[(group >> 18U) & 63U]);
        put(digits[(group >> 12U) & 63U]);
        put(left > 1 ? digits[(group >> 6U) & 63U] : '=');
        put(left > 2 ? digits[group & 63U] : '=');
    }
    return out;
}

// 5000 bytes covering every byte value; SHA-1 6c0a586b2761ee383bb0e7639c4ed091538442ea (computed apart).
std::string sample_bytes() {
    std::string bytes;
    for (int i = 0; i < 5000; ++i) bytes.push_back(static_cast<char>((i * 7 + 3) % 256));
    return bytes;
}

std::string upload_dump(const std::string& contents, const std::string& sha1base36) {
    return "<mediawiki xmlns=\"http://www.mediawiki.org/xml/export-0.11/\" version=\"0.11\">\n"
           "<siteinfo><sitename>Intranet</sitename><base>http://wiki.example/Main</base><namespaces>"
           "<namespace key=\"0\" case=\"first-letter\" /><namespace key=\"6\" case=\"first-letter\">File</namespace>"
           "</namespaces></siteinfo>\n"
           "<page><title>File:Sample.bin</title><ns>6</ns><id>12</id>"
           "<revision><id>40</id><timestamp>2024-03-01T10:00:00Z</timestamp><contributor><username>Jdoe</username>"
           "<id>2</id></contributor><text bytes=\"7\">A file.</text></revision>\n"
           "<upload><timestamp>2024-03-01T10:00:00Z</timestamp><contributor><username>Jdoe</username><id>2</id>"
           "</contributor><comment>legacy attachment</comment><filename>Sample.bin</filename>"
           "<src>http://wiki.example/images/Sample.bin</src><size>5000</size><sha1base36>" + sha1base36 +
           "</sha1base36>\n<contents encoding=\"base64\">\n" + contents + "</contents></upload>\n"
           "</page>\n</mediawiki>\n";
}

const std::string upload_key = "upload:12@2024-03-01T10:00:00Z";

}  // namespace

TEST(Base64Decoder, DecodesAcrossPiecesIgnoringWhitespace) {
    const std::string original = sample_bytes();
    const std::string encoded = base64(original, 60);
    for (const std::size_t piece : {std::size_t{1}, std::size_t{3}, std::size_t{7}, std::size_t{4096}}) {
        extract::Base64Decoder decoder;
        std::string out;
        for (std::size_t at = 0; at < encoded.size(); at += piece) {
            ASSERT_TRUE(decoder.feed(std::string_view(encoded).substr(at, piece), out)) << decoder.problem();
        }
        ASSERT_TRUE(decoder.finish(out));
        EXPECT_EQ(out, original) << "pieces of " << piece;
    }
    for (const auto& [text, bytes] : std::vector<std::pair<std::string, std::string>>{
             {"TWFu", "Man"}, {"TWE=", "Ma"}, {"TQ==", "M"}, {"TWE", "Ma"}, {"TQ", "M"}, {"", ""}}) {
        extract::Base64Decoder decoder;
        std::string out;
        EXPECT_TRUE(decoder.feed(text, out) && decoder.finish(out)) << text;
        EXPECT_EQ(out, bytes) << text;
    }
}

TEST(Base64Decoder, NamesWhatIsWrongAndWhere) {
    const auto problem = [](const std::string& text) {
        extract::Base64Decoder decoder;
        std::string out;
        if (decoder.feed(text, out) && decoder.finish(out)) return std::string("accepted");
        return decoder.problem();
    };
    EXPECT_EQ(problem("TWFu\nTW*u"), "'*' at character 8 is not a base64 digit");
    EXPECT_EQ(problem("TWFuT"), "the text ends with a single digit after the last full group of four (5 characters "
                                "read): it is cut short");
    EXPECT_EQ(problem("TQ==TWFu"), "data after the '=' padding at character 5");
    EXPECT_EQ(problem("T==="), "padding '=' at character 2 where a digit was expected");
    EXPECT_EQ(problem("TQ==="), "too much padding at character 5");
}

TEST(FileStore, Sha1InBase36AsMediaWikiWritesIt) {
    EXPECT_EQ(extract::sha1_hex_to_base36("da39a3ee5e6b4b0d3255bfef95601890afd80709"), "phoiac9h4m842xq45sp7s6u21eteeq1");
    EXPECT_EQ(extract::sha1_hex_to_base36("6c0a586b2761ee383bb0e7639c4ed091538442ea"), "cmbxw8otvzumocb5jmvkd90lluo3coa");
}

TEST(MediaWikiUploads, EmbeddedContentsAreWrittenBesideTheWorkspaceByHash) {
    TempDir dir;
    const std::string original = sample_bytes();
    write_file(dir.file("dump.xml"), upload_dump(base64(original), "cmbxw8otvzumocb5jmvkd90lluo3coa"));
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "mediawiki", dir.file("dump.xml"));

    const std::string sha1 = "6c0a586b2761ee383bb0e7639c4ed091538442ea";
    const std::string path = item_attribute(workspace, upload_key, "file_path");
    EXPECT_EQ(path, (std::filesystem::absolute(dir.file("w.db.files")).lexically_normal() / "mediawiki" / "6c" / sha1).string());
    EXPECT_EQ(read_file(path), original);
    EXPECT_EQ(item_attribute(workspace, upload_key, "file_size"), "5000");
    EXPECT_EQ(item_attribute(workspace, upload_key, "file_sha1"), sha1);
    EXPECT_EQ(item_attribute(workspace, upload_key, "contents_not_kept"), "");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages"), 0);
    // Nothing half-written is left behind.
    EXPECT_TRUE(std::filesystem::is_empty(dir.file("w.db.files/mediawiki/incoming")));

    // A re-run stores the same bytes at the same place and changes nothing.
    extract_source(workspace, "mediawiki", dir.file("dump.xml"));
    EXPECT_EQ(read_file(path), original);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages"), 0);
}

TEST(MediaWikiUploads, CorruptBase64IsReportedAndTheUploadKept) {
    TempDir dir;
    std::string contents = base64(sample_bytes());
    // On the 13th line of digits, which starts on line 18; counted in characters of the contents as XML reads
    // them, line breaks normalised to one character (the line break after the start tag, then 12 lines of 76
    // digits and a line break): 1 + 12 * 77 + 65.
    contents[1000] = '%';
    write_file(dir.file("dump.xml"), upload_dump(contents, "cmbxw8otvzumocb5jmvkd90lluo3coa"));
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "mediawiki", dir.file("dump.xml"));

    EXPECT_EQ(query_text(workspace, "SELECT severity || '|' || file || '|' || line || '|' || item_key || '|' || text "
                                    "FROM messages WHERE code = 'mediawiki.upload-contents-unreadable'"),
              "error|" + dir.file("dump.xml") + "|18|" + upload_key +
                  "|the file contents embedded for Sample.bin are not kept: the embedded contents are not valid base64: "
                  "'%' at character 990 is not a base64 digit; the upload's metadata is");
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = '" + upload_key + "'"), "Sample.bin");
    EXPECT_NE(item_attribute(workspace, upload_key, "file_error").find("not a base64 digit"), std::string::npos);
    EXPECT_EQ(item_attribute(workspace, upload_key, "file_path"), "");
    EXPECT_TRUE(std::filesystem::is_empty(dir.file("w.db.files/mediawiki/incoming")));  // the partial file is removed
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items WHERE kind = 'page'"), 1);
}

TEST(MediaWikiUploads, ContentsThatDoNotMatchTheDeclaredHashAreKeptWithAWarning) {
    TempDir dir;
    write_file(dir.file("dump.xml"), upload_dump(base64("other bytes"), "cmbxw8otvzumocb5jmvkd90lluo3coa"));
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "mediawiki", dir.file("dump.xml"));
    EXPECT_EQ(read_file(item_attribute(workspace, upload_key, "file_path")), "other bytes");
    EXPECT_EQ(query_text(workspace, "SELECT severity FROM messages WHERE code = 'mediawiki.upload-sha1-mismatch'"),
              "warning");
}

// libxml2's tree builder refuses a text node over 10 MB; the SAX stream hands the text out in pieces, so an
// upload of any size is decoded and stored as it streams by.
TEST(MediaWikiUploads, AnUploadLargerThanTheParsersTextLimitIsStoredWhole) {
    TempDir dir;
    std::string original(12'000'000, '\0');
    for (std::size_t i = 0; i < original.size(); ++i) original[i] = static_cast<char>((i * 2654435761U) >> 13U);
    write_file(dir.file("dump.xml"), upload_dump(base64(original), "-"));
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "mediawiki", dir.file("dump.xml"));
    EXPECT_EQ(item_attribute(workspace, upload_key, "file_size"), "12000000");
    EXPECT_TRUE(read_file(item_attribute(workspace, upload_key, "file_path")) == original);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages WHERE severity = 'error'"), 0);
}

// A UTF-16 dump's contents are decoded the same way, as the parser hands them out.
TEST(MediaWikiUploads, Utf16DumpsGiveTheSameFile) {
    TempDir dir;
    const std::string original = sample_bytes();
    const std::string utf8 = upload_dump(base64(original), "cmbxw8otvzumocb5jmvkd90lluo3coa");
    std::string utf16 = "\xff\xfe";
    for (const char c : utf8) {
        utf16.push_back(c);
        utf16.push_back('\0');
    }
    write_file(dir.file("dump.xml"), utf16);
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "mediawiki", dir.file("dump.xml"));
    EXPECT_EQ(read_file(item_attribute(workspace, upload_key, "file_path")), original);
    EXPECT_EQ(item_attribute(workspace, upload_key, "file_sha1"), "6c0a586b2761ee383bb0e7639c4ed091538442ea");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages"), 0);
}

TEST(MediaWikiUploads, AFilesFolderThatCannotBeWrittenIsAnErrorOnTheUploadNotTheRun) {
    TempDir dir;
    write_file(dir.file("w.db.files"), "a file where the folder should be");
    write_file(dir.file("dump.xml"), upload_dump(base64("bytes"), "-"));
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "mediawiki", dir.file("dump.xml"));
    EXPECT_NE(query_text(workspace, "SELECT text FROM messages WHERE code = 'mediawiki.upload-contents-unreadable'")
                  .find("cannot create the folder for embedded files"),
              std::string::npos);
    EXPECT_EQ(query_text(workspace, "SELECT outcome FROM runs"), "partial");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items"), 2);
}

}  // namespace baton::test
