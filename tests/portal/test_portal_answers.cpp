// The review portal's positives: decisions, task progress and keep / archive choices land in the workspace with
// who, when and via = 'portal'; the owner's pages and the admin dashboard show them; invitations and tokens.
#include <gtest/gtest.h>

#include "core/text.hpp"
#include "portal/admin_data.hpp"
#include "portal/invite.hpp"
#include "portal_fixture.hpp"

namespace baton::test {
namespace {

using PortalAnswers = PortalFixture;

TEST_F(PortalAnswers, OwnerHomeShowsRoleReasonCountsAndTasks) {
    const auto home = get("/", alice_token);
    ASSERT_EQ(home.status, 200);
    EXPECT_NE(home.body.find("Hello Alice Moreau"), std::string::npos);
    EXPECT_NE(home.body.find(text("SELECT reason FROM plan_roles WHERE person_id = " + std::to_string(alice_id))),
              std::string::npos);
    EXPECT_NE(home.body.find("3 items to migrate"), std::string::npos);
    EXPECT_NE(home.body.find("waiting for your answer"), std::string::npos);
    EXPECT_NE(home.body.find("name=\"code\" value=\"accept-role\""), std::string::npos);
    EXPECT_NE(home.body.find("name=\"viewport\""), std::string::npos);
}

TEST_F(PortalAnswers, DeclineWithANominationIsStoredWithWhoAndWhen) {
    const std::string before = text::utc_now_iso();
    const auto answer = post("/c/hr/decision", alice_token,
                             "csrf=" + csrf_of(alice_token) + "&decision=decline&nominee=carol&note=I+moved+to+sales");
    EXPECT_EQ(answer.status, 303);
    EXPECT_EQ(answer.header("Location"), "/c/hr");
    EXPECT_EQ(count("SELECT count(*) FROM owner_decisions"), 1);
    EXPECT_EQ(text("SELECT decision || '|' || person_id || '|' || community_slug || '|' || nominee_person_id || '|' || "
                   "nominee_login || '|' || note || '|' || decided_by || '|' || via FROM owner_decisions"),
              "nominate|" + std::to_string(alice_id) + "|hr|" + std::to_string(carol_id) + "|carol|I moved to sales|alice|portal");
    const std::string when = text("SELECT decided_at FROM owner_decisions");
    EXPECT_GE(when, before);
    EXPECT_LE(when, text::utc_now_iso());
    // The owner and the admin see it.
    EXPECT_NE(get("/", alice_token).body.find("declined, nominated Carol Diaz"), std::string::npos);
    const auto dashboard = get("/admin", admin_token);
    EXPECT_NE(dashboard.body.find("declined, nominates Carol Diaz"), std::string::npos);
    EXPECT_NE(dashboard.body.find("I moved to sales"), std::string::npos);
    EXPECT_NE(dashboard.body.find("<b>0 of 2</b>"), std::string::npos);
}

TEST_F(PortalAnswers, NomineesMayComeFromThePeopleDirectory) {
    const auto answer = post("/c/hr/decision", alice_token,
                             "csrf=" + csrf_of(alice_token) + "&decision=decline&nominee=Dave.HR&note=");
    EXPECT_EQ(answer.status, 303);
    EXPECT_EQ(text("SELECT decision || '|' || coalesce(nominee_person_id, 'none') || '|' || nominee_login || '|' || "
                   "coalesce(note, 'no note') FROM owner_decisions"),
              "nominate|none|Dave.HR|no note");
}

TEST_F(PortalAnswers, AcceptingCountsTowardsCoverageAndTheLatestAnswerWins) {
    const std::string csrf = csrf_of(bob_token);
    EXPECT_EQ(post("/c/it/decision", bob_token, "csrf=" + csrf + "&decision=decline").status, 303);
    EXPECT_EQ(post("/c/it/decision", bob_token, "csrf=" + csrf + "&decision=accept").status, 303);
    EXPECT_EQ(count("SELECT count(*) FROM owner_decisions WHERE person_id = " + std::to_string(bob_id)), 2);
    const auto dashboard = get("/admin", admin_token);
    EXPECT_NE(dashboard.body.find("<b>1 of 2</b>"), std::string::npos);
    EXPECT_NE(dashboard.body.find("Declined (0)"), std::string::npos);
    EXPECT_NE(dashboard.body.find("Waiting for an answer (1)"), std::string::npos);
}

TEST_F(PortalAnswers, BadAnswersAreRefusedWithAReason) {
    const std::string csrf = csrf_of(alice_token);
    const auto unknown = post("/c/hr/decision", alice_token, "csrf=" + csrf + "&decision=decline&nominee=mallory");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_NE(unknown.body.find("nobody with the login &quot;mallory&quot;"), std::string::npos);
    EXPECT_EQ(post("/c/hr/decision", alice_token, "csrf=" + csrf + "&decision=maybe").status, 400);
    EXPECT_EQ(post("/c/hr/decision", alice_token, "csrf=" + csrf + "&decision=nominate").status, 400);
    EXPECT_EQ(count("SELECT count(*) FROM owner_decisions"), 0);
}

TEST_F(PortalAnswers, TaskMarkedDoneLandsInTaskProgress) {
    const auto answer =
        post("/tasks", alice_token, "csrf=" + csrf_of(alice_token) + "&community=hr&code=accept-role&status=done");
    EXPECT_EQ(answer.status, 303);
    EXPECT_EQ(text("SELECT person_id || '|' || community_slug || '|' || code || '|' || status || '|' || updated_by || "
                   "'|' || via FROM task_progress"),
              std::to_string(alice_id) + "|hr|accept-role|done|alice|portal");
    EXPECT_FALSE(text("SELECT updated_at FROM task_progress").empty());
    EXPECT_NE(get("/", alice_token).body.find("Reopen"), std::string::npos);
    // Reopening updates the same row.
    EXPECT_EQ(post("/tasks", alice_token, "csrf=" + csrf_of(alice_token) + "&community=hr&code=accept-role&status=open")
                  .status,
              303);
    EXPECT_EQ(text("SELECT status FROM task_progress"), "open");
    EXPECT_EQ(count("SELECT count(*) FROM task_progress"), 1);
}

TEST_F(PortalAnswers, StaleItemsTakeKeepOrArchiveChoices) {
    const std::int64_t item = count("SELECT id FROM items WHERE slug = 'holiday-policy'");
    sql("INSERT INTO plan_archive_proposals(plan_run, item_id, reason) VALUES (" + std::to_string(plan_run) + ", " +
        std::to_string(item) + ", 'last changed more than 2 years ago: proposed for archive')");
    const auto page = get("/c/hr", alice_token);
    EXPECT_NE(page.body.find("Stale items (1)"), std::string::npos);
    EXPECT_NE(page.body.find("proposed for archive"), std::string::npos);
    const std::string csrf = csrf_of(alice_token, "/c/hr");
    const std::string path = "/c/hr/items/" + std::to_string(item) + "/choice";
    EXPECT_EQ(post(path, alice_token, "csrf=" + csrf + "&choice=archive").status, 303);
    EXPECT_EQ(text("SELECT choice || '|' || decided_by || '|' || via FROM item_choices"), "archive|alice|portal");
    EXPECT_EQ(post(path, alice_token, "csrf=" + csrf + "&choice=keep").status, 303);
    EXPECT_EQ(text("SELECT choice FROM item_choices"), "keep");
    // Not an item proposed for archive, or not in this community: refused.
    const std::int64_t other = count("SELECT id FROM items WHERE slug = 'vpn-how-to'");
    EXPECT_EQ(post("/c/hr/items/" + std::to_string(other) + "/choice", alice_token, "csrf=" + csrf + "&choice=keep")
                  .status,
              404);
    EXPECT_EQ(post(path, bob_token, "csrf=" + csrf_of(bob_token) + "&choice=archive").status, 404);
}

TEST_F(PortalAnswers, CommunityItemsAreSearchableAndFlaggedItemsSayWhatIsWrong) {
    const auto all = get("/c/hr", alice_token);
    EXPECT_NE(all.body.find("Items that will move (3)"), std::string::npos);
    const auto found = get("/c/hr?q=HOLIDAY", alice_token);
    EXPECT_NE(found.body.find("Items that will move (1)"), std::string::npos);
    EXPECT_NE(found.body.find("Holiday policy"), std::string::npos);
    sql("INSERT INTO messages(run_id, source_id, item_key, severity, code, text) SELECT s.last_run, s.id, i.key, "
        "'warning', 'test', 'the gallery shortcode has no images' FROM items i JOIN sources s ON s.id = i.source_id "
        "WHERE i.slug = 'holiday-policy'");
    const auto flagged = get("/c/hr", alice_token);
    EXPECT_NE(flagged.body.find("Flagged items (1)"), std::string::npos);
    EXPECT_NE(flagged.body.find("warning: the gallery shortcode has no images"), std::string::npos);
    EXPECT_NE(get("/", alice_token).body.find("1 flagged"), std::string::npos);
}

TEST_F(PortalAnswers, ItemsArePaged) {
    // 120 more items in hr: three pages of 50.
    sql("WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 120) "
        "INSERT INTO items(source_id, key, kind, title, fingerprint, first_run, changed_run, seen_run) "
        "SELECT 1, 'extra:' || x, 'post', printf('Extra %03d', x), 'f', 1, 1, 1 FROM n");
    sql("INSERT INTO plan_placements(plan_run, item_id, community_id, action, reason) SELECT " +
        std::to_string(plan_run) + ", i.id, c.id, 'migrate', 'test' FROM items i, plan_communities c "
        "WHERE i.key LIKE 'extra:%' AND c.slug = 'hr' AND c.plan_run = " + std::to_string(plan_run));
    const auto first = get("/c/hr", alice_token);
    EXPECT_NE(first.body.find("Page 1 of 3"), std::string::npos);
    EXPECT_NE(first.body.find("Extra 001"), std::string::npos);
    EXPECT_EQ(first.body.find("Extra 051"), std::string::npos);
    const auto third = get("/c/hr?page=3", alice_token);
    EXPECT_NE(third.body.find("Page 3 of 3"), std::string::npos);
    EXPECT_EQ(third.body.find("Extra 001"), std::string::npos);
}

TEST_F(PortalAnswers, AdminSearchFindsPeopleAndCommunitiesAndShowsThePlanDiff) {
    const auto people = get("/admin?q=moreau", admin_token);
    EXPECT_NE(people.body.find("Search results (1)"), std::string::npos);
    EXPECT_NE(people.body.find("owner of hr"), std::string::npos);
    EXPECT_NE(get("/admin?q=human", admin_token).body.find("href=\"/c/hr\""), std::string::npos);
    EXPECT_NE(get("/admin", admin_token).body.find("This is the first plan"), std::string::npos);
    // The admin reads any community but does not answer for its owner.
    EXPECT_EQ(get("/c/it", admin_token).status, 200);
    EXPECT_EQ(post("/c/it/decision", admin_token, "csrf=" + csrf_of(admin_token, "/admin") + "&decision=accept").status,
              403);
}

TEST_F(PortalAnswers, InvitationsAreOnePerPersonWithARoleAndStoredOnlyAsHashes) {
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::existing);
    const auto invitations = portal::invite_people(workspace, plan_run, "https://review.acme.test", 14, 0);
    ASSERT_EQ(invitations.size(), 2U);
    EXPECT_EQ(invitations[0].login, "alice");
    EXPECT_EQ(invitations[0].communities, "owner of hr");
    const std::string prefix = "https://review.acme.test/i/";
    ASSERT_EQ(invitations[0].link.rfind(prefix, 0), 0U);
    const std::string token = invitations[0].link.substr(prefix.size());
    EXPECT_TRUE(portal::looks_like_token(token));
    EXPECT_NE(token, invitations[1].link.substr(prefix.size()));
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM access_tokens WHERE token_hash = '" + portal::token_hash(token) +
                                       "' AND role = 'owner'"),
              1);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM access_tokens WHERE instr(token_hash, '" + token + "') > 0"), 0);
    const std::string csv = portal::invitations_csv(invitations);
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "person_key,login,display_name,email,communities,link,expires_at");
    EXPECT_NE(csv.find("login:alice,alice,Alice Moreau,alice@acme.test,owner of hr," + invitations[0].link),
              std::string::npos);
    EXPECT_GT(invitations[0].expires_at, text::utc_now_iso());
    // The new link works in the portal.
    EXPECT_EQ(get("/", token).status, 200);
}

