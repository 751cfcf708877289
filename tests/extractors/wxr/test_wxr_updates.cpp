// Re-extracting: the same file changes nothing; a newer export of the same site updates what changed.
#include <gtest/gtest.h>

#include <sstream>

#include "model/model_dump.hpp"
#include "support/test_support.hpp"
#include "workspace/model_reader.hpp"

namespace baton::test {
namespace {

std::string dump(workspace::Workspace& workspace, std::int64_t source) {
    std::ostringstream out;
    model::ModelDumpWriter writer(out);
    workspace::replay_source(workspace, source, writer);
    return out.str();
}

std::string replace_once(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

std::int64_t changes(workspace::Workspace& workspace, const std::string& change) {
    return query_int(workspace, "SELECT count(*) FROM item_changes WHERE change = '" + change +
                                    "' AND run_id = (SELECT max(id) FROM runs)");
}

}  // namespace

TEST(WxrUpdates, SameFileTwiceChangesNothing) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    const auto source = extract_wxr(workspace, wxr_fixture("small-export.xml"));
    const std::string before = dump(workspace, source);
    const auto rows_before = query_int(workspace, "SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM people) "
                                                  "+ (SELECT count(*) FROM containers) + (SELECT count(*) FROM revisions)");
    EXPECT_EQ(extract_wxr(workspace, wxr_fixture("small-export.xml")), source);
    EXPECT_EQ(dump(workspace, source), before);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM item_changes WHERE run_id = (SELECT max(id) FROM runs)"), 0);
    EXPECT_EQ(query_int(workspace, "SELECT (SELECT count(*) FROM items) + (SELECT count(*) FROM people) + "
                                   "(SELECT count(*) FROM containers) + (SELECT count(*) FROM revisions)"),
              rows_before);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items WHERE changed_run <> first_run"), 0);
}

TEST(WxrUpdates, NewerExportUpdatesRemovesAndAddsItems) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    const auto source = extract_wxr(workspace, wxr_fixture("small-export.xml"));

    std::string newer = read_file(wxr_fixture("small-export.xml"));
    newer = replace_once(newer, "<title>Hello world!</title>", "<title>Hello again, world!</title>");
    // Drop the "Private Post" item, and add a brand new post.
    const auto private_title = newer.find("<title>Private Post</title>");
    const auto item_start = newer.rfind("<item>", private_title);
    const auto item_end = newer.find("</item>", private_title) + 7;
    newer.erase(item_start, item_end - item_start);
    newer = replace_once(newer, "</channel>",
                         "<item><title>Brand new</title><wp:post_id>9999</wp:post_id><wp:post_type>post</wp:post_type>"
                         "<wp:status>publish</wp:status><dc:creator>editor</dc:creator></item>\n</channel>");
    const std::string path = dir.file("newer.xml");
    write_file(path, newer);

    EXPECT_EQ(extract_wxr(workspace, path), source);  // same site, same source
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items WHERE first_run = (SELECT max(id) FROM runs)"), 1);
    EXPECT_EQ(changes(workspace, "created"), 0);  // new items are told by first_run, not by a change row
    EXPECT_EQ(changes(workspace, "updated"), 1);
    EXPECT_EQ(changes(workspace, "removed"), 1);
    EXPECT_EQ(query_text(workspace, "SELECT detail FROM item_changes c JOIN items i ON i.id = c.item_id WHERE "
                                    "c.change = 'updated' AND c.run_id = (SELECT max(id) FROM runs)"),
              "title");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items WHERE title = 'Private Post' AND removed_run IS NOT NULL"),
              1);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items WHERE kind IN ('post', 'page') AND removed_run IS NULL"),
              11);
}

TEST(WxrUpdates, SitesOfOneMultisiteNetworkAreSeparateSources) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    const auto site = [&](const std::string& name, const std::string& blog) {
        const std::string path = dir.file(name + ".xml");
        write_file(path, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\">"
                         "<channel><title>" + name + "</title><wp:wxr_version>1.2</wp:wxr_version>"
                         "<wp:base_site_url>https://intranet.example</wp:base_site_url>"
                         "<wp:base_blog_url>" + blog + "</wp:base_blog_url>"
                         "<item><title>t</title><wp:post_id>1</wp:post_id></item></channel></rss>\n");
        return path;
    };
    const auto hr = extract_wxr(workspace, site("hr", "https://intranet.example/hr"));
    const auto it = extract_wxr(workspace, site("it", "https://intranet.example/it"));
    EXPECT_NE(hr, it);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items WHERE removed_run IS NULL"), 2);
}

TEST(WxrUpdates, DanglingReferencesAreReportedOnEveryExtract) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    const std::string path = dir.file("dangling.xml");
    write_file(path, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\">"
                     "<channel><wp:wxr_version>1.2</wp:wxr_version>\n<item><title>photo</title><wp:post_id>5</wp:post_id>"
                     "<wp:post_type>attachment</wp:post_type><wp:post_parent>404</wp:post_parent>"
                     "<wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_parent>8</wp:comment_parent></wp:comment>"
                     "</item></channel></rss>\n");
    for (int run = 0; run < 2; ++run) {
        extract_wxr(workspace, path);
        EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages WHERE code = 'dangling-parent' AND run_id = "
                                       "(SELECT max(id) FROM runs)"),
                  1);
        EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages WHERE code = 'dangling-reply-to' AND run_id = "
                                       "(SELECT max(id) FROM runs)"),
                  1);
    }
}

TEST(WxrUpdates, PluginCommentTypesAreCommentsWithTheirType) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    const std::string path = dir.file("types.xml");
    write_file(path, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\">"
                     "<channel><wp:wxr_version>1.2</wp:wxr_version><item><title>p</title><wp:post_id>1</wp:post_id>"
                     "<wp:comment><wp:comment_id>1</wp:comment_id><wp:comment_type>review</wp:comment_type></wp:comment>"
                     "<wp:comment><wp:comment_id>2</wp:comment_id><wp:comment_type>pingback</wp:comment_type></wp:comment>"
                     "</item></channel></rss>\n");
    extract_wxr(workspace, path);
    EXPECT_EQ(query_text(workspace, "SELECT kind FROM items WHERE key = 'comment:1'"), "comment");
    EXPECT_EQ(item_attribute(workspace, "comment:1", "comment_type"), "review");
    EXPECT_EQ(query_text(workspace, "SELECT kind FROM items WHERE key = 'comment:2'"), "pingback");
}

}  // namespace baton::test
