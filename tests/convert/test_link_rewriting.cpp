// Internal links rewritten to target URLs through the workspace and the plan, and the redirect map.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "convert/convert_job.hpp"
#include "convert/links/redirect_map.hpp"
#include "convert/links/target_body.hpp"
#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"

namespace baton::test {

namespace {

void plan(workspace::Workspace& workspace) {
    workspace::recorded_run(workspace, "plan", "", [&](std::int64_t run) {
        transform::plan_with_built_in_rules(workspace, run);
        return workspace::RunOutcome::succeeded;
    });
}

convert::TargetScheme collab() {
    convert::TargetScheme scheme;
    scheme.base_url = "https://collab.example.com";
    return scheme;
}

convert::ConvertSummary convert_all(workspace::Workspace& workspace, const std::string& to,
                                    const convert::TargetScheme& scheme = collab()) {
    convert::ConvertSummary summary;
    workspace::recorded_run(workspace, "convert", "--to " + to, [&](std::int64_t run_id) {
        summary = convert::convert_workspace(workspace, run_id, *convert::find_writer(to), 0, {}, scheme);
        return workspace::RunOutcome::succeeded;
    });
    return summary;
}

std::string converted(workspace::Workspace& workspace, const std::string& key, const std::string& column = "text") {
    return query_text(workspace, "SELECT coalesce(c." + column + ", '') FROM converted_bodies c JOIN items i ON "
                                 "i.id = c.item_id WHERE i.key = '" + key + "' AND c.format = 'html'");
}

// The target URL of an item computed from the plan tables directly: base, community slug, item slug.
std::string expected_url(workspace::Workspace& workspace, const std::string& key) {
    return "https://collab.example.com/c/" +
           query_text(workspace, "SELECT pc.slug FROM items i JOIN plan_placements pp ON pp.item_id = i.id JOIN "
                                 "plan_communities pc ON pc.id = pp.community_id WHERE i.key = '" + key +
                                 "' AND pp.plan_run = (SELECT max(run_id) FROM plans)") +
           "/" + query_text(workspace, "SELECT slug FROM items WHERE key = '" + key + "'");
}

std::vector<std::string> hrefs(const std::string& html) {
    std::vector<std::string> out;
    const std::regex href("href=\"([^\"]*)\"");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator(); ++it) {
        out.push_back((*it)[1]);
    }
    return out;
}

std::string unescape_amp(std::string text) {
    for (auto at = text.find("&amp;"); at != std::string::npos; at = text.find("&amp;", at + 1)) text.replace(at, 5, "&");
    return text;
}

}  // namespace

TEST(LinkRewriting, WordPressPermalinksAndIdLinksPointAtTheTarget) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_wxr(workspace, source_file("samples/wordpress/acme-intranet.xml"));
    plan(workspace);
    // One link to a page that never existed and one to an item the plan leaves out, added to a real page.
    const std::string excluded = query_text(
        workspace, "SELECT substr(i.key, 6) FROM plan_placements pp JOIN items i ON i.id = pp.item_id WHERE pp.action = "
                   "'exclude' AND i.key LIKE 'post:%' AND i.kind <> 'comment' ORDER BY i.id LIMIT 1");
    ASSERT_FALSE(excluded.empty());
    workspace.db().exec("UPDATE item_bodies SET text = text || '<p><a href=\"/no-such-page/\">gone</a> <a href=\""
                        "https://intranet.acme.example/?p=" + excluded + "\">left out</a></p>' WHERE item_id = "
                        "(SELECT id FROM items WHERE key = 'post:15')");
    const auto summary = convert_all(workspace, "html");
    EXPECT_GT(summary.plan_run, 0);
    EXPECT_GT(summary.rewritten_links, 0);

    // post:15 (HR Policies) links to the handbook (post:17) by permalink: now its target URL.
    const std::string hr = converted(workspace, "post:15");
    const std::string handbook = expected_url(workspace, "post:17");
    EXPECT_NE(hr.find("href=\"" + handbook + "\""), std::string::npos) << hr;
    const std::string missing = converted(workspace, "post:15", "unresolved_links");
    EXPECT_EQ(missing, "/no-such-page/\nhttps://intranet.acme.example/?p=" + excluded + " (not migrated)");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages WHERE code = 'convert.unresolved-link' AND item_key = "
                                   "'post:15' AND text LIKE '%for the owner of community %'"),
              1);

    // Every link into the old site that is still there is one the owner is told about.
    auto bodies = workspace.db().prepare("SELECT c.text, coalesce(c.unresolved_links, '') FROM converted_bodies c "
                                         "WHERE c.format = 'html'");
    std::int64_t old_links = 0;
    while (bodies.step()) {
        const std::string missing_here = bodies.column_text(1);
        for (const auto& href : hrefs(bodies.column_text(0))) {
            const std::string link = unescape_amp(href);
            if (link.find("intranet.acme.example") == std::string::npos && !link.starts_with("/")) continue;
            ++old_links;
            EXPECT_NE(missing_here.find(link), std::string::npos) << link << " neither rewritten nor flagged";
        }
    }
    EXPECT_EQ(old_links, 2);  // the two added above
    EXPECT_EQ(summary.unresolved_links, 2);
}

