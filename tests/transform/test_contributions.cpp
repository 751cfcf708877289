// Contribution facts derived from revision histories: a hand-built history and a real dump.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "transform/contributions.hpp"
#include "workspace/workspace_writer.hpp"

namespace baton::transform {

TEST(Contributions, SizesOfSuccessiveRevisionsGiveBytesAddedAndRemoved) {
    test::TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    const auto run = workspace.begin_run("extract", "");
    const auto source = workspace.upsert_source({"test", "wiki", "x", "", "", ""}, run, "");
    {
        workspace::WorkspaceWriter writer(workspace, source, run);
        model::Item page;
        page.key = "page:1";
        page.kind = "page";
        page.container_keys = {"namespace:0"};
        page.revisions = {{"1", "login:alice", "2020-01-01T00:00:00Z", 100, {}, {}},
                          {"2", "login:bob", "2020-02-01T00:00:00Z", 150, {}, {}},
                          {"3", "login:alice", "2020-03-01T00:00:00Z", 120, {}, {}}};
        writer.item(page);
        model::Item talk;
        talk.key = "page:2";
        talk.kind = "page";
        talk.container_keys = {"namespace:1"};
        talk.revisions = {{"4", "login:bob", "2020-04-01T00:00:00Z", 10, {}, {}}};
        writer.item(talk);
        writer.finish_complete();
    }
    derive_contributions(workspace);
    const auto fact = [&](const std::string& login, const std::string& column) {
        return test::query_int(workspace, "SELECT " + column + " FROM contributions c JOIN people p ON p.id = "
                                          "c.person_id WHERE p.login = '" + login + "' AND c.container_id = 0");
    };
    EXPECT_EQ(fact("alice", "items_created"), 1);
    EXPECT_EQ(fact("alice", "revisions"), 2);
    EXPECT_EQ(fact("alice", "bytes_added"), 100);
    EXPECT_EQ(fact("alice", "bytes_removed"), 30);
    EXPECT_EQ(fact("bob", "items_created"), 1);
    EXPECT_EQ(fact("bob", "bytes_added"), 60);
    EXPECT_EQ(fact("bob", "talk_revisions"), 1);
    EXPECT_EQ(test::query_text(workspace, "SELECT first_edit || '|' || last_edit FROM contributions c JOIN people p ON "
                                          "p.id = c.person_id WHERE p.login = 'bob' AND c.container_id = 0"),
              "2020-02-01T00:00:00Z|2020-04-01T00:00:00Z");
    // Per container too: bob's talk-page work sits in namespace 1, his article edit in namespace 0.
    EXPECT_EQ(test::query_int(workspace, "SELECT count(*) FROM contributions c JOIN people p ON p.id = c.person_id "
                                         "WHERE p.login = 'bob' AND c.container_id <> 0"),
              2);
}

TEST(Contributions, PairDumpByOneEditor) {
    test::TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    test::extract_source(workspace, "mediawiki", test::fixture("mediawiki-xml/pair-0.10.xml"));
    derive_contributions(workspace);
    EXPECT_EQ(test::query_text(workspace, "SELECT p.login || '|' || items_created || '|' || revisions || '|' || "
                                          "talk_revisions FROM contributions c JOIN people p ON p.id = c.person_id "
                                          "WHERE c.container_id = 0"),
              "Carlossuarez46|2|4|2");
}

}  // namespace baton::transform
