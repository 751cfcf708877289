// Plans made with a mapping file: facts from a hand-built workspace, the directory, pins and messages.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"
#include "transform/mapping/mapping_reader.hpp"
#include "transform/mapping/stewardship_plan.hpp"
#include "workspace/workspace_writer.hpp"

namespace baton::transform {
namespace {

struct Wiki {
    test::TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    std::int64_t run = workspace.begin_run("extract", "test");
    std::int64_t source = workspace.upsert_source({"test", "intranet", "x", "Acme", "", ""}, run, "");
    workspace::WorkspaceWriter writer{workspace, source, run};
    int next_id = 1;

    Wiki() {
        writer.person({"login:alice", "alice", "Alice Moreau", "alice@acme.example", {}, true});
        writer.person({"login:bob", "bob", "Bob Lindqvist", "BOB@acme.example", {}, true});
        writer.person({"login:carol", "carol", "Carol Díaz", "", {}, true});
        writer.person({"login:dave", "dave", "Dave  Smith", "", {}, true});
        writer.container({"category:hr", "category", "HR", "hr", "", "", {}, true});
        writer.container({"category:benefits", "category", "Benefits", "benefits", "category:hr", "", {}, true});
        writer.container({"category:it", "category", "IT", "it", "", "", {}, true});
    }

    // A page by `editors` (one revision each, in order, sized as given), filed in `categories`.
    std::string page(const std::vector<std::pair<std::string, std::int64_t>>& editors,
                     const std::vector<std::string>& categories, const std::string& when) {
        model::Item item;
        item.key = "post:" + std::to_string(next_id++);
        item.kind = "post";
        item.status = "publish";
        item.author_key = editors.front().first;
        item.created_at = when;
        item.modified_at = when;
        item.container_keys = categories;
        int n = 0;
        for (const auto& [editor, size] : editors) {
            item.revisions.push_back({item.key + "-" + std::to_string(n++), editor, when, size, {}, {}});
        }
        writer.item(item);
        return item.key;
    }

    void comment(const std::string& author, const std::string& on, const std::string& when) {
        model::Item item;
        item.key = "comment:" + std::to_string(next_id++);
        item.kind = "comment";
        item.status = "approved";
        item.author_key = author;
        item.parent_key = on;
        item.created_at = when;
        item.revisions.push_back({"c", author, when, 10, {}, {}});
        writer.item(item);
    }

    mapping::Mapping mapping(const std::string& body, const std::string& directory_csv = {}) {
        if (!directory_csv.empty()) test::write_file(dir.file("people.csv"), directory_csv);
        test::write_file(dir.file("m.xml"), "<mapping version=\"1\">\n" + body + "</mapping>\n");
        return mapping::read_mapping(dir.file("m.xml"));
    }

    std::int64_t plan(const mapping::Mapping& rules) {
        writer.finish_complete();
        const std::int64_t plan_run = workspace.begin_run("plan", "");
        BuiltInRules built_in;
        built_in.mapping = &rules;
        plan_with_built_in_rules(workspace, plan_run, built_in);
        workspace.end_run(plan_run, workspace::RunOutcome::succeeded, 0);
        return plan_run;
    }

    // "role:login" of a community in rank order.
    std::string roles(std::int64_t plan_run, const std::string& slug) {
        return test::query_text(workspace,
                                "SELECT coalesce(group_concat(r.role || ':' || p.login, ','), '') FROM (SELECT * FROM "
                                "plan_roles ORDER BY role DESC, rank) r JOIN plan_communities c ON c.id = r.community_id "
                                "JOIN people p ON p.id = r.person_id WHERE r.plan_run = " + std::to_string(plan_run) +
                                " AND c.slug = '" + slug + "'");
    }

    std::string reason(std::int64_t plan_run, const std::string& login) {
        return test::query_text(workspace, "SELECT r.reason FROM plan_candidates r JOIN people p ON p.id = r.person_id "
                                           "WHERE r.plan_run = " + std::to_string(plan_run) + " AND p.login = '" +
                                               login + "' LIMIT 1");
    }

