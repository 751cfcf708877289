// DokuWiki media files: attachments of their namespace, referenced where they are, with their upload history.
#include <gtest/gtest.h>

#include <utime.h>

#include <filesystem>

#include "support/test_support.hpp"

namespace baton::test {
namespace {

// A data folder made here: one page, three media files (one at the root), one media file deleted.
void make_data_folder(const TempDir& dir) {
    namespace fs = std::filesystem;
    for (const char* folder : {"data/pages/eng", "data/meta/eng", "data/media/eng/diagrams", "data/media_meta/eng/diagrams"}) {
        fs::create_directories(dir.file(folder));
    }
    write_file(dir.file("data/pages/eng/home.txt"), "====== Engineering ======\nSee {{eng:diagrams:flow.png}}\n");
    write_file(dir.file("data/meta/eng/home.changes"), "1700000000\t10.0.0.1\tC\teng:home\talice\tcreated\t\t50\n");
    write_file(dir.file("data/media/eng/diagrams/flow.png"), std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x'));
    write_file(dir.file("data/media_meta/eng/diagrams/flow.png.changes"),
               "1700000100\t10.0.0.1\tC\teng:diagrams:flow.png\talice\tcreated\t\t108\n"
               "1700000200\t10.0.0.2\tE\teng:diagrams:flow.png\tbob\tnew version\t\t0\n");
    write_file(dir.file("data/media/eng/spec.pdf"), "%PDF-1.4 spec");
    write_file(dir.file("data/media/logo.svg"), "<svg/>");
    write_file(dir.file("data/media_meta/eng/old.txt.changes"),
               "1700000300\t10.0.0.1\tC\teng:old.txt\tcarol\tcreated\t\t5\n"
               "1700000400\t10.0.0.1\tD\teng:old.txt\tcarol\tdeleted\t\t-5\n"
               "not a change line\n");
    const utimbuf times{1600000000, 1600000000};
    ASSERT_EQ(::utime(dir.file("data/media/eng/spec.pdf").c_str(), &times), 0);
}

}  // namespace

TEST(DokuWikiMedia, MediaFilesAreAttachmentsOfTheirNamespaceWithHistory) {
    TempDir dir;
    make_data_folder(dir);
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "dokuwiki", dir.file("data"));

    EXPECT_EQ(query_text(workspace, "SELECT group_concat(key || '=' || status, ' ') FROM (SELECT key, status FROM items "
                                    "WHERE kind = 'attachment' ORDER BY key)"),
              "media:eng:diagrams:flow.png=current media:eng:old.txt=deleted media:eng:spec.pdf=current "
              "media:logo.svg=current");
    const std::string flow = "media:eng:diagrams:flow.png";
    // Referenced where it is, not copied.
    EXPECT_EQ(item_attribute(workspace, flow, "file_path"),
              std::filesystem::absolute(dir.file("data/media/eng/diagrams/flow.png")).lexically_normal().string());
    EXPECT_EQ(item_attribute(workspace, flow, "file_size"), "108");
    EXPECT_EQ(item_attribute(workspace, flow, "media_id"), "eng:diagrams:flow.png");
    EXPECT_EQ(query_text(workspace, "SELECT title FROM items WHERE key = '" + flow + "'"), "flow.png");
    // Its namespace, a child namespace of eng.
    EXPECT_EQ(query_text(workspace, "SELECT c.key || '<' || p.key FROM item_containers ic JOIN containers c ON c.id = "
                                    "ic.container_id JOIN containers p ON p.id = c.parent_id JOIN items i ON i.id = "
                                    "ic.item_id WHERE i.key = '" + flow + "'"),
              "namespace:eng:diagrams<namespace:eng");
    // Uploaded by alice, replaced by bob.
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(x, ' | ') FROM (SELECT p.login || ' ' || r.timestamp || ' ' || "
                                    "r.comment AS x FROM revisions r JOIN people p ON p.id = r.author_id JOIN items i "
                                    "ON i.id = r.item_id WHERE i.key = '" + flow + "' ORDER BY r.position)"),
              "alice 2023-11-14T22:15:00Z [C] created | bob 2023-11-14T22:16:40Z new version");
    EXPECT_EQ(query_text(workspace, "SELECT p.login FROM items i JOIN people p ON p.id = i.author_id WHERE i.key = '" +
                                        flow + "'"),
              "alice");
    // A file without history still has its size and modification time; a file at the root has no namespace.
    EXPECT_EQ(item_attribute(workspace, "media:eng:spec.pdf", "file_size"), "13");
    EXPECT_EQ(item_attribute(workspace, "media:eng:spec.pdf", "file_mtime"), "2020-09-13T12:26:40Z");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM item_containers ic JOIN items i ON i.id = ic.item_id WHERE "
                                   "i.key = 'media:logo.svg'"),
              0);
    // A deleted file keeps its history; the bad line in it is reported with file and line.
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM revisions r JOIN items i ON i.id = r.item_id WHERE i.key = "
                                   "'media:eng:old.txt'"),
              2);
    EXPECT_EQ(item_attribute(workspace, "media:eng:old.txt", "file_path"), "");
    EXPECT_EQ(query_text(workspace, "SELECT item_key || '|' || file || '|' || line FROM messages WHERE code = "
                                    "'dokuwiki.bad-change-line'"),
              "media:eng:old.txt|" + dir.file("data/media_meta/eng/old.txt.changes") + "|3");
    // The page is still there beside them.
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM items WHERE kind = 'page'"), 1);
}

}  // namespace baton::test