TEST_F(PortalAnswers, OverdueTasksCountFromTheGoLiveDateAndLeaveDoneOnesOut) {
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::existing);
    portal::StatementCache queries(workspace.db());
    const std::int64_t tasks = query_int(workspace, "SELECT count(*) FROM plan_tasks WHERE plan_run = " +
                                                        std::to_string(plan_run));
    ASSERT_GT(tasks, 0);
    EXPECT_EQ(static_cast<std::int64_t>(portal::overdue_tasks(queries, plan_run, "2020-01-01").size()), tasks);
    EXPECT_TRUE(portal::overdue_tasks(queries, plan_run, "2999-01-01").empty());
    EXPECT_TRUE(portal::overdue_tasks(queries, plan_run, "").empty());
    queries.reset_all();
    ASSERT_EQ(post("/tasks", alice_token, "csrf=" + csrf_of(alice_token) + "&community=hr&code=accept-role&status=done")
                  .status,
              303);
    EXPECT_EQ(static_cast<std::int64_t>(portal::overdue_tasks(queries, plan_run, "2020-01-01").size()), tasks - 1);
}

TEST_F(PortalAnswers, DashboardShowsTheDiffWithThePreviousPlan) {
    {
        workspace::Workspace workspace(dir.file("w.db"), workspace::Access::existing);
        // Bob wrote everything in hr now: the next plan makes him its owner.
        workspace.db().exec("UPDATE items SET author_id = " + std::to_string(bob_id) +
                            " WHERE slug IN ('holiday-policy', 'script-title', 'img-title')");
        workspace.db().exec("UPDATE revisions SET author_id = " + std::to_string(bob_id) +
                            " WHERE item_id IN (SELECT id FROM items WHERE slug IN ('holiday-policy', 'script-title', "
                            "'img-title'))");
        workspace::recorded_run(workspace, "plan", "", [&](std::int64_t run) {
            return transform::plan_with_built_in_rules(workspace, run).run_id > 0 ? workspace::RunOutcome::succeeded
                                                                                  : workspace::RunOutcome::failed;
        });
    }
    const auto dashboard = get("/admin", admin_token);
    EXPECT_EQ(dashboard.body.find("This is the first plan"), std::string::npos);
    EXPECT_NE(dashboard.body.find("plan run " + std::to_string(plan_run) + " &rarr; "), std::string::npos);
    EXPECT_NE(dashboard.body.find("owner of hr: Bob Stone (login:bob)"), std::string::npos) << dashboard.body;
    // Alice no longer holds a role in hr: its page is closed to her, Bob's home lists it.
    EXPECT_EQ(get("/c/hr", alice_token).status, 404);
    EXPECT_NE(get("/", bob_token).body.find("Human Resources"), std::string::npos);
}

}  // namespace
}  // namespace baton::test
