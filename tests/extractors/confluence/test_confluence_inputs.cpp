// Confluence exports as .zip archives and bad input: the same model from a zip as from its folder; clear
// messages with file and line for truncated, hostile or inconsistent exports, keeping what was read.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "confluence_test_support.hpp"
#include "extractors/confluence/confluence_extractor.hpp"
#include "model/model_dump.hpp"

namespace baton::test {
namespace {

// Zips `folder` with Python's zipfile: "deflated", "stored", "streamed" (deflated, written to a pipe, so
// every entry has a data descriptor as Java's ZipOutputStream writes them) or "nested" (inside a folder).
void make_zip(const std::string& folder, const std::string& zip_path, const std::string& mode, const TempDir& dir) {
    const std::string script = dir.file("make_zip.py");
    write_file(script, R"py(import os, sys, zipfile
folder, target, mode = sys.argv[1:4]
method = zipfile.ZIP_STORED if mode == "stored" else zipfile.ZIP_DEFLATED
out = open(target, "wb")
if mode == "streamed":
    out = os.fdopen(os.dup(out.fileno()), "wb")
    class Unseekable:
        def __init__(self, f): self.f = f
        def write(self, b): return self.f.write(b)
        def flush(self): self.f.flush()
        def close(self): self.f.close()
    out = Unseekable(out)
prefix = "export-1/" if mode == "nested" else ""
with zipfile.ZipFile(out, "w", method) as archive:
    for root, folders, files in sorted(os.walk(folder)):
        for name in sorted(files):
            path = os.path.join(root, name)
            archive.write(path, prefix + os.path.relpath(path, folder))
out.close()
)py");
    const std::string command = "python3 '" + script + "' '" + folder + "' '" + zip_path + "' " + mode;
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
}

// The model of an export as a dump, with the export's own path replaced by "<export>".
std::string dump_of(const std::string& path, const std::string& prefix) {
    auto extractor = extract::create_confluence_extractor(path);
    (void)extractor->open();
    std::ostringstream out;
    model::ModelDumpWriter dump(out);
    extractor->extract(dump, {});
    std::string text = out.str();
    for (auto at = text.find(prefix); at != std::string::npos; at = text.find(prefix)) {
        text.replace(at, prefix.size(), "<export>/");
    }
    return text;
}

struct Failure {
    ExitCode code = ExitCode::success;
    SourcePosition position;
    std::string problem;
};

Failure extract_expecting_failure(workspace::Workspace& workspace, const std::string& path) {
    try {
        extract_source(workspace, "confluence", path);
    } catch (const InputError& error) {
        return {error.code(), error.position(), error.problem()};
    }
    ADD_FAILURE() << "extracting " << path << " did not fail";
    return {};
}

struct Scratch {
    TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
};

std::string entities(const std::string& objects) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<hibernate-generic datetime=\"2024-01-01 00:00:00\">\n" +
           objects + "</hibernate-generic>\n";
}

}  // namespace

class ConfluenceZip : public ::testing::TestWithParam<std::tuple<const char*, const char*>> {};

TEST_P(ConfluenceZip, SameModelAsTheFolder) {
    const auto [name, mode] = GetParam();
    TempDir dir;
    const std::string folder = confluence_fixture(name);
    const std::string zip = dir.file(std::string(name) + ".zip");
    make_zip(folder, zip, mode, dir);
    const std::string from_folder = dump_of(folder, folder + "/");
    const std::string prefix = zip + "!/" + (std::string(mode) == "nested" ? "export-1/" : "");
    const std::string from_zip = dump_of(zip, prefix);
    EXPECT_NE(from_folder.find("item "), std::string::npos);
    EXPECT_EQ(from_zip, from_folder);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, ConfluenceZip,
                         ::testing::Values(std::tuple{"4.3.2", "deflated"}, std::tuple{"4.3.2", "streamed"},
                                           std::tuple{"misc", "stored"}, std::tuple{"history", "nested"},
                                           std::tuple{"inlinecomments", "deflated"}),
                         [](const auto& param_info) {
                             std::string name = std::string(std::get<0>(param_info.param)) + "_" +
                                                std::get<1>(param_info.param);
                             for (char& c : name) {
                                 if (c == '.') c = '_';
                             }
                             return name;
                         });