TEST(LinkRewriting, RedirectMapListsEveryLegacyUrlOfMigratedItems) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_wxr(workspace, source_file("samples/wordpress/acme-intranet.xml"));
    plan(workspace);
    const auto plan_run = query_int(workspace, "SELECT max(run_id) FROM plans");
    convert::LinkIndex index(workspace.db(), plan_run, collab());
    const auto files = convert::write_redirect_files(workspace.db(), index, 0, dir.path() / "out");
    const auto migrated = query_int(workspace, "SELECT count(*) FROM plan_placements pp JOIN items i ON i.id = "
                                               "pp.item_id WHERE pp.action = 'migrate' AND i.kind NOT IN ('comment', "
                                               "'pingback', 'trackback') AND pp.plan_run = " + std::to_string(plan_run));
    EXPECT_EQ(files.items, migrated);  // every WordPress item has ?p=N at least
    const std::string csv = read_file(dir.file("out/redirects.csv"));
    const std::string handbook = expected_url(workspace, "post:17");
    EXPECT_NE(csv.find("https://intranet.acme.example/hr-policies/employee-handbook/," + handbook + ",1,post:17\n"),
              std::string::npos) << csv;
    EXPECT_NE(csv.find("https://intranet.acme.example/?page_id=17," + handbook + ",1,post:17\n"), std::string::npos);
    // Excluded items get no redirect.
    auto excluded = workspace.db().prepare("SELECT i.key FROM plan_placements pp JOIN items i ON i.id = pp.item_id "
                                           "WHERE pp.action = 'exclude' AND i.kind <> 'comment'");
    while (excluded.step()) EXPECT_EQ(csv.find("," + excluded.column_text(0) + "\n"), std::string::npos);
    std::int64_t lines = 0;
    for (const char c : csv) lines += c == '\n';
    EXPECT_EQ(lines, files.redirects + 1);
    const std::string nginx = read_file(dir.file("out/nginx.conf"));
    EXPECT_NE(nginx.find("rewrite \"^/hr-policies/employee-handbook/?$\" \"" + handbook + "?\" permanent;\n"),
              std::string::npos);
    const std::string apache = read_file(dir.file("out/apache.conf"));
    EXPECT_NE(apache.find("RewriteCond \"%{QUERY_STRING}\" \"(?:^|&)page_id=17(?:&|$)\"\nRewriteRule \"^/?$\" \"" +
                          handbook + "\" [R=301,L,NE,QSD]\n"),
              std::string::npos);
}

