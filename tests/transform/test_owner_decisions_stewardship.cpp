// Owners' decisions in the stewardship assignment, on hand-built histories with obvious right answers.
#include <gtest/gtest.h>

#include "transform/stewardship_scenario.hpp"

namespace baton::transform::mapping {
namespace {

using test_scenario::Scenario;

// A decision as read_owner_decisions gives it; ids in the order they are added.
OwnerDecision& decide(Scenario& s, const std::string& login, const std::string& slug, const std::string& decision,
                      const std::string& note = "") {
    s.input.decisions.reserve(16);  // references returned here stay valid while a test adds more
    OwnerDecision entry;
    entry.id = static_cast<std::int64_t>(s.input.decisions.size() + 1);
    entry.person_id = s.person(login);
    entry.person_name = login;
    entry.community_slug = slug;
    entry.decision = decision;
    entry.note = note;
    entry.decided_by = login;
    entry.decided_at = "2026-10-02T09:00:00Z";
    entry.via = "portal";
    s.input.decisions.push_back(entry);
    return s.input.decisions.back();
}

const DecisionOutcome* outcome_of(const StewardshipResult& result, std::int64_t id) {
    for (const auto& outcome : result.decisions) {
        if (outcome.decision_id == id) return &outcome;
    }
    return nullptr;
}

TEST(OwnerDecisions, WhoDeclinedIsNotProposedAgainAndTheNextRankedTakesOver) {
    Scenario s;
    s.did("hr", "alice", 5, 12);  // 62
    s.did("hr", "bob", 3, 2);     // 32
    s.did("hr", "carol", 1, 20);  // 30
    s.did("it", "alice", 2, 0);   // she declines HR only
    const auto& declined = decide(s, "alice", "hr", "decline", "too busy");
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:bob,manager:carol");
    EXPECT_EQ(s.roles(result, "it"), "owner:alice");
    ASSERT_NE(s.role_of(result, "hr", "bob"), nullptr);
    EXPECT_EQ(s.role_of(result, "hr", "bob")->reason.rfind(
                  "take over from alice, who declined on 2026-10-02: \"too busy\" (rank 1 here): the next-ranked "
                  "active contributor; created 3 of 10 pages",
                  0),
              0U)
        << s.role_of(result, "hr", "bob")->reason;
    ASSERT_NE(s.candidate(result, "hr", "alice"), nullptr);
    EXPECT_EQ(s.candidate(result, "hr", "alice")->outcome, "not eligible");
    EXPECT_NE(s.candidate(result, "hr", "alice")->reason.find("declined on 2026-10-02"), std::string::npos);
    const auto* outcome = outcome_of(result, declined.id);
    ASSERT_NE(outcome, nullptr);
    EXPECT_TRUE(outcome->applied);
    EXPECT_EQ(outcome->effect, "alice is not proposed for hr; its owner is bob");
}

TEST(OwnerDecisions, ADeclineWithNobodyElseEligibleFallsToTheSuccessorRules) {
    Scenario s;
    s.mapping.stewardship.minimum_score = 20;
    s.did("it", "dave", 5, 0);   // 50
    s.did("it", "erin", 1, 0);   // 10: below the minimum
    s.person("frank");           // dave's manager in the directory
    s.input.people[s.person("dave")].manager_person_id = s.person("frank");
    decide(s, "dave", "it", "decline");
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "it"), "owner:frank");
    EXPECT_EQ(s.role_of(result, "it", "frank")->reason.rfind(
                  "take over from dave, who declined on 2026-10-02 (rank 1 here): their manager in the directory", 0),
              0U)
        << s.role_of(result, "it", "frank")->reason;
}

TEST(OwnerDecisions, ANomineeBecomesOwnerLikeAPinWithTheNoteAsReason) {
    Scenario s;
    s.did("hr", "alice", 5, 0);
    s.did("hr", "bob", 3, 0);
    const std::int64_t grace = s.person("grace");  // no contributions in hr
    auto& nomination = decide(s, "alice", "hr", "nominate", "Grace runs HR now");
    nomination.nominee_person_id = grace;
    nomination.nominee_name = "grace";
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:grace,manager:bob");
    EXPECT_EQ(s.role_of(result, "hr", "grace")->reason,
              "nominated by alice on 2026-10-02: \"Grace runs HR now\"; no contributions here");
    EXPECT_EQ(s.role_of(result, "hr", "alice"), nullptr);  // a nomination declines too
    EXPECT_EQ(outcome_of(result, nomination.id)->effect, "grace becomes owner of hr");
}

