// The report's sections on communities with no active owner and people at or over the load limit: the right rows
// for a hand-built plan, and no section at all when nothing needs attention.
#include <gtest/gtest.h>

#include <string>

#include "loaders/loader_test_support.hpp"
#include "loaders/outputs/html_report.hpp"

namespace baton::load {
namespace {

const char* const owner_heading = "<h3>Communities with no active owner</h3>";
const char* const load_heading = "<h3>People at or over the load limit</h3>";

// The text between `heading` and the end of its table ("" when the heading is absent).
std::string section(const std::string& html, const std::string& heading) {
    const auto start = html.find(heading);
    if (start == std::string::npos) return {};
    return html.substr(start, html.find("</table>", start) - start);
}

// A plan written by hand over the people of an extracted fixture: five communities, a limit of two per person.
//   alpha: nobody;  beta: owner Ann, departed;  gamma: owner Gus, not in the directory, manager Quinn;
//   delta: owner Pat, active;  epsilon: owner Quinn (no directory entry: counts as active), managers Pat and Ann.
// Pat has 3 roles (over the limit of 2), Quinn 2 (at it), Ann 2 (at it), Gus 1.
void hand_built_plan(test::PlannedWorkspace& planned) {
    workspace::recorded_run(planned.workspace, "plan", "", [&](std::int64_t run) {
        auto& db = planned.workspace.db();
        const std::string r = std::to_string(run);
        const std::string source = std::to_string(db.query_int("SELECT min(id) FROM sources"));
        db.exec("INSERT INTO plans(run_id, rules, max_communities_per_person) VALUES (" + r + ", 'by hand', 2)");
        db.exec("INSERT INTO people(source_id, key, display_name) VALUES (" + source + ", 'hand:ann', 'Ann Gone'), (" +
                source + ", 'hand:gus', 'Gus Nomatch'), (" + source + ", 'hand:pat', 'Pat Busy'), (" + source +
                ", 'hand:quinn', 'Quinn Full')");
        for (const char* slug : {"alpha", "beta", "gamma", "delta", "epsilon"}) {
            db.exec("INSERT INTO plan_communities(plan_run, slug, name) VALUES (" + r + ", '" + slug + "', 'C " + slug +
                    "')");
        }
        const auto role = [&](const char* slug, const char* person, const char* what, int rank) {
            db.exec("INSERT INTO plan_roles(plan_run, community_id, person_id, role, rank, score, reason) SELECT " + r +
                    ", c.id, p.id, '" + what + "', " + std::to_string(rank) +
                    ", 1, 'by hand' FROM plan_communities c, people p WHERE c.plan_run = " + r + " AND c.slug = '" +
                    slug + "' AND p.key = '" + person + "'");
        };
        role("beta", "hand:ann", "owner", 1);
        role("beta", "hand:pat", "manager", 2);
        role("gamma", "hand:gus", "owner", 1);
        role("gamma", "hand:quinn", "manager", 2);
        role("delta", "hand:pat", "owner", 1);
        role("epsilon", "hand:quinn", "owner", 1);
        role("epsilon", "hand:pat", "manager", 2);
        role("epsilon", "hand:ann", "manager", 3);
        db.exec("INSERT INTO plan_identities(plan_run, person_id, matched_by, status, detail) SELECT " + r +
                ", id, CASE key WHEN 'hand:gus' THEN 'unmatched' ELSE 'email' END, CASE key WHEN 'hand:ann' THEN "
                "'departed' WHEN 'hand:pat' THEN 'active' END, 'by hand' FROM people WHERE key IN "
                "('hand:ann', 'hand:gus', 'hand:pat')");
        return workspace::RunOutcome::succeeded;
    });
}

}  // namespace

TEST(HtmlReportAttention, ABuiltInPlanWithOwnersEverywhereHasNeitherSection) {
    test::PlannedWorkspace planned(test::source_file("samples/wordpress/acme-intranet.xml"));
    ASSERT_EQ(planned.workspace.db().query_int(
                  "SELECT count(*) FROM plan_communities c WHERE NOT EXISTS (SELECT 1 FROM plan_roles r WHERE "
                  "r.community_id = c.id AND r.role = 'owner')"),
              0);
    const std::string html = render_html_report(planned.workspace);
    EXPECT_NE(html.find("<h2>Communities and who runs them</h2>"), std::string::npos);
    EXPECT_EQ(html.find(owner_heading), std::string::npos);
    EXPECT_EQ(html.find(load_heading), std::string::npos);  // the built-in rules set no limit
}

TEST(HtmlReportAttention, CommunitiesWithNoActiveOwner) {
    test::PlannedWorkspace planned(test::source_file("samples/wordpress/acme-intranet.xml"));
    hand_built_plan(planned);
    const std::string html = render_html_report(planned.workspace);
    const std::string rows = section(html, owner_heading);
    ASSERT_FALSE(rows.empty());
    EXPECT_NE(rows.find("<table class=\"sortable\">"), std::string::npos);
    EXPECT_NE(rows.find("<b>C alpha</b><br><span class=\"muted\">/alpha</span></td><td class=\"n\">0</td><td>"
                        "<span class=\"warn\">no owner</span></td>"),
              std::string::npos);
    EXPECT_NE(rows.find("<b>C beta</b>"), std::string::npos);
    EXPECT_NE(rows.find("<td>Ann Gone (departed)</td>"), std::string::npos);
    EXPECT_NE(rows.find("<b>C gamma</b>"), std::string::npos);
    EXPECT_NE(rows.find("<td>Gus Nomatch (not found in the directory)</td>"), std::string::npos);
    EXPECT_EQ(rows.find("C delta"), std::string::npos);    // Pat is active
    EXPECT_EQ(rows.find("C epsilon"), std::string::npos);  // Quinn has no directory entry: not known to have left
    EXPECT_LT(rows.find("C alpha"), rows.find("C beta"));  // by name
    EXPECT_LT(rows.find("C beta"), rows.find("C gamma"));
}

TEST(HtmlReportAttention, PeopleAtOrOverTheLoadLimit) {
    test::PlannedWorkspace planned(test::source_file("samples/wordpress/acme-intranet.xml"));
    hand_built_plan(planned);
    const std::string html = render_html_report(planned.workspace);
    const std::string rows = section(html, load_heading);
    ASSERT_FALSE(rows.empty());
    EXPECT_NE(rows.find("at most 2 communities"), std::string::npos);
    EXPECT_NE(
        rows.find("<tr><td>Pat Busy</td><td>hand:pat</td><td class=\"n\">3</td><td><span class=\"warn\">"
                  "over the limit</span></td><td>C beta (manager), C delta (owner), C epsilon (manager)</td></tr>"),
        std::string::npos);
    EXPECT_NE(rows.find("<tr><td>Ann Gone</td><td>hand:ann</td><td class=\"n\">2</td><td>at the limit</td>"),
              std::string::npos);
    EXPECT_NE(rows.find("<tr><td>Quinn Full</td><td>hand:quinn</td><td class=\"n\">2</td><td>at the limit</td>"),
              std::string::npos);
    EXPECT_EQ(rows.find("Gus Nomatch"), std::string::npos);   // one community
    EXPECT_LT(rows.find("Pat Busy"), rows.find("Ann Gone"));  // most communities first, then by key
    EXPECT_LT(rows.find("Ann Gone"), rows.find("Quinn Full"));
}

TEST(HtmlReportAttention, NoLoadSectionWhenNobodyReachesTheLimit) {
    test::PlannedWorkspace planned(test::source_file("samples/wordpress/acme-intranet.xml"));
    hand_built_plan(planned);
    planned.workspace.db().exec("UPDATE plans SET max_communities_per_person = 4");
    const std::string html = render_html_report(planned.workspace);
    EXPECT_EQ(html.find(load_heading), std::string::npos);
    EXPECT_NE(html.find(owner_heading), std::string::npos);  // the other section does not depend on the limit
}

}  // namespace baton::load
