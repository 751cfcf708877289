// Stewardship scoring and assignment on small hand-built histories with obvious right answers.
#include <gtest/gtest.h>

#include <algorithm>

#include "transform/mapping/stewardship.hpp"
#include "transform/stewardship_scenario.hpp"

namespace baton::transform::mapping {
namespace {

using test_scenario::reference;
using test_scenario::Scenario;

}  // namespace

TEST(StewardshipScore, WeightsEveryKindOfContribution) {
    Stewardship rules;
    rules.half_life_days = 0;
    ContributionFacts facts{2, 10, 2048, 3, 4, "2026-09-30"};
    // 2 pages x 10 + 10 revisions x 1 + 2 KB x 0.5 + 3 comments x 2 + 4 talk edits x 1
    EXPECT_DOUBLE_EQ(stewardship_score(facts, rules, reference), 41);
    rules.weights.comments = 0;
    EXPECT_DOUBLE_EQ(stewardship_score(facts, rules, reference), 35);
}

TEST(StewardshipScore, HalvesEveryHalfLifeBeforeTheReferenceDate) {
    Stewardship rules;
    rules.half_life_days = 365;
    ContributionFacts facts{1, 0, 0, 0, 0, "2025-09-30T08:00:00Z"};  // 365 days before the reference date
    EXPECT_DOUBLE_EQ(stewardship_score(facts, rules, reference), 5);
    facts.last_edit = "2024-09-30";  // 730 days
    EXPECT_DOUBLE_EQ(stewardship_score(facts, rules, reference), 2.5);
    facts.last_edit = "2026-09-30";
    EXPECT_DOUBLE_EQ(stewardship_score(facts, rules, reference), 10);
    EXPECT_DOUBLE_EQ(days_between("2024-02-28", "2024-03-01"), 2);  // a leap year
}

TEST(StewardshipScore, FactsInWords) {
    EXPECT_EQ(describe_facts({41, 300, 5000, 2, 1, "2026-09-14T10:00:00Z"}, 120),
              "created 41 of 120 pages, 300 edits, 4 KB added, 2 comments on others' content, 1 talk page edit, "
              "last edit 2026-09");
    EXPECT_EQ(describe_facts({1, 1, 10, 0, 0, ""}, 1), "created 1 of 1 page, 1 edit");
}

TEST(Stewardship, TheMostActiveOwnsTheNextManageTheRestAreRunnersUp) {
    Scenario s;
    s.did("hr", "alice", 5, 12);  // 62
    s.did("hr", "bob", 3, 2);     // 32
    s.did("hr", "carol", 1, 20);  // 30
    s.did("hr", "dave", 1, 1);    // 11
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:alice,manager:bob,manager:carol");
    const auto* owner = s.role_of(result, "hr", "alice");
    ASSERT_NE(owner, nullptr);
    EXPECT_EQ(owner->rank, 1);
    EXPECT_DOUBLE_EQ(owner->score, 62);
    EXPECT_EQ(owner->reason, "created 5 of 10 pages, 12 edits, last edit 2026-09; score 62.0, rank 1 of 4 here");
    const auto* dave = s.candidate(result, "hr", "dave");
    ASSERT_NE(dave, nullptr);
    EXPECT_EQ(dave->outcome, "runner-up");
    EXPECT_EQ(dave->rank, 4);
    EXPECT_TRUE(result.messages.empty());
}

TEST(Stewardship, TiesAreBrokenByTheMoreRecentEditThenTheKey) {
    Scenario s;
    s.mapping.stewardship.managers = 0;
    s.did("hr", "bob", 1, 0, "2026-01-01");
    s.did("hr", "alice", 1, 0, "2025-01-01");
    EXPECT_EQ(s.roles(s.run(), "hr"), "owner:bob");
    Scenario same;
    same.mapping.stewardship.managers = 0;
    same.did("hr", "bob", 1, 0, "2026-01-01");
    same.did("hr", "alice", 1, 0, "2026-01-01");
    EXPECT_EQ(same.roles(same.run(), "hr"), "owner:alice");
}

TEST(Stewardship, AnonymousAndNeverAssignedPeopleAreNeverEligible) {
    Scenario s;
    s.did("hr", "10.0.0.1", 50, 50);  // an ip: contributor, by far the most active
    s.did("hr", "bot", 40, 40);
    s.did("hr", "alice", 1, 1);
    s.input.people[s.person("bot")].never_assign = true;
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:alice");
    EXPECT_EQ(s.candidate(result, "hr", "10.0.0.1")->outcome, "not eligible");
    EXPECT_NE(s.candidate(result, "hr", "10.0.0.1")->reason.find("anonymous contributors never get a role"),
              std::string::npos);
    EXPECT_NE(s.candidate(result, "hr", "bot")->reason.find("never-assign"), std::string::npos);
}

TEST(Stewardship, MinimumScoreAndActivityWindow) {
    Scenario s;
    s.mapping.stewardship.minimum_score = 5;
    s.mapping.stewardship.within_days = 365;
    s.did("hr", "old", 9, 0, "2020-01-01");  // 90 points but six years ago
    s.did("hr", "tiny", 0, 3);               // 3 points, below the minimum
    s.did("hr", "alice", 1, 0);
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:alice");
    EXPECT_NE(s.candidate(result, "hr", "old")->reason.find("last edit 2020-01-01, more than 365 days before 2026-09-30"),
              std::string::npos)
        << s.candidate(result, "hr", "old")->reason;
    EXPECT_NE(s.candidate(result, "hr", "tiny")->reason.find("score 3.0 below the minimum 5.0"), std::string::npos);
}

TEST(Stewardship, PinsOverrideTheRanking) {
    Scenario s;
    s.mapping.stewardship.managers = 1;
    s.did("hr", "alice", 9, 0);
    s.did("hr", "bob", 1, 0);
    s.did("it", "alice", 1, 0);
    s.input.people[s.person("bob")].never_assign = true;  // pins override that too
    s.input.pins.push_back({"hr", s.person("bob"), "owner", 7});
    s.input.pins.push_back({"it", s.person("carol"), "manager", 8});  // no contribution there at all
    s.input.pins.push_back({"nowhere", s.person("alice"), "owner", 9});
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:bob,manager:alice");
    EXPECT_EQ(s.role_of(result, "hr", "bob")->reason.rfind("were pinned as owner by the mapping (line 7); created 1", 0), 0U);
    EXPECT_EQ(s.roles(result, "it"), "manager:carol,owner:alice");
    EXPECT_EQ(s.role_of(result, "it", "carol")->reason, "were pinned as manager by the mapping (line 8); no contributions here");
    ASSERT_TRUE(Scenario::has_message(result, "plan.pin-unknown-community"));
    EXPECT_EQ(result.messages[0].line, 9);
}

TEST(Stewardship, TheLoadLimitMovesAnOwnershipRatherThanLeaveACommunityWithout) {
    Scenario s;
    s.mapping.stewardship.max_communities_per_person = 1;
    s.mapping.stewardship.managers = 0;
    s.did("a", "alice", 10, 0);  // alice leads both; only she works in b
    s.did("a", "bob", 2, 0);
    s.did("b", "alice", 5, 0);
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "a"), "owner:bob");
    EXPECT_EQ(s.roles(result, "b"), "owner:alice");
    EXPECT_FALSE(Scenario::has_message(result, "plan.over-limit"));
    EXPECT_NE(s.candidate(result, "a", "alice")->reason.find("already holds 1 role, the limit"), std::string::npos)
        << s.candidate(result, "a", "alice")->reason;
}