TEST(OwnerDecisions, ANomineeWhoCannotHoldARoleIsIgnoredAndSaysWhy) {
    Scenario s;
    s.did("hr", "alice", 5, 0);
    s.did("hr", "bob", 3, 0);
    s.mapping.stewardship.never_assign.push_back("login:zed");
    const std::int64_t zed = s.person("zed");
    s.input.people[zed].never_assign = true;
    auto& nomination = decide(s, "alice", "hr", "nominate");
    nomination.nominee_person_id = zed;
    auto& unknown = decide(s, "bob", "hr", "nominate");
    unknown.nominee = "nobody.here";
    const auto result = s.run();
    // Neither nominee takes the role, and neither nominator is proposed: nobody eligible is left.
    EXPECT_EQ(s.roles(result, "hr"), "");
    EXPECT_FALSE(outcome_of(result, nomination.id)->applied);
    EXPECT_EQ(outcome_of(result, nomination.id)->effect,
              "zed cannot take the role: on the mapping's never-assign list");
    EXPECT_EQ(outcome_of(result, unknown.id)->effect,
              "the nominee nobody.here is nobody in the workspace; bob is not proposed again");
}

TEST(OwnerDecisions, AnAcceptedRoleIsKeptWhenScoresShift) {
    Scenario s;
    s.did("hr", "alice", 1, 0);  // 10
    s.did("hr", "bob", 5, 0);    // 50: bob has overtaken her since she accepted
    auto& accepted = decide(s, "alice", "hr", "accept");
    accepted.accepted_role = "owner";
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:alice,manager:bob");
    EXPECT_EQ(s.role_of(result, "hr", "alice")->reason.rfind("accepted the role of owner on 2026-10-02; created 1", 0),
              0U);
    EXPECT_EQ(outcome_of(result, accepted.id)->effect, "alice keeps the role of owner");
}

TEST(OwnerDecisions, AnAcceptWithoutAnEarlierProposalOrBySomeoneWhoLeftIsIgnored) {
    Scenario s;
    s.did("hr", "alice", 5, 0);
    s.did("hr", "bob", 1, 0);
    const auto& nothing_proposed = decide(s, "bob", "hr", "accept");
    auto& departed = decide(s, "alice", "hr", "accept");
    departed.accepted_role = "owner";
    s.input.people[s.person("alice")].departed = true;
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:bob");
    EXPECT_EQ(outcome_of(result, nothing_proposed.id)->effect, "no earlier plan proposed a role to bob in hr");
    EXPECT_EQ(outcome_of(result, departed.id)->effect, "alice cannot keep the role: has left (departed in the directory)");
}

TEST(OwnerDecisions, ADeclineOutweighsAPinAndADecisionOnAnUnknownCommunityIsIgnored) {
    Scenario s;
    s.did("hr", "alice", 5, 0);
    s.did("hr", "bob", 3, 0);
    s.input.pins.push_back({"hr", s.person("alice"), "owner", 12});
    decide(s, "alice", "hr", "decline");
    const auto& elsewhere = decide(s, "bob", "gone", "decline");
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:bob");
    EXPECT_TRUE(Scenario::has_message(result, "plan.pin-declined"));
    EXPECT_FALSE(outcome_of(result, elsewhere.id)->applied);
    EXPECT_EQ(outcome_of(result, elsewhere.id)->effect, "the plan has no community gone");
}

TEST(OwnerDecisions, NewerNominationsWinTheOwnerRole) {
    Scenario s;
    s.did("hr", "alice", 5, 0);
    s.did("hr", "bob", 3, 0);
    s.did("hr", "carol", 2, 0);
    auto& first = decide(s, "alice", "hr", "nominate");
    first.nominee_person_id = s.person("dave");
    auto& second = decide(s, "bob", "hr", "nominate");
    second.nominee_person_id = s.person("erin");
    const auto result = s.run();
    EXPECT_EQ(s.roles(result, "hr"), "owner:erin,manager:dave,manager:carol");
}

}  // namespace
}  // namespace baton::transform::mapping
