// Owners' decisions read from the workspace by the next plan (built-in rules), on hand-built histories.
#include <gtest/gtest.h>

#include <regex>

#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"
#include "transform/plan_json.hpp"
#include "workspace/workspace_writer.hpp"

namespace baton::transform {
namespace {

struct History {
    test::TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    std::int64_t run = workspace.begin_run("extract", "test");
    std::int64_t source = workspace.upsert_source({"test", "intranet", "x", "Acme Intranet", "", ""}, run, "");
    workspace::WorkspaceWriter writer{workspace, source, run};
    int next_id = 1;
    bool finished = false;

    History() {
        writer.container({"category:hr", "category", "HR", "hr", "", "", {}});
        writer.container({"category:it", "category", "IT", "it", "", "", {}});
    }

    void add(const std::string& author, const std::string& category, int count) {
        for (int i = 0; i < count; ++i) {
            model::Item item;
            item.key = "post:" + std::to_string(next_id++);
            item.kind = "post";
            item.title = item.key;
            item.status = "publish";
            item.author_key = author;
            item.created_at = "2024-01-01T00:00:00Z";
            item.container_keys.push_back(category);
            writer.item(item);
        }
    }

    std::int64_t person(const std::string& key) {
        return test::query_int(workspace, "SELECT id FROM people WHERE key = '" + key + "'");
    }

    void decide(const std::string& key, const std::string& slug, const std::string& decision,
                const std::string& nominee = "", const std::string& note = "") {
        auto insert = workspace.db().prepare(
            "INSERT INTO owner_decisions(person_id, community_slug, decision, nominee_login, note, decided_by, "
            "decided_at, via) VALUES (?, ?, ?, ?, ?, ?, '2026-10-02T09:00:00Z', 'portal')");
        insert.bind(1, person(key)).bind(2, slug).bind(3, decision).bind_text_or_null(4, nominee);
        insert.bind_text_or_null(5, note).bind(6, key).run();
    }

    std::int64_t plan() {
        if (!finished) writer.finish_complete();
        finished = true;
        const std::int64_t plan_run = workspace.begin_run("plan", "");
        plan_with_built_in_rules(workspace, plan_run);
        workspace.end_run(plan_run, workspace::RunOutcome::succeeded, 0);
        return plan_run;
    }

    // "owner:login:alice,manager:login:bob" for a community of plan `plan_run`, owners first, by rank.
    std::string roles(std::int64_t plan_run, const std::string& slug) {
        for (const auto& community : read_communities(workspace, plan_run)) {
            if (community.slug != slug) continue;
            std::string text;
            for (const auto& role : community.roles) text += (text.empty() ? "" : ",") + role.role + ":" + role.person_key;
            return text;
        }
        return "(no community " + slug + ")";
    }

    std::string reason(std::int64_t plan_run, const std::string& slug, const std::string& key) {
        return test::query_text(workspace, "SELECT r.reason FROM plan_roles r JOIN plan_communities c ON c.id = "
                                           "r.community_id JOIN people p ON p.id = r.person_id WHERE r.plan_run = " +
                                               std::to_string(plan_run) + " AND c.slug = '" + slug +
                                               "' AND p.key = '" + key + "'");
    }
};

TEST(OwnerDecisionsPlan, ADeclinedRoleGoesToTheNextRankedAuthor) {
    History h;
    h.add("login:alice", "category:hr", 3);
    h.add("login:bob", "category:hr", 2);
    h.add("login:carol", "category:hr", 1);
    h.add("login:alice", "category:it", 1);
    EXPECT_EQ(h.roles(h.plan(), "hr"), "owner:login:alice,manager:login:bob,manager:login:carol");
    h.decide("login:alice", "hr", "decline", "", "on leave until June");
    const std::int64_t plan = h.plan();
    EXPECT_EQ(h.roles(plan, "hr"), "owner:login:bob,manager:login:carol");
    EXPECT_EQ(h.roles(plan, "it"), "owner:login:alice");  // she declined HR only
    EXPECT_EQ(h.reason(plan, "hr", "login:bob"),
              "takes over from alice, who declined on 2026-10-02: \"on leave until June\": the next-ranked author; "
              "wrote 2 of the 6 items migrated into HR (the second most); last active 2024-01-01");
    EXPECT_EQ(test::query_text(h.workspace, "SELECT outcome || ': ' || effect FROM plan_decisions WHERE plan_run = " +
                                                std::to_string(plan)),
              "applied: alice is not proposed for HR; its owner is bob");
}

TEST(OwnerDecisionsPlan, TheLatestDecisionOfAPersonInACommunityCounts) {
    History h;
    h.add("login:alice", "category:hr", 3);
    h.add("login:bob", "category:hr", 2);
    h.plan();
    h.decide("login:alice", "hr", "decline");
    h.decide("login:alice", "hr", "accept");  // she changed her mind
    const std::int64_t plan = h.plan();
    EXPECT_EQ(h.roles(plan, "hr"), "owner:login:alice,manager:login:bob");
    EXPECT_EQ(h.reason(plan, "hr", "login:alice").rfind("accepted the role of owner on 2026-10-02; wrote 3", 0), 0U);
    EXPECT_EQ(test::query_int(h.workspace, "SELECT count(*) FROM plan_decisions WHERE plan_run = " +
                                               std::to_string(plan)),
              1);  // the older decline is history
}

TEST(OwnerDecisionsPlan, ANomineeByLoginBecomesOwnerAndTheNominatorIsNotProposed) {
    History h;
    h.add("login:alice", "category:hr", 3);
    h.add("login:bob", "category:hr", 2);
    h.add("login:grace", "category:it", 1);  // a person of the workspace, nothing written in HR
    h.plan();
    h.decide("login:alice", "hr", "nominate", "grace", "Grace leads HR since May");
    const std::int64_t plan = h.plan();
    EXPECT_EQ(h.roles(plan, "hr"), "owner:login:grace,manager:login:bob");
    EXPECT_EQ(h.reason(plan, "hr", "login:grace"), "nominated by alice on 2026-10-02: \"Grace leads HR since May\"");
}

TEST(OwnerDecisionsPlan, AnAcceptedRoleStaysWhenScoresShiftAndPlansRepeatIdentically) {
    History h;
    h.add("login:alice", "category:hr", 3);
    h.add("login:bob", "category:hr", 2);
    h.plan();
    h.decide("login:alice", "hr", "accept");
    h.decide("login:bob", "it", "decline");  // a community the plan does not have
    // Bob's items grow past Alice's: without her acceptance he would own HR.
    auto& db = h.workspace.db();
    db.exec("UPDATE items SET author_id = " + std::to_string(h.person("login:bob")) +
            " WHERE key IN ('post:1', 'post:2')");
    const std::int64_t first = h.plan();
    EXPECT_EQ(h.roles(first, "hr"), "owner:login:alice,manager:login:bob");
    const std::int64_t second = h.plan();
    const std::regex run_id("\"run_id\":[0-9]+");
    const std::string first_json = std::regex_replace(plan_to_json(h.workspace, first, nullptr), run_id, "");
    const std::string second_json = std::regex_replace(plan_to_json(h.workspace, second, nullptr), run_id, "");
    EXPECT_EQ(first_json, second_json);
    EXPECT_NE(first_json.find("\"decision\":\"accept\",\"nominee\":\"\",\"note\":\"\",\"decided_by\":\"login:alice\""),
              std::string::npos)
        << first_json;
    EXPECT_NE(first_json.find("\"outcome\":\"ignored\",\"effect\":\"the plan has no community it\""),
              std::string::npos)
        << first_json;
}

}  // namespace
}  // namespace baton::transform
