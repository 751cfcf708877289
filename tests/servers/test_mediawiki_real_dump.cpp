// A dump made by a real MediaWiki (Debian's package, on SQLite) in the test setup, extracted and checked.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "transform/contributions.hpp"

namespace baton::test {

TEST(RealMediaWiki, DumpBackupFullGivesEveryPageRevisionAndAuthor) {
    TempDir dir;
    const std::string state = dir.file("mediawiki");
    const std::string command =
        "bash '" + source_file("tests/servers/mediawiki-dump.sh") + "' '" + state + "' > '" + dir.file("log") + "' 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << read_file(dir.file("log"));
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "mediawiki", state + "/dump-full.xml");

    EXPECT_EQ(query_text(workspace, "SELECT title || '|' || format_version FROM sources"), "Intranet Wiki|0.11");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items WHERE kind = 'page'"), 6);  // with the Main Page
    // The upload of File:Diagram.gif: an attachment of its file page, by its uploader.
    EXPECT_EQ(query_text(workspace, "SELECT i.title || '|' || p.login || '|' || f.title FROM items i JOIN people p ON "
                                    "p.id = i.author_id JOIN items f ON f.id = i.parent_id WHERE i.kind = 'attachment'"),
              "Diagram.gif|Jdoe|File:Diagram.gif");
    // Its contents, embedded by --include-files, decoded into a file beside the workspace: the very bytes uploaded.
    const std::string upload_key = query_text(workspace, "SELECT key FROM items WHERE kind = 'attachment'");
    const std::string stored = item_attribute(workspace, upload_key, "file_path");
    EXPECT_EQ(stored.rfind(dir.file("w.db.files") + "/mediawiki/", 0), 0U) << stored;
    EXPECT_EQ(read_file(stored), read_file(state + "/seed/Diagram.gif"));
    EXPECT_EQ(item_attribute(workspace, upload_key, "file_size"), std::to_string(read_file(stored).size()));
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages WHERE code LIKE 'mediawiki.upload-%'"), 0);
    const auto revisions_of = [&](const std::string& title) {
        return query_text(workspace, "SELECT group_concat(login, ',') FROM (SELECT p.login FROM revisions r JOIN items "
                                     "i ON i.id = r.item_id JOIN people p ON p.id = r.author_id WHERE i.title = '" +
                                         title + "' ORDER BY r.position)");
    };
    EXPECT_EQ(revisions_of("Engineering/Home"), "Jdoe,Asmith");
    EXPECT_EQ(revisions_of("Engineering/Onboarding"), "Asmith");
    EXPECT_EQ(revisions_of("Talk:Engineering/Home"), "Jdoe");
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(comment, '|') FROM (SELECT r.comment FROM revisions r JOIN "
                                    "items i ON i.id = r.item_id WHERE i.title = 'Engineering/Home' ORDER BY r.position)"),
              "initial import|update");
    EXPECT_EQ(query_text(workspace, "SELECT c.key FROM item_containers ic JOIN containers c ON c.id = ic.container_id "
                                    "JOIN items i ON i.id = ic.item_id WHERE i.title = 'Talk:Engineering/Home' AND "
                                    "ic.position = 0"),
              "namespace:1");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM item_containers ic JOIN containers c ON c.id = "
                                   "ic.container_id WHERE c.key = 'category:Engineering'"),
              2);
    // Old texts are kept: the first revision of Engineering/Home still says who wrote the space's home.
    EXPECT_NE(query_text(workspace, "SELECT t.text FROM revision_texts t JOIN revisions r ON r.key = t.revision_key "
                                    "WHERE t.item_key = (SELECT key FROM items WHERE title = 'Engineering/Home') AND "
                                    "r.position = 0 AND r.item_id = (SELECT id FROM items WHERE title = "
                                    "'Engineering/Home')")
                  .find("The engineering space."),
              std::string::npos);

    transform::derive_contributions(workspace);
    const auto fact = [&](const std::string& login, const std::string& column) {
        return query_int(workspace, "SELECT " + column + " FROM contributions c JOIN people p ON p.id = c.person_id "
                                    "WHERE p.login = '" + login + "' AND c.container_id = 0");
    };
    EXPECT_EQ(fact("Jdoe", "items_created"), 4);  // home, talk page, category page, the file page
    EXPECT_EQ(fact("Asmith", "items_created"), 1);
    EXPECT_EQ(fact("Asmith", "revisions"), 2);
    EXPECT_EQ(fact("Jdoe", "talk_revisions"), 1);
}

}  // namespace baton::test