TEST(Stewardship, NoCommunityIsLeftWithoutAnOwnerWhenSomeoneIsEligible) {
    Scenario s;
    s.mapping.stewardship.max_communities_per_person = 1;
    s.did("a", "alice", 10, 0);
    s.did("b", "alice", 5, 0);
    s.did("b", "bob", 0, 0);  // facts but a score of 0: not eligible
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "a"), "owner:alice");
    EXPECT_EQ(s.roles(result, "b"), "owner:alice");
    EXPECT_TRUE(Scenario::has_message(result, "plan.over-limit"));
    EXPECT_NE(s.role_of(result, "b", "alice")->reason.find("beyond the limit of 1 community per person"),
              std::string::npos);
}

TEST(Stewardship, LimitsApplyToManagersToo) {
    Scenario s;
    s.mapping.stewardship.max_communities_per_person = 2;
    s.did("a", "alice", 10, 0);
    s.did("b", "alice", 10, 0);
    s.did("c", "bob", 10, 0);
    s.did("c", "alice", 5, 0);
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "c"), "owner:bob");  // alice already holds two communities
}

TEST(Stewardship, ThresholdsAndCounts) {
    Scenario s;
    s.mapping.stewardship.owners = 2;
    s.mapping.stewardship.managers = 1;
    s.mapping.stewardship.owner_threshold = 20;
    s.mapping.stewardship.manager_threshold = 10;
    s.did("a", "alice", 5, 0);  // 50
    s.did("a", "bob", 1, 5);    // 15: below the owner threshold
    s.did("a", "carol", 0, 5);  // 5: below the manager threshold
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "a"), "owner:alice,manager:bob");
    EXPECT_NE(s.candidate(result, "a", "carol")->reason.find("below the manager threshold"), std::string::npos);
}

