// Tests for the workspace writer: change detection, placeholders, removals and restorations.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "workspace/workspace_writer.hpp"

namespace baton::workspace {
namespace {

model::Item post(const std::string& id, const std::string& title, const std::string& author = "login:alice") {
    model::Item item;
    item.key = "post:" + id;
    item.kind = "post";
    item.title = title;
    item.status = "publish";
    item.author_key = author;
    item.container_keys = {"category:news"};
    item.body = {"wordpress-html", "<p>" + title + "</p>"};
    item.revisions.push_back({"exported", author, "2020-01-01T00:00:00Z", 10, {}, {}});
    return item;
}

struct Fixture {
    test::TempDir dir;
    Workspace workspace{dir.file("w.db"), Access::create};
    std::int64_t source = 0;
    std::int64_t first_run = new_run();

    std::int64_t new_run() {
        const std::int64_t run = workspace.begin_run("extract", "test");
        if (source == 0) source = workspace.upsert_source({"test", "site", "x", "", "", ""}, run, "");
        return run;
    }
};

}  // namespace

TEST(WorkspaceWriter, CreatesPlaceholdersForForwardReferences) {
    Fixture f;
    WorkspaceWriter writer(f.workspace, f.source, f.first_run);
    writer.item(post("1", "Hello", "login:ghost"));
    writer.finish_complete();
    EXPECT_EQ(test::query_text(f.workspace, "SELECT login FROM people WHERE key = 'login:ghost'"), "ghost");
    EXPECT_EQ(test::query_int(f.workspace, "SELECT declared FROM people WHERE key = 'login:ghost'"), 0);
    EXPECT_EQ(test::query_text(f.workspace, "SELECT kind FROM containers WHERE key = 'category:news'"), "category");
    EXPECT_EQ(writer.counts().created, 1);
}

TEST(WorkspaceWriter, LaterDeclarationFillsInThePlaceholder) {
    Fixture f;
    WorkspaceWriter writer(f.workspace, f.source, f.first_run);
    writer.item(post("1", "Hello", "login:bob"));
    writer.person({"login:bob", "bob", "Bob B", "bob@example.org", {}});
    writer.finish_complete();
    EXPECT_EQ(test::query_text(f.workspace, "SELECT display_name FROM people WHERE key = 'login:bob'"), "Bob B");
    EXPECT_EQ(test::query_int(f.workspace, "SELECT count(*) FROM people"), 1);
}

// A first extract trusts its id cache for people and containers while the cache has forgotten nothing; past its
// capacity (16384) it asks the workspace again, so a person declared after being forgotten is updated, not
// inserted twice.
TEST(WorkspaceWriter, PeopleBeyondTheCacheAreFoundInTheWorkspace) {
    Fixture f;
    WorkspaceWriter writer(f.workspace, f.source, f.first_run);
    writer.item(post("1", "Hello", "login:first"));
    constexpr int people = 17000;
    for (int n = 0; n < people; ++n) {
        writer.person({"login:p" + std::to_string(n), "p" + std::to_string(n), "", "", {}});
    }
    writer.person({"login:first", "first", "First Author", "", {}});  // forgotten by now
    writer.item(post("2", "Again", "login:p0"));
    writer.finish_complete();
    EXPECT_EQ(test::query_int(f.workspace, "SELECT count(*) FROM people"), people + 1);
    EXPECT_EQ(test::query_text(f.workspace, "SELECT display_name FROM people WHERE key = 'login:first'"),
              "First Author");
    EXPECT_EQ(test::query_int(f.workspace, "SELECT count(DISTINCT author_id) FROM items"), 2);
}

TEST(WorkspaceWriter, SecondRunRecordsUpdatedRemovedAndUnchanged) {
    Fixture f;
    const auto first = f.first_run;
    {
        WorkspaceWriter writer(f.workspace, f.source, first);
        writer.item(post("1", "One"));
        writer.item(post("2", "Two"));
        writer.item(post("3", "Three"));
        writer.finish_complete();
    }
    const auto second = f.new_run();
    WorkspaceWriter writer(f.workspace, f.source, second);
    writer.item(post("1", "One"));
    writer.item(post("2", "Two, edited"));
    writer.finish_complete();
    EXPECT_EQ(writer.counts().unchanged, 1);
    EXPECT_EQ(writer.counts().updated, 1);
    EXPECT_EQ(writer.counts().removed, 1);
    EXPECT_EQ(test::query_text(f.workspace, "SELECT change || ':' || detail FROM item_changes c JOIN items i ON "
                                            "i.id = c.item_id WHERE c.run_id = " + std::to_string(second) +
                                                " AND i.key = 'post:2'"),
              "updated:title, body");
    EXPECT_EQ(test::query_int(f.workspace, "SELECT count(*) FROM item_changes WHERE run_id = " +
                                               std::to_string(second) + " AND change = 'removed'"),
              1);
    EXPECT_EQ(test::query_int(f.workspace, "SELECT removed_run FROM items WHERE key = 'post:3'"), second);
    EXPECT_EQ(test::query_int(f.workspace, "SELECT changed_run FROM items WHERE key = 'post:1'"), first);
}

TEST(WorkspaceWriter, ItemBackInALaterExportIsRestored) {
    Fixture f;
    const bool with_two_in_run[] = {true, false, true};
    for (int i = 0; i < 3; ++i) {
        const bool with_two = with_two_in_run[i];
        const auto run = i == 0 ? f.first_run : f.new_run();
        WorkspaceWriter writer(f.workspace, f.source, run);
        writer.item(post("1", "One"));
        if (with_two) writer.item(post("2", "Two"));
        writer.finish_complete();
    }
    EXPECT_EQ(test::query_int(f.workspace, "SELECT count(*) FROM items WHERE removed_run IS NULL"), 2);
    EXPECT_EQ(test::query_int(f.workspace, "SELECT count(*) FROM item_changes WHERE change = 'restored'"), 1);
}

TEST(WorkspaceWriter, PartialRunMarksNothingRemoved) {
    Fixture f;
    {
        WorkspaceWriter writer(f.workspace, f.source, f.first_run);
        writer.item(post("1", "One"));
        writer.item(post("2", "Two"));
        writer.finish_complete();
    }
    const auto second = f.new_run();
    WorkspaceWriter writer(f.workspace, f.source, second);
    writer.item(post("1", "One"));
    writer.finish_partial();
    EXPECT_EQ(test::query_int(f.workspace, "SELECT count(*) FROM items WHERE removed_run IS NOT NULL"), 0);
}

TEST(WorkspaceWriter, DuplicateKeyInOneExportIsReported) {
    Fixture f;
    WorkspaceWriter writer(f.workspace, f.source, f.first_run);
    writer.item(post("1", "First"));
    writer.item(post("1", "Second"));  // same key, other content: kept under a suffixed key
    writer.item(post("1", "First"));   // an exact copy: nothing to keep
    writer.finish_complete();
    EXPECT_EQ(test::query_text(f.workspace, "SELECT title FROM items WHERE key = 'post:1'"), "First");
    EXPECT_EQ(test::query_text(f.workspace, "SELECT title FROM items WHERE key = 'post:1#2'"), "Second");
    EXPECT_EQ(test::query_int(f.workspace, "SELECT count(*) FROM items"), 2);
    EXPECT_EQ(test::query_int(f.workspace, "SELECT count(*) FROM messages WHERE code = 'duplicate-item'"), 2);
}

TEST(WorkspaceWriter, DanglingParentIsReportedNotDropped) {
    Fixture f;
    WorkspaceWriter writer(f.workspace, f.source, f.first_run);
    auto attachment = post("5", "Photo");
    attachment.kind = "attachment";
    attachment.parent_key = "post:404";
    writer.item(attachment);
    writer.finish_complete();
    EXPECT_EQ(test::query_int(f.workspace, "SELECT count(*) FROM items WHERE key = 'post:5'"), 1);
    EXPECT_EQ(test::query_text(f.workspace, "SELECT text FROM messages WHERE code = 'dangling-parent'"),
              "post:5 names parent post:404, which is not in the export");
}

TEST(WorkspaceWriter, AttributesRoundTripThroughJson) {
    const model::Attributes attributes = {{"meta:a", "1"}, {"meta:a", "two \"quoted\"\n"}, {"ü", "€"}};
    EXPECT_EQ(attributes_from_json(attributes_to_json(attributes)), attributes);
    EXPECT_TRUE(attributes_from_json(attributes_to_json({})).empty());
}

}  // namespace baton::workspace
