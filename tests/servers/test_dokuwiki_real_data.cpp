// A data folder made by a real DokuWiki (Debian's package, pages committed with bin/dwpage.php) in the test setup.
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace baton::test {

TEST(RealDokuWiki, DwpageCommitsGiveEveryRevisionAuthorAndNamespace) {
    TempDir dir;
    const std::string state = dir.file("dokuwiki");
    const std::string command =
        "bash '" + source_file("tests/servers/dokuwiki-data.sh") + "' '" + state + "' > '" + dir.file("log") + "' 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << read_file(dir.file("log"));
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "dokuwiki", state + "/data");

    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages"), 0);
    const auto history = [&](const std::string& key) {
        return query_text(workspace, "SELECT group_concat(x, ' | ') FROM (SELECT p.login || ': ' || r.comment AS x FROM "
                                     "revisions r JOIN items i ON i.id = r.item_id JOIN people p ON p.id = r.author_id "
                                     "WHERE i.key = '" + key + "' ORDER BY r.position)");
    };
    // Every commit, by its user, with its summary; the minor edit (-t) and the deletion marked by type.
    EXPECT_EQ(history("page:engineering:start"), "alice: [C] first draft | bob: link the setup page | alice: [e] typo");
    EXPECT_EQ(history("page:engineering:setup"), "bob: [C] setup notes");
    EXPECT_EQ(history("page:hr:policies"), "carol: [C] leave policy | alice: holidays");
    EXPECT_EQ(history("page:hr:scratch"), "carol: [C] temporary | carol: [D] no longer needed");
    EXPECT_EQ(history("media:engineering:diagram.gif"), "dave: [C] created");
    // Revisions keep distinct keys even when DokuWiki saved several within one second.
    EXPECT_EQ(query_int(workspace, "SELECT count(DISTINCT r.key) FROM revisions r JOIN items i ON i.id = r.item_id "
                                   "WHERE i.key = 'page:engineering:start'"),
              3);
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(login, ',') FROM (SELECT login FROM people ORDER BY login)"),
              "alice,bob,carol,dave");
    // The deleted page is kept, as deleted; the skeleton's own pages are there too, without history.
    EXPECT_EQ(query_text(workspace, "SELECT status FROM items WHERE key = 'page:hr:scratch'"), "deleted");
    EXPECT_EQ(query_text(workspace, "SELECT status FROM items WHERE key = 'page:wiki:syntax'"), "current");
    // Pages and the media file in their namespaces.
    const auto namespace_of = [&](const std::string& key) {
        return query_text(workspace, "SELECT c.key FROM item_containers ic JOIN containers c ON c.id = ic.container_id "
                                     "JOIN items i ON i.id = ic.item_id WHERE i.key = '" + key + "' AND ic.position = 0");
    };
    EXPECT_EQ(namespace_of("page:engineering:start"), "namespace:engineering");
    EXPECT_EQ(namespace_of("page:hr:policies"), "namespace:hr");
    EXPECT_EQ(namespace_of("media:engineering:diagram.gif"), "namespace:engineering");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM item_containers ic JOIN containers c ON c.id = "
                                   "ic.container_id WHERE c.key = 'namespace:engineering'"),
              3);
    // The latest text is the body; the attic's copy of the last save is kept as that revision's text.
    EXPECT_NE(query_text(workspace, "SELECT body FROM items_with_body WHERE key = 'page:engineering:start'")
                  .find("See [[engineering:setup]]!"),
              std::string::npos);
    EXPECT_NE(query_text(workspace, "SELECT t.text FROM revision_texts t WHERE t.item_key = 'page:hr:policies' AND "
                                    "t.revision_key = (SELECT r.key FROM revisions r JOIN items i ON i.id = r.item_id "
                                    "WHERE i.key = 'page:hr:policies' ORDER BY r.position DESC LIMIT 1)")
                  .find("Holidays"),
              std::string::npos);
    // The uploaded file, referenced where DokuWiki keeps it: the very bytes uploaded.
    EXPECT_EQ(read_file(item_attribute(workspace, "media:engineering:diagram.gif", "file_path")),
              read_file(state + "/work/diagram.gif"));
}

}  // namespace baton::test
