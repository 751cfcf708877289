// CLI tests of `baton plan --mapping`: the shipped example on the sample export, broken mappings and exit codes.
#include <gtest/gtest.h>

#include <regex>

#include "core/error.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

std::string quoted(const std::string& text) { return "'" + text + "'"; }

}  // namespace

TEST(CliPlanMapping, TheExampleMappingOnTheSampleExport) {
    TempDir dir;
    const auto extract =
        run_baton("extract wxr:" + quoted(source_file("samples/wordpress/acme-intranet.xml")), dir.path());
    ASSERT_EQ(extract.exit_code, 0) << extract.err;
    const auto plan = run_baton("plan --mapping " + quoted(source_file("mappings/example.xml")), dir.path());
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    // Merged, split and pinned as the example says. Dave Okafor has left; nobody else in IT reaches the
    // minimum score, so his manager in the directory, Erin, succeeds him.
    EXPECT_NE(plan.out.find("Company News and Engineering (10 items, 2 comments): owner Grace Whitfield"),
              std::string::npos)
        << plan.out;
    EXPECT_NE(plan.out.find("Onboarding (1 item, 0 comments): owner Carol Díaz"), std::string::npos) << plan.out;
    EXPECT_NE(plan.out.find("IT (6 items, 3 comments): owner Erin Castellano"), std::string::npos) << plan.out;
    EXPECT_EQ(plan.out.find("Uncategorized"), std::string::npos) << plan.out;
    EXPECT_NE(plan.out.find("x plan.identity-unmatched"), std::string::npos) << plan.out;
    // The plan's run records the mapping's hash; report and status read the plan as before.
    workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
    EXPECT_EQ(query_text(workspace, "SELECT length(mapping_hash) FROM runs WHERE command = 'plan'"), "64");
    EXPECT_EQ(query_text(workspace, "SELECT reason FROM plan_roles r JOIN people p ON p.id = r.person_id JOIN "
                                    "plan_communities c ON c.id = r.community_id WHERE p.login = 'erin' AND "
                                    "c.slug = 'it'")
                  .rfind("take over from Dave Okafor, who has left (rank 1 here): their manager in the directory", 0),
              0U);
    const auto report = run_baton("report --out report.html", dir.path());
    EXPECT_EQ(report.exit_code, 0) << report.err;
}

TEST(CliPlanMapping, ABrokenMappingExitsWithNineNamingFileAndLine) {
    TempDir dir;
    ASSERT_EQ(run_baton("extract wxr:" + quoted(source_file("samples/wordpress/acme-intranet.xml")), dir.path())
                  .exit_code,
              0);
    write_file(dir.file("broken.xml"), "<mapping version=\"1\">\n<stewardship>\n<roles owners=\"x\"/>\n"
                                       "</stewardship>\n</mapping>\n");
    const auto plan = run_baton("plan --mapping broken.xml", dir.path());
    EXPECT_EQ(plan.exit_code, static_cast<int>(ExitCode::mapping));
    EXPECT_NE(plan.err.find("broken.xml:3: not a valid mapping: Invalid attribute owners for element roles"),
              std::string::npos)
        << plan.err;
    workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM runs WHERE command = 'plan'"), 0);  // checked before any run

    const auto both = run_baton("plan --managers 1 --mapping broken.xml", dir.path());
    EXPECT_EQ(both.exit_code, static_cast<int>(ExitCode::usage));
    const auto missing = run_baton("plan --mapping nowhere.xml", dir.path());
    EXPECT_EQ(missing.exit_code, static_cast<int>(ExitCode::mapping));
}