TEST(Stewardship, ADepartedOwnerIsSucceededByTheNextActiveContributor) {
    Scenario s;
    s.mapping.stewardship.managers = 0;
    s.did("hr", "alice", 9, 0);
    s.did("hr", "bob", 1, 0);
    s.input.people[s.person("alice")].departed = true;
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:bob");
    EXPECT_EQ(s.role_of(result, "hr", "bob")->reason.rfind(
                  "take over from alice, who has left (rank 1 here): the next-ranked active contributor; created 1", 0),
              0U)
        << s.role_of(result, "hr", "bob")->reason;
    EXPECT_NE(s.candidate(result, "hr", "alice")->reason.find("has left"), std::string::npos);
}

TEST(Stewardship, SuccessorRulesApplyInTheirDeclaredOrder) {
    Scenario s;
    s.mapping.stewardship.managers = 0;
    s.mapping.successors = {{Successor::Rule::directory_manager, {}, 0}, {Successor::Rule::next_active_contributor, {}, 0}};
    s.did("hr", "alice", 9, 0);
    s.did("hr", "bob", 1, 0);
    auto& alice = s.input.people[s.person("alice")];
    alice.departed = true;
    alice.manager_person_id = s.person("mona");
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:mona");
    EXPECT_EQ(s.role_of(result, "hr", "mona")->reason,
              "take over from alice, who has left (rank 1 here): their manager in the directory; no contributions here");
}

TEST(Stewardship, TheFallbackSuccessorWhenNobodyElseCan) {
    Scenario s;
    s.mapping.successors = {{Successor::Rule::next_active_contributor, {}, 0},
                            {Successor::Rule::directory_manager, {}, 0},
                            {Successor::Rule::fallback, "login:admin", 0}};
    s.did("hr", "alice", 9, 0);
    s.input.people[s.person("alice")].departed = true;  // and no manager in the directory
    s.input.fallback_person_id = s.person("admin");
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:admin");
    EXPECT_NE(s.role_of(result, "hr", "admin")->reason.find("the mapping's fallback successor"), std::string::npos);

    Scenario none;
    none.did("hr", "alice", 9, 0);
    none.input.people[none.person("alice")].departed = true;
    const auto nobody = none.run();
    EXPECT_EQ(none.roles(nobody, "hr"), "");
    EXPECT_TRUE(Scenario::has_message(nobody, "plan.no-successor"));
}

TEST(Stewardship, TheSameInputGivesTheSamePlan) {
    Scenario s;
    s.mapping.stewardship.max_communities_per_person = 2;
    for (const char* slug : {"a", "b", "c", "d"}) {
        s.did(slug, "alice", 3, 1);
        s.did(slug, "bob", 3, 1);
        s.did(slug, "carol", 2, 9);
    }
    const auto first = s.run();
    const auto second = s.run();
    ASSERT_EQ(first.roles.size(), second.roles.size());
    for (std::size_t i = 0; i < first.roles.size(); ++i) {
        EXPECT_EQ(first.roles[i].person_id, second.roles[i].person_id);
        EXPECT_EQ(first.roles[i].reason, second.roles[i].reason);
    }
    for (const char* slug : {"a", "b", "c", "d"}) EXPECT_NE(s.roles(first, slug).find("owner:"), std::string::npos);
}

}  // namespace baton::transform::mapping
