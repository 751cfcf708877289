// CLI tests of the plan's HTML report: valid HTML5 by two real validators, every community in it, sortable tables
// without external assets, for WordPress, MediaWiki and DokuWiki fixtures.
#include <gtest/gtest.h>

#include "core/text.hpp"
#include "support/test_support.hpp"
#include "transform/plan.hpp"

namespace baton::test {
namespace {

std::string quoted(const std::string& text) { return "'" + text + "'"; }

// tests/tools/check_html5.py: html5lib in strict mode, then tidy -errors (Debian packages, setup-debian.sh --tests).
CommandResult check_html5(const std::string& file, const std::string& directory) {
    return run_command("/usr/bin/python3 " + quoted(source_file("tests/tools/check_html5.py")) + " " + quoted(file),
                       directory);
}

// Plans `source` (KIND:PATH) with `plan_options`, writing the report with --report; checks it and every community.
void expect_a_valid_complete_report(const std::string& source, const std::string& plan_options = "") {
    TempDir dir;
    const auto extract = run_baton("extract " + quoted(source), dir.path());
    ASSERT_EQ(extract.exit_code, 0) << extract.err;
    const auto plan = run_baton("plan --report plan.html " + plan_options, dir.path());
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    const std::string html = read_file(dir.file("plan.html"));
    ASSERT_FALSE(html.empty());
    const auto valid = check_html5(dir.file("plan.html"), dir.path());
    EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
    const auto communities = transform::read_communities(workspace, transform::latest_plan_run(workspace));
    ASSERT_FALSE(communities.empty());
    for (const auto& community : communities) {
        EXPECT_FALSE(community.name.empty()) << community.slug;
        EXPECT_NE(html.find("<b>" + text::html_escape(community.name) + "</b><br><span class=\"muted\">/" +
                            text::html_escape(community.slug) + "</span>"),
                  std::string::npos)
            << community.slug << " is not in the report";
    }
    // Self-contained: nothing loaded from elsewhere; the tables sort by an inline script.
    for (const char* external : {"<link", " src=", "@import", "url("}) {
        EXPECT_EQ(html.find(external), std::string::npos) << external;
    }
    EXPECT_NE(html.find("<table class=\"sortable\"><thead>"), std::string::npos);
    EXPECT_NE(html.find("<script>"), std::string::npos);
}

}  // namespace

TEST(CliReportHtml5, TheValidatorRejectsWhatIsNotHtml5) {
    TempDir dir;
    write_file(dir.file("bad.html"), "<!DOCTYPE html><html lang=\"en\"><head><title>x</title></head><body><table>"
                                     "<tr><td>a</p></table></body></html>");
    const auto result = check_html5(dir.file("bad.html"), dir.path());
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_NE(result.out.find("bad.html:1:"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("unexpected-end-tag"), std::string::npos) << result.out;
}

TEST(CliReportHtml5, TheSampleExportWithTheExampleMappingAndOwnerDecisions) {
    TempDir dir;
    ASSERT_EQ(run_baton("extract wxr:" + quoted(source_file("samples/wordpress/acme-intranet.xml")), dir.path())
                  .exit_code,
              0);
    ASSERT_EQ(run_baton("plan --mapping " + quoted(source_file("mappings/example.xml")), dir.path()).exit_code, 0);
    {
        workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
        workspace.db().exec(
            "INSERT INTO owner_decisions(person_id, community_slug, decision, note, decided_by, decided_at, via) "
            "VALUES ((SELECT id FROM people WHERE login = 'grace'), 'company', 'decline', 'too many <roles> & more', "
            "'grace', '2026-10-01T08:00:00Z', 'portal')");
    }
    const auto plan =
        run_baton("plan --report plan.html --mapping " + quoted(source_file("mappings/example.xml")), dir.path());
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    const std::string html = read_file(dir.file("plan.html"));
    const auto valid = check_html5(dir.file("plan.html"), dir.path());
    EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    EXPECT_NE(html.find("too many &lt;roles&gt; &amp; more"), std::string::npos);
    EXPECT_NE(html.find("<h3>Contribution concentration</h3>"), std::string::npos);  // the SVG chart is checked too
    EXPECT_NE(html.find("<h3>Owner decisions</h3>"), std::string::npos);
    for (const char* name : {"Company News and Engineering", "Human Resources", "IT", "Onboarding", "Acme Intranet"}) {
        EXPECT_NE(html.find(std::string("<b>") + name + "</b>"), std::string::npos) << name;
    }
}

// The sections on communities with no active owner and people at the load limit, validated too: a mapping plan
// whose limit is lowered to 1 and one of whose communities loses its owner by hand.
TEST(CliReportHtml5, TheSectionsOnMissingOwnersAndLoadLimits) {
    TempDir dir;
    ASSERT_EQ(run_baton("extract wxr:" + quoted(source_file("samples/wordpress/acme-intranet.xml")), dir.path())
                  .exit_code,
              0);
    ASSERT_EQ(run_baton("plan --mapping " + quoted(source_file("mappings/example.xml")), dir.path()).exit_code, 0);
    {
        workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
        EXPECT_EQ(workspace.db().query_int("SELECT max_communities_per_person FROM plans"), 3);  // the mapping's
        workspace.db().exec("UPDATE plans SET max_communities_per_person = 1");
        workspace.db().exec("DELETE FROM plan_roles WHERE role = 'owner' AND community_id = (SELECT id FROM "
                            "plan_communities WHERE slug = 'it')");
    }
    const auto report = run_baton("report --out r.html", dir.path());
    ASSERT_EQ(report.exit_code, 0) << report.err;
    const std::string html = read_file(dir.file("r.html"));
    const auto valid = check_html5(dir.file("r.html"), dir.path());
    EXPECT_EQ(valid.exit_code, 0) << valid.out << valid.err;
    EXPECT_NE(html.find("<h3>Communities with no active owner</h3>"), std::string::npos);
    EXPECT_NE(html.find("<b>IT</b><br><span class=\"muted\">/it</span></td><td class=\"n\">"), std::string::npos);
    EXPECT_NE(html.find("<h3>People at or over the load limit</h3>"), std::string::npos);
    EXPECT_NE(html.find("<h3>People nobody could match</h3>"), std::string::npos);
}

TEST(CliReportHtml5, TheWordPressThemeUnitTestData) {
    expect_a_valid_complete_report("wxr:" + fixture("wordpress-wxr/theme-unit-test-data.xml"));
}

TEST(CliReportHtml5, AMediaWikiDumpWithoutNamespaceNames) {
    expect_a_valid_complete_report("mediawiki:" + fixture("mediawiki-xml/ImportLinkCacheIntegrationTest.xml"));
}

TEST(CliReportHtml5, ADokuWikiDataFolder) {
    expect_a_valid_complete_report("dokuwiki:" + fixture("dokuwiki/data"), "--managers 0");
}

}  // namespace baton::test
