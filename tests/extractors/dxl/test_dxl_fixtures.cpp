// Lotus Notes DXL exports: the facts ../shared/fixtures/PROVENANCE.md lists for the Domino 6.5 files.
#include <gtest/gtest.h>

#include <filesystem>

#include "extractors/dxl/dxl_values.hpp"
#include "extractors/extract_job.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

std::string dxl_fixture(const std::string& name) { return fixture("other/lotus-notes-dxl/" + name); }

struct ExtractedDxl {
    explicit ExtractedDxl(const std::string& name) : workspace(dir.file("w.db"), workspace::Access::create) {
        extract_source(workspace, "dxl", dxl_fixture(name));
    }
    std::int64_t count(const std::string& where) {
        return query_int(workspace, "SELECT count(*) FROM " + where);
    }
    std::string text(const std::string& sql) { return query_text(workspace, sql); }
    // The written file of attachment `key`, from its "file" attribute (relative to the files folder).
    std::filesystem::path file_of(const std::string& key) {
        return extract::files_dir_beside(dir.file("w.db")) / item_attribute(workspace, key, "file");
    }
    TempDir dir;
    workspace::Workspace workspace;
};

// Width and height from a JPEG's start-of-frame segment; {0, 0} when there is none.
std::pair<int, int> jpeg_size(const std::string& jpeg) {
    for (std::size_t at = 2; at + 9 < jpeg.size();) {
        if (static_cast<unsigned char>(jpeg[at]) != 0xFF) return {0, 0};
        const auto marker = static_cast<unsigned char>(jpeg[at + 1]);
        const auto length = static_cast<std::size_t>(static_cast<unsigned char>(jpeg[at + 2]) << 8 |
                                                     static_cast<unsigned char>(jpeg[at + 3]));
        if (marker >= 0xC0 && marker <= 0xC2) {
            const auto byte = [&](std::size_t i) { return static_cast<int>(static_cast<unsigned char>(jpeg[i])); };
            return {byte(at + 7) << 8 | byte(at + 8), byte(at + 5) << 8 | byte(at + 6)};
        }
        at += 2 + length;
    }
    return {0, 0};
}

}  // namespace

TEST(DxlFixtures, HundredDocuments) {
    ExtractedDxl dxl("test_100docs.xml");
    EXPECT_EQ(dxl.count("items WHERE kind = 'document'"), 100);
    EXPECT_EQ(dxl.count("containers WHERE kind = 'form' AND declared = 1"), 10);
    EXPECT_EQ(dxl.count("items i JOIN item_containers ic ON ic.item_id = i.id JOIN containers c ON c.id = "
                        "ic.container_id WHERE c.key = 'form:info'"),
              10);
    EXPECT_EQ(dxl.count("messages"), 0);  // the header's 100 matches
    // The database is the space every document is in first; its forms are inside it.
    EXPECT_EQ(dxl.text("SELECT kind || ' ' || name FROM containers WHERE key = 'database:C12575D700465A84'"),
              "space test_100docs");
    EXPECT_EQ(dxl.count("item_containers ic JOIN containers c ON c.id = ic.container_id WHERE ic.position = 0 AND "
                        "c.key = 'database:C12575D700465A84'"),
              100);
    EXPECT_EQ(dxl.count("containers WHERE kind = 'form' AND parent_key = 'database:C12575D700465A84'"), 10);
    EXPECT_EQ(dxl.text("SELECT outcome FROM runs"), "succeeded");
    // Names items name people; the server group on the ACL is not one.
    EXPECT_EQ(dxl.count("people WHERE key = 'login:CN=Eric BREHAULT/O=Eric BREHAULT'"), 1);
    EXPECT_EQ(dxl.count("people WHERE key LIKE '%DomainServers'"), 0);
    EXPECT_EQ(dxl.count("items WHERE kind = 'document' AND author_id IS NULL"), 0);
}