TEST(ConfluenceInputs, ZipExtractedThroughTheWorkspaceNamesTheEntry) {
    Scratch s;
    const std::string zip = s.dir.file("history.zip");
    make_zip(confluence_fixture("history"), zip, "deflated", s.dir);
    extract_source(s.workspace, "confluence", zip);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM revisions"), 3);
    EXPECT_EQ(query_text(s.workspace, "SELECT file FROM messages WHERE code = 'confluence.dangling-reference'"),
              zip + "!/entities.xml");
    EXPECT_EQ(query_text(s.workspace, "SELECT locator FROM sources"), zip);
}

TEST(ConfluenceInputs, AttachmentFilesInTheExportAreReferencedByPath) {
    Scratch s;
    const auto folder = s.dir.path() / "export";
    std::filesystem::create_directories(folder / "attachments" / "753668" / "884737");
    std::filesystem::copy(confluence_fixture("4.3.2"), folder, std::filesystem::copy_options::recursive);
    write_file((folder / "attachments" / "753668" / "884737" / "1").string(), "jpeg bytes");
    extract_source(s.workspace, "confluence", folder.string());
    EXPECT_EQ(item_attribute(s.workspace, "attachment:884737", "file"), "attachments/753668/884737/1");
    EXPECT_EQ(item_attribute(s.workspace, "attachment:884738", "file"), "");
    EXPECT_NE(query_text(s.workspace, "SELECT text FROM messages WHERE code = 'confluence.attachment-files-missing'")
                  .find(": 3 of 4"),
              std::string::npos);
    // The same from the zip.
    Scratch z;
    const std::string zip = z.dir.file("export.zip");
    make_zip(folder.string(), zip, "deflated", z.dir);
    extract_source(z.workspace, "confluence", zip);
    EXPECT_EQ(item_attribute(z.workspace, "attachment:884737", "file"), "attachments/753668/884737/1");
}

TEST(ConfluenceInputs, MissingDescriptorIsAWarningNamingTheFile) {
    Scratch s;
    extract_source(s.workspace, "confluence", confluence_fixture("spaces"));
    EXPECT_EQ(query_text(s.workspace, "SELECT file FROM messages WHERE code = 'confluence.no-export-descriptor'"),
              confluence_fixture("spaces") + "/exportDescriptor.properties");
    EXPECT_EQ(query_text(s.workspace, "SELECT severity FROM messages WHERE code = 'confluence.no-export-descriptor'"),
              "warning");
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 2);  // read all the same
}

TEST(ConfluenceInputs, TruncatedEntitiesKeepEveryObjectBeforeTheCut) {
    Scratch s;
    const std::string original = read_file(confluence_fixture("commentorder") + "/entities.xml");
    // Cut in the middle of the fifth comment, some 600 bytes into it: libxml2 reports a truncated
    // document before handing over the nodes of the last chunk it parsed (up to a few hundred bytes).
    std::size_t at = 0;
    for (int i = 0; i < 5; ++i) at = original.find("<object class=\"Comment\"", at + 1);
    at = original.find("</property>", at + 600);  // mid-line, inside an element
    const auto folder = s.dir.path() / "cut";
    std::filesystem::create_directories(folder);
    write_file((folder / "entities.xml").string(), original.substr(0, at));
    const std::int64_t lines = std::count(original.begin(), original.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1;
    const Failure failure = extract_expecting_failure(s.workspace, folder.string());
    EXPECT_EQ(failure.code, ExitCode::truncated_input);
    EXPECT_EQ(failure.position.file, (folder / "entities.xml").string());
    EXPECT_EQ(failure.position.line, lines);
    EXPECT_NE(failure.problem.find("ends before the document is complete"), std::string::npos) << failure.problem;
    // The page and the four comments before the cut are kept (not the cut one); the run is recorded as failed.
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items WHERE kind = 'comment'"), 4);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items WHERE kind = 'page'"), 1);
    EXPECT_EQ(query_text(s.workspace, "SELECT outcome FROM runs"), "failed");
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM messages WHERE severity = 'error' AND code = "
                                     "'truncated-input' AND line = " + std::to_string(lines)),
              1);
}