TEST(CliPlanMapping, JsonAndDiffAgainstTheBuiltInPlan) {
    TempDir dir;
    ASSERT_EQ(run_baton("extract wxr:" + quoted(source_file("samples/wordpress/acme-intranet.xml")), dir.path())
                  .exit_code,
              0);
    const auto none = run_baton("plan --diff previous", dir.path());
    EXPECT_EQ(none.exit_code, static_cast<int>(ExitCode::precondition)) << none.err;
    ASSERT_EQ(run_baton("plan", dir.path()).exit_code, 0);  // run 2: the refused one recorded no run
    const auto plan =
        run_baton("plan --diff previous --mapping " + quoted(source_file("mappings/example.xml")), dir.path());
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    EXPECT_NE(plan.out.find("changes since plan 2:\n"), std::string::npos) << plan.out;
    EXPECT_NE(plan.out.find("  + community onboarding (Onboarding)\n"), std::string::npos) << plan.out;
    EXPECT_NE(plan.out.find("  - community uncategorized (Uncategorized)\n"), std::string::npos) << plan.out;
    EXPECT_NE(plan.out.find("  > post:21: human-resources -> onboarding\n"), std::string::npos) << plan.out;

    const auto json = run_baton("plan --json --diff 2", dir.path());
    ASSERT_EQ(json.exit_code, 0) << json.err;
    EXPECT_EQ(json.out.rfind("{\"run_id\":4,", 0), 0U) << json.out.substr(0, 200);
    EXPECT_NE(json.out.find("\"diff\":{\"before_run\":2,"), std::string::npos);
    EXPECT_NE(json.out.find("\"slug\":\"human-resources\""), std::string::npos);
    EXPECT_EQ(json.out.find("plan (run"), std::string::npos);  // JSON only

    EXPECT_EQ(run_baton("plan --diff 1", dir.path()).exit_code, static_cast<int>(ExitCode::usage));
    EXPECT_EQ(run_baton("plan --diff soon", dir.path()).exit_code, static_cast<int>(ExitCode::usage));
}