TEST(DxlFixtures, DocumentsWhoseHeaderClaimsThree) {
    ExtractedDxl dxl("test_documents.xml");
    EXPECT_EQ(dxl.count("items WHERE kind = 'document'"), 2);
    EXPECT_EQ(dxl.text("SELECT severity || ' ' || code FROM messages"), "warning dxl.document-count");
    EXPECT_EQ(dxl.text("SELECT text FROM messages"),
              "the database header declares 3 documents (numberofdocuments) but the export holds 2");
    const auto line = query_int(dxl.workspace, "SELECT line FROM messages");
    EXPECT_TRUE(line == 4 || line == 5) << line;  // the <databaseinfo> start tag spans lines 4-5
    EXPECT_EQ(dxl.text("SELECT outcome FROM runs"), "succeeded");  // a warning, nothing skipped
    // importDXL_documents.txt: forms [1, 0], views [1, 0].
    EXPECT_EQ(dxl.count("containers WHERE kind = 'form' AND declared = 1"), 1);
    EXPECT_EQ(dxl.count("containers WHERE kind = 'view'"), 1);

    // Form "info" with fields name (text) and age (number); view "tous" with columns Name and Age.
    EXPECT_EQ(dxl.text("SELECT attributes FROM containers WHERE key = 'form:info'"),
              "[[\"unid\",\"C49D80D6DADCAC06C12575C900515D72\"],[\"field\",\"name (text)\"],[\"field\",\"age (number)\"]]");
    EXPECT_EQ(dxl.count("containers WHERE kind = 'view' AND name = 'tous' AND attributes LIKE "
                        "'%[\"column\",\"Name\"],[\"column\",\"Age\"]%'"),
              1);
    const std::string joe = "doc:B152B61013440583C12575C90051910C";
    EXPECT_EQ(dxl.text("SELECT title FROM items WHERE key = '" + joe + "'"), "Joe Strummer");
    EXPECT_EQ(item_attribute(dxl.workspace, joe, "item:age"), "58");
    EXPECT_EQ(dxl.text("SELECT created_at || ' ' || modified_at FROM items WHERE key = '" + joe + "'"),
              "2009-06-02T14:50:55Z 2009-06-02T14:51:09Z");  // 16:50:55 at +02
    EXPECT_EQ(dxl.text("SELECT title FROM items WHERE key = 'doc:D491A14259408B24C12575C9005198B2'"), "Ian Curtis");
    EXPECT_EQ(dxl.text("SELECT p.display_name || ' ' || p.declared FROM items i JOIN people p ON p.id = i.author_id "
                       "WHERE i.key = '" + joe + "'"),
              "Eric BREHAULT 1");  // declared by the ACL, where the person is manager
    EXPECT_EQ(dxl.text("SELECT attributes FROM people WHERE key = 'login:CN=Eric BREHAULT/O=Eric BREHAULT'"),
              "[[\"acl_level\",\"manager\"],[\"deletedocs\",\"true\"]]");
}

TEST(DxlFixtures, EmbeddedImageIsWrittenOut) {
    ExtractedDxl dxl("test_binary_2.xml");
    EXPECT_EQ(dxl.count("items WHERE kind = 'document'"), 1);
    // importDXL_binary.txt: forms [0, 0] (the document's form is only named by it), views [1, 0].
    EXPECT_EQ(dxl.count("containers WHERE kind = 'form' AND declared = 1"), 0);
    EXPECT_EQ(dxl.count("containers WHERE kind = 'form' AND declared = 0"), 1);
    EXPECT_EQ(dxl.count("containers WHERE kind = 'view'"), 1);
    const std::string document = "doc:EB9222B5A0506298C12575CC004A5CAF";
    EXPECT_EQ(dxl.count("items WHERE key = '" + document + "'"), 1);
    EXPECT_EQ(dxl.text("SELECT group_concat(title) FROM items WHERE kind = 'attachment'"), "image1.jpeg");
    const std::string image = "file:EB9222B5A0506298C12575CC004A5CAF/image1.jpeg";
    EXPECT_EQ(dxl.text("SELECT parent_key FROM items WHERE key = '" + image + "'"), document);
    const std::string body = dxl.text("SELECT body FROM items_with_body WHERE key = '" + document + "'");
    EXPECT_NE(body.find("<par def=\"1\">Create picture:</par>"), std::string::npos);
    EXPECT_NE(body.find("<jpeg file=\"image1.jpeg\""), std::string::npos);
    EXPECT_EQ(body.find("/9j/"), std::string::npos);  // the base64 is not in the body

    const auto path = dxl.file_of(image);
    ASSERT_TRUE(std::filesystem::is_regular_file(path)) << path;
    const std::string jpeg = read_file(path.string());
    EXPECT_EQ(std::to_string(jpeg.size()), item_attribute(dxl.workspace, image, "size"));
    ASSERT_GT(jpeg.size(), 1000U);
    EXPECT_EQ(jpeg.substr(0, 4), std::string("\xFF\xD8\xFF\xE0", 4));  // JPEG start of image, JFIF
    EXPECT_EQ(jpeg.substr(6, 4), "JFIF");
    EXPECT_EQ(jpeg.substr(jpeg.size() - 2), std::string("\xFF\xD9", 2));  // end of image
    EXPECT_EQ(jpeg_size(jpeg), (std::pair<int, int>{256, 256}));  // as the <picture> says
}