    std::int64_t messages(std::int64_t plan_run, const std::string& code) {
        return test::query_int(workspace, "SELECT count(*) FROM messages WHERE run_id = " + std::to_string(plan_run) +
                                              " AND code = '" + code + "'");
    }
};

}  // namespace

TEST(StewardshipPlan, FactsComeFromTheHistoryOfTheCommunitysContent) {
    Wiki w;
    // alice writes a page (100 bytes), bob grows it to 2148 bytes; it is filed in HR and its sub-category:
    // it counts once for HR all the same.
    const auto post = w.page({{"login:alice", 100}, {"login:bob", 2148}}, {"category:hr", "category:benefits"},
                             "2024-03-01T10:00:00Z");
    w.page({{"login:alice", 50}}, {"category:hr"}, "2024-04-01T10:00:00Z");
    w.comment("login:carol", post, "2024-05-01T10:00:00Z");  // on alice's page: counts
    w.comment("login:alice", post, "2024-05-02T10:00:00Z");  // on her own page: does not
    const auto plan = w.plan(w.mapping("<stewardship><recency half-life-days=\"0\"/></stewardship>\n"));
    // alice: 2 pages x 10 + 2 edits + 150 bytes x 0.5 / KB = 22.07 (her comment on her own page is not
    // counted, not even as her last edit); bob: 1 edit + 2 KB x 0.5 = 2; carol: 1 comment x 2 = 2
    EXPECT_EQ(w.roles(plan, "hr"), "owner:alice,manager:carol,manager:bob");
    EXPECT_EQ(w.reason(plan, "alice"), "created 2 of 2 pages, 2 edits, last edit 2024-04; score 22.1, rank 1 of 3 here");
    EXPECT_EQ(w.reason(plan, "bob"), "created 0 of 2 pages, 1 edit, 2 KB added, last edit 2024-03; score 2.0, rank 3 of 3 here");
    EXPECT_EQ(w.reason(plan, "carol"),
              "created 0 of 2 pages, 0 edits, 1 comment on others' content, last edit 2024-05; score 2.0, rank 2 of 3 here");
    EXPECT_EQ(test::query_text(w.workspace, "SELECT mapping_file FROM plans WHERE run_id = " + std::to_string(plan)),
              w.dir.file("m.xml"));
}

TEST(StewardshipPlan, GrowthIsMeasuredFromThePreviousRevisionWhoeverWroteIt) {
    Wiki w;
    // A revision with no author (hidden in the source) between alice's and bob's: bob added 7048 - 5000 bytes.
    w.page({{"login:alice", 100}, {"", 5000}, {"login:bob", 7048}}, {"category:it"}, "2024-03-01T10:00:00Z");
    const auto plan = w.plan(w.mapping("<stewardship><recency half-life-days=\"0\"/></stewardship>\n"));
    EXPECT_EQ(w.reason(plan, "bob"), "created 0 of 1 page, 1 edit, 2 KB added, last edit 2024-03; score 2.0, rank 2 of 2 here");
    EXPECT_EQ(test::query_int(w.workspace, "SELECT count(*) FROM revisions WHERE author_id IS NULL"), 1);
}

TEST(StewardshipPlan, RecencyIsMeasuredFromTheNewestTimestampInTheWorkspace) {
    Wiki w;
    w.page({{"login:alice", 10}}, {"category:it"}, "2020-01-01T00:00:00Z");
    w.page({{"login:bob", 10}}, {"category:hr"}, "2022-01-01T00:00:00Z");  // the newest timestamp
    EXPECT_EQ(mapping::reference_date(w.workspace), "2022-01-01T00:00:00Z");
    const auto plan = w.plan(w.mapping("<stewardship><recency half-life-days=\"731\"/></stewardship>\n"));
    // alice's 11 points are exactly one half-life old (2020 is a leap year: 731 days).
    EXPECT_DOUBLE_EQ(static_cast<double>(test::query_int(
                         w.workspace, "SELECT CAST(score * 100 AS INTEGER) FROM plan_roles WHERE plan_run = " +
                                          std::to_string(plan) + " AND rank = 1 AND role = 'owner' AND person_id = "
                                          "(SELECT id FROM people WHERE login = 'alice')")),
                     550);
    EXPECT_EQ(w.roles(plan, "hr"), "owner:bob");
}

TEST(StewardshipPlan, TheDirectoryDecidesWhoHasLeftAndWhoSucceeds) {
    Wiki w;
    w.page({{"login:bob", 10}}, {"category:it"}, "2024-01-01T00:00:00Z");
    w.page({{"login:bob", 10}}, {"category:it"}, "2024-01-02T00:00:00Z");
    w.page({{"login:dave", 10}}, {"category:it"}, "2024-01-03T00:00:00Z");
    w.page({{"login:alice", 10}}, {"category:hr"}, "2024-01-03T00:00:00Z");
    const std::string directory =
        "login,email,display_name,status,manager,department\n"
        "alice.m,alice@acme.example,Alice Moreau,active,,HR\n"
        "b.lindqvist,bob@acme.example,Bob Lindqvist,departed,carol,IT\n"
        "carol,,Carol Diaz,active,,IT\n"
        "dsmith1,,Dave Smith,active,,IT\n"
        "dsmith2,,Dave Smith,active,,Sales\n"
        "\"broken,row\n";
    const auto rules = w.mapping(
        "<identity><directory file=\"people.csv\"/><match by=\"email\"/><match by=\"login\"/>"
        "<match by=\"display-name\"/></identity>\n"
        "<departed><successor rule=\"directory-manager\"/><successor rule=\"next-active-contributor\"/></departed>\n",
        directory);
    const auto plan = w.plan(rules);
    // bob (matched by email, case aside) has left; his directory manager carol (matched by login) succeeds him.
    EXPECT_EQ(w.roles(plan, "it"), "owner:carol,manager:dave");
    EXPECT_NE(test::query_text(w.workspace, "SELECT reason FROM plan_roles WHERE role = 'owner' AND person_id = "
                                            "(SELECT id FROM people WHERE login = 'carol')")
                  .find("take over from Bob Lindqvist, who has left (rank 1 here): their manager in the directory"),
              std::string::npos);
    const auto identity = [&](const std::string& login) {
        return test::query_text(w.workspace, "SELECT i.matched_by || '|' || coalesce(i.directory_login, '') FROM "
                                             "plan_identities i JOIN people p ON p.id = i.person_id WHERE p.login = '" +
                                                 login + "'");
    };
    EXPECT_EQ(identity("alice"), "email|alice.m");
    EXPECT_EQ(identity("bob"), "email|b.lindqvist");
    EXPECT_EQ(identity("carol"), "login|carol");
    EXPECT_EQ(identity("dave"), "ambiguous|");  // two Dave Smiths: reported, never guessed
    EXPECT_EQ(w.messages(plan, "plan.identity-ambiguous"), 1);
    EXPECT_EQ(w.messages(plan, "plan.directory-bad-row"), 1);
    // dave is ambiguous, not unmatched; without require-match he may still manage.
    EXPECT_EQ(w.messages(plan, "plan.identity-unmatched"), 0);
    EXPECT_NE(w.reason(plan, "alice").find("active in the directory"), std::string::npos);
}

TEST(StewardshipPlan, RequireMatchKeepsUnmatchedPeopleOutAndPinsNameTheirLine) {
    Wiki w;
    w.page({{"login:dave", 10}}, {"category:it"}, "2024-01-03T00:00:00Z");
    w.page({{"login:alice", 10}}, {"category:it"}, "2023-01-03T00:00:00Z");
    const auto rules = w.mapping(
        "<identity require-match=\"true\"><directory file=\"people.csv\"/></identity>\n"
        "<stewardship>\n<never-assign person=\"ghost\"/><pin community=\"it\" person=\"login:nobody\" "
        "role=\"manager\"/>\n</stewardship>\n",
        "login,email,display_name\nalice,,\n");
    const auto plan = w.plan(rules);
    EXPECT_EQ(w.roles(plan, "it"), "owner:alice");
    EXPECT_NE(w.reason(plan, "dave").find("not found in the people directory"), std::string::npos);
    EXPECT_EQ(w.messages(plan, "plan.unknown-person"), 2);  // the never-assign entry and the pin
    EXPECT_EQ(test::query_int(w.workspace, "SELECT max(line) FROM messages WHERE code = 'plan.unknown-person'"), 4);
}

TEST(StewardshipPlan, TheSameWorkspaceAndMappingGiveTheSamePlan) {
    Wiki w;
    for (int i = 0; i < 3; ++i) {
        w.page({{"login:alice", 100}, {"login:bob", 300}}, {"category:hr"}, "2024-0" + std::to_string(i + 1) + "-01");
        w.page({{"login:bob", 100}}, {"category:it"}, "2024-0" + std::to_string(i + 4) + "-01");
    }
    const auto rules = w.mapping("<stewardship><roles max-communities-per-person=\"1\"/></stewardship>\n");
    const auto first = w.plan(rules);
    const std::int64_t second = w.workspace.begin_run("plan", "");
    BuiltInRules built_in;
    built_in.mapping = &rules;
    plan_with_built_in_rules(w.workspace, second, built_in);
    const auto all = [&](std::int64_t plan) {
        return test::query_text(w.workspace, "SELECT group_concat(c.slug || r.role || r.person_id || r.reason, '/') "
                                             "FROM plan_roles r JOIN plan_communities c ON c.id = r.community_id "
                                             "WHERE r.plan_run = " + std::to_string(plan) + " ORDER BY c.slug");
    };
    EXPECT_EQ(all(first), all(second));
    EXPECT_EQ(w.roles(first, "hr"), "owner:alice");  // bob, at his limit of one, owns IT
    EXPECT_EQ(w.roles(first, "it"), "owner:bob");
}

TEST(StewardshipPlan, PeopleOfTwoSourcesMatchedToOneDirectoryEntryAreOnePerson) {
    test::TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    const auto run = workspace.begin_run("extract", "test");
    const auto write = [&](const std::string& key, const std::string& category, const std::string& alice_key,
                           int alice_pages, int bob_pages) {
        const auto source = workspace.upsert_source({"test", key, "x", key, "", ""}, run, "");
        workspace::WorkspaceWriter writer(workspace, source, run);
        writer.person({alice_key, alice_key == "login:alice" ? "alice" : "", "Alice Moreau", "alice@acme.example", {},
                       true});
        writer.container({category, "category", "HR", "hr", "", "", {}, true});
        int n = 0;
        const auto page = [&](const std::string& author) {
            model::Item item;
            item.key = "post:" + std::to_string(++n);
            item.kind = "post";
            item.author_key = author;
            item.container_keys = {category};
            item.revisions.push_back({"1", author, "2025-01-01", 100, {}, {}});
            writer.item(item);
        };
        for (int i = 0; i < alice_pages; ++i) page(alice_key);
        for (int i = 0; i < bob_pages; ++i) page("login:bob");
        writer.finish_complete();
    };
    write("blog", "category:hr", "login:alice", 2, 3);
    write("wiki", "category:people", "email:alice@acme.example", 2, 0);
    test::write_file(dir.file("people.csv"), "login,email,display_name\na.moreau,alice@acme.example,Alice Moreau\n");
    const auto plan_with = [&](const std::string& pin) {
        test::write_file(dir.file("m.xml"),
                         "<mapping version=\"1\"><communities><community slug=\"hr\"><from container=\"category:hr\"/>"
                         "<from container=\"category:people\"/></community></communities>"
                         "<identity><directory file=\"people.csv\"/></identity>"
                         "<stewardship><recency half-life-days=\"0\"/><roles managers=\"0\"/>" + pin +
                             "</stewardship></mapping>");
        const auto rules = mapping::read_mapping(dir.file("m.xml"));
        BuiltInRules built_in;
        built_in.mapping = &rules;
        const auto plan = workspace.begin_run("plan", "");
        plan_with_built_in_rules(workspace, plan, built_in);
        return test::query_text(workspace, "SELECT group_concat(p.key || '|' || r.role || '|' || r.reason, '/') FROM "
                                           "plan_roles r JOIN people p ON p.id = r.person_id WHERE r.plan_run = " +
                                               std::to_string(plan));
    };
    // Apart, each Alice has about 22 points and bob 33; together she has 44 and owns the merged community.
    EXPECT_EQ(plan_with(""), "login:alice|owner|created 4 of 7 pages, 4 edits, last edit 2025-01; score 44.2, rank 1 "
                             "of 2 here; active in the directory");
    // A pin naming her by the email both of her people have is not ambiguous: they are one.
    EXPECT_EQ(plan_with("<pin community=\"hr\" person=\"alice@acme.example\" role=\"owner\"/>")
                  .rfind("login:alice|owner|were pinned as owner by the mapping (line 1)", 0),
              0U);
    EXPECT_EQ(test::query_int(workspace, "SELECT count(*) FROM messages WHERE code = 'plan.ambiguous-person'"), 0);
}

}  // namespace baton::transform