TEST(LinkRewriting, WikiLinksOfMediaWikiDokuWikiAndConfluence) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    write_file(dir.file("wiki.xml"), leave_wiki_export("See [[sick leave#Forms|sick leave]], [[Parental leave]] and "
                                                       "[https://wiki.acme.example/wiki/Sick_leave the same]."));
    extract_source(workspace, "mediawiki", dir.file("wiki.xml"));
    extract_source(workspace, "dokuwiki", fixture("dokuwiki/data"));
    extract_source(workspace, "confluence", fixture("confluence/4.3.2"));
    plan(workspace);
    convert_all(workspace, "html");

    const std::string leave = converted(workspace, "page:1");
    const std::string sick = query_text(workspace, "SELECT t.url FROM items i JOIN plan_placements pp ON pp.item_id = "
                                                   "i.id JOIN plan_communities pc ON pc.id = pp.community_id, (SELECT "
                                                   "'https://collab.example.com/c/' AS url) t WHERE i.key = 'page:2' AND "
                                                   "i.title = 'Sick leave'") + query_text(workspace,
        "SELECT pc.slug || '/sick-leave' FROM items i JOIN plan_placements pp ON pp.item_id = i.id JOIN plan_communities "
        "pc ON pc.id = pp.community_id WHERE i.title = 'Sick leave'");
    EXPECT_NE(leave.find("href=\"" + sick + "#Forms\""), std::string::npos) << leave;
    EXPECT_NE(leave.find("href=\"" + sick + "\""), std::string::npos) << leave;  // the external link to the same wiki
    EXPECT_EQ(converted(workspace, "page:1", "unresolved_links"), "Parental leave");

    // DokuWiki: wiki:dokuwiki links to wiki:syntax, which is migrated.
    const std::string dokuwiki = query_text(workspace, "SELECT c.text FROM converted_bodies c JOIN items i ON i.id = "
                                                       "c.item_id WHERE i.key = 'page:wiki:dokuwiki'");
    const std::string syntax_url = query_text(workspace, "SELECT 'https://collab.example.com/c/' || pc.slug || '/' FROM "
                                                         "items i JOIN plan_placements pp ON pp.item_id = i.id JOIN "
                                                         "plan_communities pc ON pc.id = pp.community_id WHERE i.key = "
                                                         "'page:wiki:syntax'");
    EXPECT_NE(dokuwiki.find("href=\"" + syntax_url), std::string::npos) << dokuwiki;

    // Confluence: links to "Page 1" of SPACE1 by title and space.
    const auto confluence_links = query_int(workspace, "SELECT count(*) FROM converted_bodies c JOIN items i ON i.id = "
                                                       "c.item_id JOIN sources s ON s.id = i.source_id WHERE s.kind = "
                                                       "'confluence' AND c.text LIKE '%href=\"https://collab.example.com/c/%'");
    EXPECT_GT(confluence_links, 0);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM converted_bodies c JOIN items i ON i.id = c.item_id JOIN "
                                   "sources s ON s.id = i.source_id WHERE s.kind = 'confluence' AND c.text LIKE "
                                   "'%href=\"SPACE1/Page+1\"%'"),
              0);
}

TEST(LinkRewriting, StaticHtmlTreeRelativeLinks) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    const auto site = dir.path() / "site";
    std::filesystem::create_directories(site / "hr" / "policies");
    write_file((site / "index.html").string(),
               "<html><head><title>Home</title></head><body><p><a href=\"hr/\">HR</a> <a href=\"hr/policies/"
               "sick%20leave%20(2024).html#forms\">sick</a> <a href=\"gone.html\">gone</a></p></body></html>");
    write_file((site / "hr" / "index.html").string(),
               "<html><head><title>HR</title></head><body><p><a href=\"../index.html\">home</a></p></body></html>");
    write_file((site / "hr" / "policies" / "sick leave (2024).html").string(),
               "<html><head><title>Sick leave</title></head><body><p><a href=\"../index.html\">HR</a></p></body></html>");
    extract_source(workspace, "html", site.string());
    plan(workspace);
    convert_all(workspace, "markdown");
    const std::string home = query_text(workspace, "SELECT c.text FROM converted_bodies c JOIN items i ON i.id = "
                                                   "c.item_id WHERE i.key = 'page:index.html'");
    EXPECT_NE(home.find("](https://collab.example.com/c/"), std::string::npos) << home;
    EXPECT_NE(home.find("#forms)"), std::string::npos) << home;
    EXPECT_EQ(home.find("](hr/)"), std::string::npos) << home;
    EXPECT_EQ(query_text(workspace, "SELECT c.unresolved_links FROM converted_bodies c JOIN items i ON i.id = c.item_id "
                                    "WHERE i.key = 'page:index.html'"),
              "gone.html");
}

}  // namespace baton::test