TEST(ConfluenceInputs, DanglingReferencesAreReportedWithTheirLineAndNothingIsDropped) {
    Scratch s;
    const auto folder = s.dir.path() / "dangling";
    std::filesystem::create_directories(folder);
    write_file((folder / "entities.xml").string(), entities(R"xml(<object class="Page" package="p">
<id name="id">1</id>
<property name="title"><![CDATA[Home]]></property>
<property name="contentStatus"><![CDATA[current]]></property>
<property name="version">1</property>
<property name="space" class="Space" package="s"><id name="id">77</id></property>
</object>
<object class="Comment" package="p">
<id name="id">2</id>
<property name="containerContent" class="Page" package="p"><id name="id">999</id></property>
<property name="parent" class="Comment" package="p"><id name="id">998</id></property>
</object>
<object class="Page" package="p">
<id name="id">3</id>
<property name="title"><![CDATA[Old]]></property>
<property name="originalVersion" class="Page" package="p"><id name="id">997</id></property>
</object>
<object class="BodyContent" package="c">
<id name="id">4</id>
<property name="body"><![CDATA[<p>orphan</p>]]></property>
<property name="content" class="Page" package="p"><id name="id">996</id></property>
</object>
<object class="Labelling" package="l">
<id name="id">5</id>
<property name="label" class="Label" package="l"><id name="id">995</id></property>
<property name="content" class="Page" package="p"><id name="id">1</id></property>
</object>
)xml"));
    extract_source(s.workspace, "confluence", folder.string());
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items"), 3);  // page, comment, orphaned old version
    const auto line_of = [&](const std::string& where) {
        return query_int(s.workspace, "SELECT line FROM messages WHERE code = 'confluence.dangling-reference' AND " + where);
    };
    EXPECT_EQ(line_of("item_key = 'page:1'"), 3);        // space 77
    EXPECT_EQ(line_of("text LIKE '%belongs to Page 999%'"), 10);
    EXPECT_EQ(line_of("text LIKE '%answers comment 998%'"), 10);
    EXPECT_EQ(line_of("item_key = 'page:3'"), 15);       // original version 997
    EXPECT_EQ(line_of("text LIKE '%content object 996%'"), 20);
    EXPECT_EQ(line_of("text LIKE '%labelling%'"), 25);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM messages WHERE code = 'confluence.dangling-reference'"), 6);
    EXPECT_EQ(query_text(s.workspace, "SELECT file FROM messages WHERE item_key = 'page:3'"),
              (folder / "entities.xml").string());
    EXPECT_EQ(item_attribute(s.workspace, "comment:2", "missing_parent"), "999");
    EXPECT_EQ(item_attribute(s.workspace, "page:3", "missing_original"), "997");
}

TEST(ConfluenceInputs, UserNamesAreMatchedWithoutCase) {
    Scratch s;
    const auto folder = s.dir.path() / "case";
    std::filesystem::create_directories(folder);
    write_file((folder / "entities.xml").string(), entities(R"xml(<object class="InternalUser" package="u">
<id name="id">7</id>
<property name="name"><![CDATA[alice]]></property>
<property name="displayName"><![CDATA[Alice Martin]]></property>
<property name="emailAddress"><![CDATA[alice@example.org]]></property>
<component name="credential"><property name="credential" type="string"><![CDATA[{PKCS5S2}secrethash]]></property>
</component>
</object>
<object class="Page" package="p">
<id name="id">1</id>
<property name="title"><![CDATA[Home]]></property>
<property name="creatorName"><![CDATA[Alice]]></property>
<property name="lastModifierName"><![CDATA[bob]]></property>
</object>
)xml"));
    extract_source(s.workspace, "confluence", folder.string());
    EXPECT_EQ(query_text(s.workspace, "SELECT p.key FROM items i JOIN people p ON p.id = i.author_id"), "login:alice");
    EXPECT_EQ(query_text(s.workspace, "SELECT display_name || ' ' || email FROM people WHERE key = 'login:alice'"),
              "Alice Martin alice@example.org");
    // bob is only named: an undeclared person. The password hash is never read.
    EXPECT_EQ(query_int(s.workspace, "SELECT declared FROM people WHERE key = 'login:bob'"), 0);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM people"), 2);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM people WHERE attributes LIKE '%secrethash%'"), 0);
}