// Decisions recorded after a plan (as the review portal writes them) change the next `baton plan`, and planning
// again with the same decisions gives the same plan.
TEST(CliPlanDecisions, DeclinesAndNominationsFeedTheNextPlan) {
    TempDir dir;
    ASSERT_EQ(run_baton("extract wxr:" + quoted(source_file("samples/wordpress/acme-intranet.xml")), dir.path())
                  .exit_code,
              0);
    const auto before = run_baton("plan", dir.path());
    ASSERT_EQ(before.exit_code, 0) << before.err;
    EXPECT_NE(before.out.find("Human Resources (10 items, 2 comments): owner Alice Moreau, manager Bob Lindqvist"),
              std::string::npos)
        << before.out;
    EXPECT_NE(before.out.find("IT Help Desk (6 items, 3 comments): owner Dave Okafor"), std::string::npos) << before.out;
    {
        workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
        workspace.db().exec(
            "INSERT INTO owner_decisions(person_id, community_slug, decision, nominee_login, note, decided_by, "
            "decided_at, via) VALUES "
            "((SELECT id FROM people WHERE login = 'alice'), 'human-resources', 'decline', NULL, 'moving to sales', "
            "'alice', '2026-10-01T08:00:00Z', 'portal'), "
            "((SELECT id FROM people WHERE login = 'dave'), 'it-help-desk', 'nominate', 'frank', 'Frank knows the "
            "servers', 'dave', '2026-10-01T09:00:00Z', 'portal'), "
            "((SELECT id FROM people WHERE login = 'grace'), 'company-news', 'accept', NULL, NULL, 'grace', "
            "'2026-10-01T10:00:00Z', 'portal')");
    }
    const auto after = run_baton("plan --json", dir.path());
    ASSERT_EQ(after.exit_code, 0) << after.err;
    const auto text = run_baton("plan", dir.path());
    EXPECT_NE(text.out.find("Human Resources (10 items, 2 comments): owner Bob Lindqvist, manager Carol Díaz"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("IT Help Desk (6 items, 3 comments): owner Frank Hüttner, manager Erin Castellano"),
              std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("Company News (6 items, 2 comments): owner Grace Whitfield"), std::string::npos)
        << text.out;
    EXPECT_NE(text.out.find("owner decisions: 3 counted, 0 ignored"), std::string::npos) << text.out;
    EXPECT_NE(after.out.find("\"reason\":\"nominated by Dave Okafor on 2026-10-01: \\\"Frank knows the servers\\\""),
              std::string::npos)
        << after.out;
    EXPECT_NE(after.out.find("\"effect\":\"Alice Moreau is not proposed for Human Resources; its owner is Bob "
                             "Lindqvist\""),
              std::string::npos)
        << after.out;
    // Same inputs, same plan: the JSON of the two plans differs only in the run id.
    const auto again = run_baton("plan --json", dir.path());
    const std::regex run_id("\"run_id\":[0-9]+");
    EXPECT_EQ(std::regex_replace(after.out, run_id, ""), std::regex_replace(again.out, run_id, ""));
    // The report shows the decisions.
    const auto report = run_baton("report --out -", dir.path());
    ASSERT_EQ(report.exit_code, 0) << report.err;
    EXPECT_NE(report.out.find("<h3>Owner decisions</h3>"), std::string::npos);
    EXPECT_NE(report.out.find("moving to sales"), std::string::npos);
}

TEST(CliPlanItemChoices, KeepAndArchiveAnswersFeedTheNextPlan) {
    TempDir dir;
    ASSERT_EQ(run_baton("extract wxr:" + quoted(source_file("samples/wordpress/acme-intranet.xml")), dir.path())
                  .exit_code,
              0);
    const std::string mapping = "plan --mapping " + quoted(source_file("mappings/example.xml"));
    ASSERT_EQ(run_baton(mapping, dir.path()).exit_code, 0);
    const std::string proposals =
        "SELECT group_concat(i.key || '=' || a.reason, '|') FROM (SELECT * FROM plan_archive_proposals WHERE "
        "plan_run = (SELECT max(run_id) FROM plans) ORDER BY item_id) a JOIN items i ON i.id = a.item_id";
    {
        workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
        const std::string before = query_text(workspace, proposals);
        ASSERT_NE(before.find("post:12="), std::string::npos) << before;  // stale: proposed for archive
        ASSERT_NE(before.find("post:21="), std::string::npos) << before;
        // The owners answer: keep one stale post, confirm another, archive one that was not proposed, and an
        // answer given for a community the item is not in does not count.
        workspace.db().exec(
            "INSERT INTO item_choices(community_slug, item_id, choice, person_id, decided_by, decided_at, via) "
            "SELECT 'company', id, 'keep', NULL, 'grace', '2026-10-02T08:00:00Z', 'portal' FROM items "
            "WHERE key = 'post:12';"
            "INSERT INTO item_choices(community_slug, item_id, choice, person_id, decided_by, decided_at, via) "
            "SELECT 'onboarding', id, 'archive', NULL, 'carol', '2026-10-03T08:00:00Z', 'portal' FROM items "
            "WHERE key = 'post:21';"
            "INSERT INTO item_choices(community_slug, item_id, choice, person_id, decided_by, decided_at, via) "
            "SELECT 'human-resources', id, 'archive', NULL, 'bob', '2026-10-04T08:00:00Z', 'portal' FROM items "
            "WHERE key = (SELECT i.key FROM items i JOIN plan_placements p ON p.item_id = i.id JOIN plan_communities c "
            "ON c.id = p.community_id WHERE c.slug = 'human-resources' AND p.action = 'migrate' AND i.kind = 'post' "
            "AND i.id NOT IN (SELECT item_id FROM plan_archive_proposals) ORDER BY i.id LIMIT 1);"
            "INSERT INTO item_choices(community_slug, item_id, choice, person_id, decided_by, decided_at, via) "
            "SELECT 'it', id, 'keep', NULL, 'erin', '2026-10-05T08:00:00Z', 'portal' FROM items "
            "WHERE key = 'post:34';");
    }
    ASSERT_EQ(run_baton(mapping, dir.path()).exit_code, 0);
    workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
    const std::string after = query_text(workspace, proposals);
    EXPECT_EQ(after.find("post:12="), std::string::npos) << after;  // kept
    EXPECT_NE(after.find("post:21=not edited since 2019-04-08, over 5 years before 2025-03-10: proposed for archive; "
                         "archive confirmed by carol on 2026-10-03"),
              std::string::npos)
        << after;
    EXPECT_NE(after.find("=archive chosen by bob on 2026-10-04"), std::string::npos) << after;
    EXPECT_NE(after.find("post:34=not edited since"), std::string::npos) << after;  // the 'it' answer does not count
    EXPECT_NE(query_text(workspace, "SELECT p.reason FROM plan_placements p JOIN items i ON i.id = p.item_id WHERE "
                                    "i.key = 'post:12' AND p.plan_run = (SELECT max(run_id) FROM plans)")
                  .find("; kept, not archived: chosen by grace on 2026-10-02"),
              std::string::npos);
}

}  // namespace baton::test