namespace baton::test {

TEST(RedirectsCommand, WritesThreeFilesAfterAPlanAndRefusesBadOptions) {
    TempDir dir;
    const std::string sample = source_file("samples/wordpress/acme-intranet.xml");
    ASSERT_EQ(run_baton("extract 'wxr:" + sample + "'", dir.path().string()).exit_code, 0);
    const auto before_plan = run_baton("redirects", dir.path().string());
    EXPECT_EQ(before_plan.exit_code, 11) << before_plan.err;  // no plan yet: a precondition, naming `baton plan`
    EXPECT_NE(before_plan.err.find("baton plan"), std::string::npos) << before_plan.err;
    ASSERT_EQ(run_baton("plan", dir.path().string()).exit_code, 0);
    const auto bad = run_baton("redirects --base-url 'https://collab.example.com/'", dir.path().string());
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.err.find("--base-url"), std::string::npos) << bad.err;
    const auto bad_pattern = run_baton("redirects --path-pattern '/c/{community}'", dir.path().string());
    EXPECT_EQ(bad_pattern.exit_code, 2);
    const auto ok = run_baton("redirects --base-url https://collab.example.com --path-pattern '/spaces/{community}/{slug}' "
                              "--out maps",
                              dir.path().string());
    ASSERT_EQ(ok.exit_code, 0) << ok.err;
    EXPECT_NE(ok.out.find("legacy URLs of"), std::string::npos) << ok.out;
    for (const std::string file : {"redirects.csv", "nginx.conf", "apache.conf"}) {
        EXPECT_TRUE(std::filesystem::is_regular_file(dir.path() / "maps" / file)) << file;
    }
    EXPECT_NE(read_file(dir.file("maps/redirects.csv")).find(",https://collab.example.com/spaces/"), std::string::npos);
    // convert takes the same options and rewrites to the same URLs.
    const auto converted = run_baton("convert --base-url https://collab.example.com --path-pattern "
                                     "'/spaces/{community}/{slug}'",
                                     dir.path().string());
    ASSERT_EQ(converted.exit_code, 0) << converted.err;
    EXPECT_NE(converted.out.find("rewritten to target URLs"), std::string::npos) << converted.out;
    // ... and writes the same redirect map on every run.
    EXPECT_EQ(read_file(dir.file("redirects/redirects.csv")), read_file(dir.file("maps/redirects.csv")));
}

}  // namespace baton::test

namespace baton::test {

TEST(LinkRewriting, ALoaderConvertsOneBodyWithItsLinksRewritten) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_wxr(workspace, source_file("samples/wordpress/acme-intranet.xml"));
    plan(workspace);
    convert::LinkIndex index(workspace.db(), query_int(workspace, "SELECT max(run_id) FROM plans"), collab());
    const auto item = query_int(workspace, "SELECT id FROM items WHERE key = 'post:15'");
    const auto body = convert::convert_body_for_target(
        index, item, "<p><a href=\"/hr-policies/employee-handbook/\">handbook</a> <a href=\"/nowhere/\">x</a></p>",
        "wordpress-html", *convert::find_writer("markdown"));
    ASSERT_TRUE(body);
    EXPECT_EQ(body->conversion.output, "[handbook](" + expected_url(workspace, "post:17") + ") [x](/nowhere/)\n");
    EXPECT_EQ(body->links.checked, 2);
    EXPECT_EQ(body->links.rewritten, 1);
    EXPECT_EQ(body->links.unresolved, std::vector<std::string>{"/nowhere/"});
    EXPECT_FALSE(convert::convert_body_for_target(index, item, "x", "dxl-richtext", *convert::find_writer("html")));
}

}  // namespace baton::test