TEST(ConfluenceInputs, ExternalEntitiesAreRefusedAndNeverRead) {
    Scratch s;
    const auto folder = s.dir.path() / "xxe";
    std::filesystem::create_directories(folder);
    write_file(s.dir.file("secret.txt"), "TOP SECRET");
    write_file((folder / "entities.xml").string(),
               "<?xml version=\"1.0\"?>\n<!DOCTYPE hibernate-generic [\n<!ENTITY leak SYSTEM \"file://" +
                   s.dir.file("secret.txt") + "\">\n]>\n<hibernate-generic>\n<object class=\"Page\" package=\"p\">"
                   "<id name=\"id\">1</id><property name=\"title\">&leak;</property></object>\n</hibernate-generic>\n");
    const Failure failure = extract_expecting_failure(s.workspace, folder.string());
    EXPECT_EQ(failure.code, ExitCode::malformed_input);
    EXPECT_EQ(failure.position.file, (folder / "entities.xml").string());
    EXPECT_GT(failure.position.line, 0);
    EXPECT_NE(failure.problem.find("entities"), std::string::npos) << failure.problem;
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM items WHERE title LIKE '%SECRET%'"), 0);
    EXPECT_EQ(query_int(s.workspace, "SELECT count(*) FROM messages WHERE text LIKE '%SECRET%'"), 0);
}

TEST(ConfluenceInputs, NotAnExport) {
    Scratch s;
    // A folder without entities.xml.
    Failure failure = extract_expecting_failure(s.workspace, s.dir.path().string());
    EXPECT_EQ(failure.code, ExitCode::unrecognised_format);
    EXPECT_NE(failure.problem.find("no entities.xml"), std::string::npos) << failure.problem;
    // Another XML document.
    const auto folder = s.dir.path() / "rss";
    std::filesystem::create_directories(folder);
    write_file((folder / "entities.xml").string(), "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"></rss>\n");
    failure = extract_expecting_failure(s.workspace, folder.string());
    EXPECT_EQ(failure.code, ExitCode::unrecognised_format);
    EXPECT_EQ(failure.position.line, 2);
    EXPECT_NE(failure.problem.find("<rss>"), std::string::npos) << failure.problem;
    // A file that is not a zip, and a zip cut in half.
    write_file(s.dir.file("export.zip"), "this is not an archive at all, just some text that is long enough");
    failure = extract_expecting_failure(s.workspace, s.dir.file("export.zip"));
    EXPECT_EQ(failure.code, ExitCode::malformed_input);
    EXPECT_NE(failure.problem.find("not a readable .zip archive"), std::string::npos) << failure.problem;
    const std::string zip = s.dir.file("whole.zip");
    make_zip(confluence_fixture("4.3.2"), zip, "deflated", s.dir);
    const std::string bytes = read_file(zip);
    write_file(s.dir.file("half.zip"), bytes.substr(0, bytes.size() / 2));
    failure = extract_expecting_failure(s.workspace, s.dir.file("half.zip"));
    EXPECT_EQ(failure.code, ExitCode::malformed_input);
    EXPECT_EQ(failure.position.file, s.dir.file("half.zip"));
}

TEST(ConfluenceInputs, CorruptCompressedEntityStreamNamesTheEntry) {
    Scratch s;
    const std::string zip = s.dir.file("export.zip");
    make_zip(confluence_fixture("4.3.2"), zip, "deflated", s.dir);
    std::string bytes = read_file(zip);
    // Damage the deflated data of entities.xml (the first entry) well after its start.
    const std::size_t data = bytes.find("entities.xml") + std::string("entities.xml").size();
    for (std::size_t i = data + 3000; i < data + 3400; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
    write_file(zip, bytes);
    const Failure failure = extract_expecting_failure(s.workspace, zip);
    EXPECT_EQ(failure.code, ExitCode::malformed_input);
    EXPECT_EQ(failure.position.file, zip + "!/entities.xml");
    EXPECT_GT(failure.position.line, 1);
    EXPECT_EQ(query_text(s.workspace, "SELECT outcome FROM runs"), "failed");
}

}  // namespace baton::test