TEST(DxlFixtures, FileAttachmentFormsViewsAndRevisions) {
    ExtractedDxl dxl("test1.xml");
    EXPECT_EQ(dxl.count("items WHERE kind = 'document'"), 2);
    EXPECT_EQ(dxl.count("containers WHERE kind = 'form' AND declared = 1"), 2);
    EXPECT_EQ(dxl.count("containers WHERE kind = 'view'"), 2);
    const std::string attachment = "file:8FAFEA17124D221DC12575C300355976/Sample Pictures.lnk";
    EXPECT_EQ(dxl.text("SELECT parent_key FROM items WHERE key = '" + attachment + "'"),
              "doc:8FAFEA17124D221DC12575C300355976");
    EXPECT_EQ(item_attribute(dxl.workspace, attachment, "item"), "$FILE");
    EXPECT_EQ(dxl.text("SELECT created_at FROM items WHERE key = '" + attachment + "'"), "2008-07-23T10:31:16Z");
    const std::string shortcut = read_file(dxl.file_of(attachment).string());
    EXPECT_EQ(shortcut.substr(0, 4), std::string("L\0\0\0", 4));  // a Windows shortcut's header size
    EXPECT_EQ(std::to_string(shortcut.size()), item_attribute(dxl.workspace, attachment, "size"));
    // $Revisions: four earlier saves between creation and the last change.
    EXPECT_EQ(dxl.count("revisions WHERE item_id = (SELECT id FROM items WHERE key = "
                        "'doc:8FAFEA17124D221DC12575C300355976')"),
              6);
    EXPECT_EQ(dxl.count("revisions WHERE key = 'saved:2009-05-27T09:45:09Z'"), 1);
}

TEST(DxlFixtures, DatabaseExampleFormsAndDocumentExample) {
    ExtractedDxl database("dxlDatabase.xml");
    EXPECT_EQ(database.count("containers WHERE kind = 'form'"), 2);
    EXPECT_EQ(database.count("containers WHERE kind = 'view'"), 1);
    EXPECT_EQ(database.count("items"), 0);

    ExtractedDxl documents("dxlDocument.xml");  // has <!DOCTYPE database SYSTEM ...>: read, nothing fetched
    EXPECT_EQ(documents.count("items WHERE kind = 'document'"), 2);
    EXPECT_EQ(documents.text("SELECT group_concat(title, '|') FROM (SELECT title FROM items ORDER BY title)"),
              "Harry Hill|Joe Strummer");
    EXPECT_EQ(documents.text("SELECT display_name FROM people WHERE key = 'login:CN=Michelle Lally/OU=CAM/O=Acme'"),
              "Michelle Lally");
    EXPECT_EQ(documents.text("SELECT created_at FROM items WHERE key = 'doc:431A199A6FCC9C0985256A54005041A1'"),
              "2001-05-22T14:36:36Z");  // 10:36:36 at -04
}

TEST(DxlFixtures, OneDocumentEach) {
    for (const char* name : {"test_overview.xml", "test_richtext.xml", "test_datetime_type.xml"}) {
        ExtractedDxl dxl(name);
        EXPECT_EQ(dxl.count("items WHERE kind = 'document'"), 1) << name;
        EXPECT_EQ(dxl.count("messages WHERE severity = 'error'"), 0) << name;
    }
}

TEST(DxlValues, DateTimesNamesAndFileNames) {
    using namespace extract::dxl;
    EXPECT_EQ(dxl_datetime_to_iso("20090602T165055,48+02"), "2009-06-02T14:50:55Z");
    EXPECT_EQ(dxl_datetime_to_iso("20011231T230000,00-0130"), "2002-01-01T00:30:00Z");
    EXPECT_EQ(dxl_datetime_to_iso("19750521"), "1975-05-21");
    EXPECT_EQ(dxl_datetime_to_iso("T101500,00"), "10:15:00");
    EXPECT_EQ(dxl_datetime_to_iso("20090602T165055"), "2009-06-02T16:50:55");
    EXPECT_EQ(dxl_datetime_to_iso("yesterday"), "yesterday");
    EXPECT_EQ(common_name("CN=Ann Lee/OU=Sales/O=Acme"), "Ann Lee");
    EXPECT_EQ(common_name("Ann Lee"), "Ann Lee");
    EXPECT_EQ(safe_file_name("../../etc/passwd"), "passwd");
    EXPECT_EQ(safe_file_name("C:\\Temp\\..\\a.doc"), "a.doc");
    EXPECT_EQ(safe_file_name(".."), "file");
}

}  // namespace baton::test
