// Internal links on the Redmine target: page texts link to the Redmine pages of the items they name (the links
// followed over HTTP on the real Redmine), unresolved links reported, and the redirect map to Redmine's URLs.
#include <gtest/gtest.h>

#include <filesystem>

#include "loaders/redmine/redmine_server.hpp"

namespace baton::test {
namespace {

// A WordPress export of four posts in one category: Alpha links to the two posts titled "Beta!" (by permalink and
// by ?p=, both written after Alpha), to a page that never existed and to another site; the second Beta links back.
// Gamma's body is made a format no reader knows below.
constexpr const char* links_export = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Links</title>
<link>https://intranet.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://intranet.example</wp:base_site_url>
<wp:base_blog_url>https://intranet.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>ann</wp:author_login><wp:author_email>ann@example.org</wp:author_email><wp:author_display_name>Ann Lee</wp:author_display_name></wp:author>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>guides</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>Guides</wp:cat_name></wp:category>
<item><title>Alpha</title><link>https://intranet.example/2024/01/alpha/</link><dc:creator>ann</dc:creator>
<content:encoded><![CDATA[See <a href="https://intranet.example/2024/01/beta/">the first beta</a>, <a href="/?p=3">the second beta</a>, <a href="https://intranet.example/2024/01/gone/">a gone page</a> and <a href="https://example.org/elsewhere">elsewhere</a>.]]></content:encoded>
<wp:post_id>1</wp:post_id><wp:post_date>2024-01-01 10:00:00</wp:post_date><wp:post_name>alpha</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="guides"><![CDATA[Guides]]></category></item>
<item><title>Beta!</title><link>https://intranet.example/2024/01/beta/</link><dc:creator>ann</dc:creator>
<content:encoded><![CDATA[The first beta text.]]></content:encoded>
<wp:post_id>2</wp:post_id><wp:post_date>2024-01-02 10:00:00</wp:post_date><wp:post_name>beta</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="guides"><![CDATA[Guides]]></category></item>
<item><title>Beta!</title><link>https://intranet.example/2024/01/beta-2/</link><dc:creator>ann</dc:creator>
<content:encoded><![CDATA[The second beta text, <a href="https://intranet.example/2024/01/alpha/">back to alpha</a>.]]></content:encoded>
<wp:post_id>3</wp:post_id><wp:post_date>2024-01-03 10:00:00</wp:post_date><wp:post_name>beta-2</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="guides"><![CDATA[Guides]]></category></item>
<item><title>Gamma</title><link>https://intranet.example/2024/01/gamma/</link><dc:creator>ann</dc:creator>
<content:encoded><![CDATA[Gamma <b>as exported</b>.]]></content:encoded>
<wp:post_id>4</wp:post_id><wp:post_date>2024-01-04 10:00:00</wp:post_date><wp:post_name>gamma</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="guides"><![CDATA[Guides]]></category></item>
</channel>
</rss>
)";

// Two MediaWiki pages: wiki links with a fragment, to a page that does not exist, and back.
constexpr const char* wiki_export = R"(<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">
  <siteinfo><sitename>Intranet</sitename><base>https://wiki.intranet.example/wiki/Main_Page</base>
    <namespaces><namespace key="0" case="first-letter" /></namespaces></siteinfo>
  <page><title>Leave policy</title><ns>0</ns><id>1</id><revision><id>11</id><timestamp>2024-01-01T00:00:00Z</timestamp>
    <contributor><username>Alice</username><id>1</id></contributor><text>See [[sick leave#Forms|sick leave]] and [[Parental leave]].</text></revision></page>
  <page><title>Sick leave</title><ns>0</ns><id>2</id><revision><id>12</id><timestamp>2024-01-02T00:00:00Z</timestamp>
    <contributor><username>Alice</username><id>1</id></contributor><text>Back to [[Leave policy]].</text></revision></page>
</mediawiki>)";

struct LinksWorkspace {
    explicit LinksWorkspace(const std::string& tag, bool with_wiki = false)
        : source(write_export()), ws(tag, source, with_wiki ? wiki_source() : Sources{}) {
        ws.planned.workspace.db().exec("UPDATE item_bodies SET format = 'notes-richtext' WHERE item_id = "
                                       "(SELECT id FROM items WHERE key = 'post:4')");
    }
    std::string write_export() {
        write_file(dir.file("links.xml"), links_export);
        return dir.file("links.xml");
    }
    using Sources = std::vector<std::pair<std::string, std::string>>;
    Sources wiki_source() {
        write_file(dir.file("wiki.xml"), wiki_export);
        return {{"mediawiki", dir.file("wiki.xml")}};
    }
    TempDir dir;
    std::string source;
    RedmineWorkspace ws;
};

std::string shell_quote(const std::string& value) { return "'" + value + "'"; }

// Logs into Redmine's web UI as `login` and GETs `url` as a browser would: "CODE\nBODY".
std::string browse(const std::string& login, const std::string& password, const std::string& url,
                   const TempDir& dir) {
    const std::string base = redmine_server().url;
    const std::string jar = shell_quote(dir.file("cookies"));
    const std::string script =
        "token=$(curl -s -c " + jar + " " + shell_quote(base + "/login") +
        " | sed -n 's/.*name=\"authenticity_token\" value=\"\\([^\"]*\\)\".*/\\1/p' | head -1) && "
        "curl -s -o /dev/null -b " + jar + " -c " + jar + " --data-urlencode \"authenticity_token=$token\" "
        "--data-urlencode " + shell_quote("username=" + login) + " --data-urlencode " +
        shell_quote("password=" + password) + " " + shell_quote(base + "/login") + " && "
        "curl -s -b " + jar + " -o " + shell_quote(dir.file("page.html")) + " -w '%{http_code}' " + shell_quote(url);
    const CommandResult result = run_command(script, dir.path().string());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return result.out + "\n" + read_file(dir.file("page.html"));
}

// An administrator with a password, to look at pages the way people will (the loader's projects are private).
void create_viewer(RedmineProbe& probe, const std::string& login, const std::string& password) {
    if (probe.api().user(login, {})) return;
    probe.write("POST", "/users.json",
                R"({"user": {"login": ")" + login + R"(", "firstname": "Link", "lastname": "Viewer", "mail": ")" + login +
                    R"(@example.org", "password": ")" + password + R"(", "admin": true, "must_change_passwd": false}})");
}

}  // namespace

TEST(RedmineLinks, PageTextsLinkToTheRedminePagesOfWhatTheyNameAndTheLinksWork) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    LinksWorkspace links("lk1");
    RedmineWorkspace& ws = links.ws;
    const load::LoadResult result = ws.load();
    EXPECT_EQ(result.content.created, 4);
    EXPECT_EQ(result.content.failed, 0);
    RedmineProbe probe(redmine_server().url);
    const std::string project = ws.identifier("guides");
    const std::string pages = redmine_server().url + "/projects/" + project + "/wiki/";
    // The two "Beta!" pages: the first keeps the title, the second gets its item key; '!' is %21 in a URL.
    const std::string beta_url = pages + "Beta%21";
    const std::string beta2_url = pages + "Beta%21_post-3";
    ASSERT_TRUE(probe.api().wiki_page(project, "Beta!"));
    ASSERT_TRUE(probe.api().wiki_page(project, "Beta!_post-3"));

    const auto alpha = probe.api().wiki_page(project, "Alpha");
    ASSERT_TRUE(alpha);
    // Markdown, each internal link at its page's Redmine URL, though both Betas were written after Alpha.
    EXPECT_NE(alpha->text.find("[the first beta](" + beta_url + ")"), std::string::npos) << alpha->text;
    EXPECT_NE(alpha->text.find("[the second beta](" + beta2_url + ")"), std::string::npos) << alpha->text;
    EXPECT_EQ(alpha->text.find("intranet.example/2024/01/beta"), std::string::npos) << alpha->text;
    EXPECT_EQ(alpha->text.find("<a "), std::string::npos) << alpha->text;
    // The external link is untouched; the gone page keeps its legacy URL (and is reported below).
    EXPECT_NE(alpha->text.find("[elsewhere](https://example.org/elsewhere)"), std::string::npos) << alpha->text;
    EXPECT_NE(alpha->text.find("(https://intranet.example/2024/01/gone/)"), std::string::npos) << alpha->text;
    const auto beta2 = probe.api().wiki_page(project, "Beta!_post-3");
    EXPECT_NE(beta2->text.find("[back to alpha](" + pages + "Alpha)"), std::string::npos) << beta2->text;

    // The links work: Redmine answers each URL with the page it names.
    create_viewer(probe, "viewer_lk1", "Links-viewer-2027");
    const std::string first = browse("viewer_lk1", "Links-viewer-2027", beta_url, links.dir);
    EXPECT_EQ(first.substr(0, 4), "200\n") << first.substr(0, 300);
    EXPECT_NE(first.find("The first beta text."), std::string::npos);
    EXPECT_EQ(first.find("The second beta text"), std::string::npos);
    const std::string second = browse("viewer_lk1", "Links-viewer-2027", beta2_url, links.dir);
    EXPECT_EQ(second.substr(0, 4), "200\n") << second.substr(0, 300);
    EXPECT_NE(second.find("The second beta text"), std::string::npos);
    // Rendered by Redmine, Alpha's page carries the links as hrefs.
    const std::string alpha_page = browse("viewer_lk1", "Links-viewer-2027", pages + "Alpha", links.dir);
    EXPECT_NE(alpha_page.find("href=\"" + beta2_url + "\""), std::string::npos);

    // The gone page is reported for the owner of Alpha's community; nothing else is.
    auto& workspace = ws.planned.workspace;
    const std::string run = std::to_string(ws.last_run);
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(item_key || ': ' || text, ' | ') FROM messages WHERE code = "
                                    "'load.unresolved-link' AND run_id = " + run),
              "post:1: post:1 links to 1 page not in Redmine: https://intranet.example/2024/01/gone/ (for the owner "
              "of community guides-lk1)");
    // Gamma's format has no reader: written as extracted, with a warning.
    EXPECT_EQ(load::redmine::normalised_text(probe.api().wiki_page(project, "Gamma")->text), "Gamma <b>as exported</b>.");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages WHERE code = 'body-not-converted' AND item_key = "
                                   "'post:4' AND severity = 'warning' AND run_id = " + run),
              1);

    // Loading again writes nothing: the converted texts hash as before.
    const std::int64_t alpha_version = alpha->version;
    const load::LoadResult again = ws.load();
    EXPECT_EQ(again.content.created, 0);
    EXPECT_EQ(again.content.updated, 0);
    EXPECT_EQ(again.content.unchanged, 4);
    EXPECT_EQ(probe.api().wiki_page(project, "Alpha")->version, alpha_version);
    // And with the id map lost, every page is still found and left as it is.
    workspace.db().exec("DELETE FROM id_map");
    const load::LoadResult without_map = ws.load();
    EXPECT_EQ(without_map.content.created, 0);
    EXPECT_EQ(without_map.content.updated, 0);
    EXPECT_EQ(probe.api().wiki_page(project, "Alpha")->version, alpha_version);
}

TEST(RedmineLinks, PublicBaseUrlAndTheRedirectMapOfALoad) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    LinksWorkspace links("lk2");
    RedmineWorkspace& ws = links.ws;
    const std::string project = ws.identifier("guides");
    const std::string workspace_file = ws.planned.workspace.db().path();
    const std::string folder = std::filesystem::path(workspace_file).parent_path().string();
    const std::string target = "redmine:" + redmine_server().url;

    // A dry run writes no map.
    const auto dry = run_baton("load --dry-run --workspace " + shell_quote(workspace_file) + " --target " +
                                   shell_quote(target),
                               folder);
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_FALSE(std::filesystem::exists(folder + "/redmine-redirects"));

    // Users reach Redmine through a public URL: links and the map point there.
    const std::string public_base = "https://redmine.example.com";
    const auto loaded = run_baton("load --workspace " + shell_quote(workspace_file) + " --target " +
                                      shell_quote(target) + " --base-url " + public_base,
                                  folder);
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    EXPECT_NE(loaded.out.find("content: 4 created"), std::string::npos) << loaded.out;
    EXPECT_NE(loaded.out.find("redirects: 8 legacy URLs of 4 items written to " + folder + "/redmine-redirects/"),
              std::string::npos)
        << loaded.out;
    RedmineProbe probe(redmine_server().url);
    const std::string public_pages = public_base + "/projects/" + project + "/wiki/";
    const auto alpha = probe.api().wiki_page(project, "Alpha");
    ASSERT_TRUE(alpha);
    EXPECT_NE(alpha->text.find("[the first beta](" + public_pages + "Beta%21)"), std::string::npos) << alpha->text;

    // The map: every legacy URL of every page to its Redmine page, the permalink and ?p= of both Betas apart.
    const std::string csv = read_file(folder + "/redmine-redirects/redirects.csv");
    EXPECT_NE(csv.find("https://intranet.example/2024/01/alpha/," + public_pages + "Alpha,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("https://intranet.example/?p=2," + public_pages + "Beta%21,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("https://intranet.example/2024/01/beta-2/," + public_pages + "Beta%21_post-3,"),
              std::string::npos)
        << csv;
    ASSERT_TRUE(std::filesystem::exists(folder + "/redmine-redirects/nginx.conf"));
    ASSERT_TRUE(std::filesystem::exists(folder + "/redmine-redirects/apache.conf"));

    // `baton redirects --target` writes the same map; without --base-url it points at the target's own URL.
    const auto redirects = run_baton("redirects --workspace " + shell_quote(workspace_file) + " --target " +
                                         shell_quote(target) + " --out again",
                                     folder);
    ASSERT_EQ(redirects.exit_code, 0) << redirects.err;
    const std::string pages = redmine_server().url + "/projects/" + project + "/wiki/";
    const std::string again = read_file(folder + "/again/redirects.csv");
    EXPECT_NE(again.find("https://intranet.example/2024/01/beta/," + pages + "Beta%21,"), std::string::npos) << again;
    std::string expected_again = csv;
    for (auto at = expected_again.find(public_base); at != std::string::npos;
         at = expected_again.find(public_base, at + 1)) {
        expected_again.replace(at, public_base.size(), redmine_server().url);
    }
    EXPECT_EQ(again, expected_again);

    // Real nginx and Apache send the legacy URLs to Redmine, and Redmine answers there with the page.
    write_file(folder + "/requests", "/2024/01/beta-2/\n/?p=2\n");
    for (const std::string server : {"nginx", "apache"}) {
        const std::string state = folder + "/check-" + server;
        const auto check = run_command("bash " + shell_quote(source_file("tests/servers/redirect-check.sh")) + " " +
                                           server + " " + shell_quote(folder + "/again/" + server + ".conf") + " " +
                                           shell_quote(state) + " " + shell_quote(folder + "/requests"),
                                       folder);
        ASSERT_EQ(check.exit_code, 0) << check.err;
        EXPECT_EQ(check.out, "301 " + pages + "Beta%21_post-3\n301 " + pages + "Beta%21\n") << server;
    }
    create_viewer(probe, "viewer_lk2", "Links-viewer-2027");
    const std::string page = browse("viewer_lk2", "Links-viewer-2027", pages + "Beta%21_post-3", links.dir);
    EXPECT_EQ(page.substr(0, 4), "200\n") << page.substr(0, 300);
    EXPECT_NE(page.find("The second beta text"), std::string::npos);

    // Loading again through the CLI writes nothing and the same map.
    const auto second = run_baton("load --workspace " + shell_quote(workspace_file) + " --target " +
                                      shell_quote(target) + " --base-url " + public_base,
                                  folder);
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("content: 0 created, 0 updated, 4 unchanged"), std::string::npos) << second.out;
    EXPECT_EQ(read_file(folder + "/redmine-redirects/redirects.csv"), csv);
}

}  // namespace baton::test

namespace baton::test {

TEST(RedmineLinks, WikiLinksAndASubsetLoadLinkToPagesWrittenLater) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    LinksWorkspace links("lk3", true);
    RedmineWorkspace& ws = links.ws;
    auto& workspace = ws.planned.workspace;
    const std::string wiki_slug = query_text(
        workspace, "SELECT pc.slug FROM items i JOIN sources s ON s.id = i.source_id AND s.kind = 'mediawiki' JOIN "
                   "plan_placements pp ON pp.item_id = i.id AND pp.plan_run = " + std::to_string(ws.planned.plan_run) +
                   " JOIN plan_communities pc ON pc.id = pp.community_id WHERE i.key = 'page:1'");
    ASSERT_FALSE(wiki_slug.empty());
    const std::string project = load::redmine::project_identifier(wiki_slug);
    const std::string pages = redmine_server().url + "/projects/" + project + "/wiki/";

    // Only "Leave policy" first: its links name pages no load has written yet, at the titles they will get.
    load::LoadOptions only;
    only.item_keys = {"page:1"};
    const load::LoadResult first = ws.load(only);
    EXPECT_EQ(first.content.created, 1);
    RedmineProbe probe(redmine_server().url);
    const auto leave = probe.api().wiki_page(project, "Leave_policy");
    ASSERT_TRUE(leave);
    EXPECT_FALSE(probe.api().wiki_page(project, "Sick_leave"));
    EXPECT_NE(leave->text.find("[sick leave](" + pages + "Sick_leave#Forms)"), std::string::npos) << leave->text;
    EXPECT_EQ(leave->text.find("[["), std::string::npos) << leave->text;
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(text, ' | ') FROM messages WHERE code = "
                                    "'load.unresolved-link' AND run_id = " + std::to_string(ws.last_run)),
              "page:1 links to 1 page not in Redmine: Parental leave (for the owner of community " + wiki_slug + ")");

    // The whole plan: "Sick leave" is written where the link points, links back, and "Leave policy" is unchanged.
    const load::LoadResult all = ws.load();
    EXPECT_EQ(all.content.failed, 0);
    const auto sick = probe.api().wiki_page(project, "Sick_leave");
    ASSERT_TRUE(sick);
    EXPECT_NE(sick->text.find("[Leave policy](" + pages + "Leave_policy)"), std::string::npos) << sick->text;
    EXPECT_EQ(probe.api().wiki_page(project, "Leave_policy")->version, leave->version);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM id_map WHERE object_kind = 'content' AND legacy_key LIKE "
                                   "'%#page:1' AND status = 'imported'"),
              1);
}

}  // namespace baton::test

namespace baton::test {
namespace {

// Two posts; Alpha's comment holds a script, an event handler, a javascript: link, a link to Beta by its permalink
// and one to a page that never existed.
constexpr const char* comment_links_export = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Comment links</title>
<link>https://intranet.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://intranet.example</wp:base_site_url>
<wp:base_blog_url>https://intranet.example</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>ann</wp:author_login><wp:author_email>ann@example.org</wp:author_email><wp:author_display_name>Ann Lee</wp:author_display_name></wp:author>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>guides</wp:category_nicename><wp:category_parent></wp:category_parent><wp:cat_name>Guides</wp:cat_name></wp:category>
<item><title>Alpha</title><link>https://intranet.example/2024/01/alpha/</link><dc:creator>ann</dc:creator>
<content:encoded><![CDATA[The alpha text.]]></content:encoded>
<wp:post_id>1</wp:post_id><wp:post_date>2024-01-01 10:00:00</wp:post_date><wp:post_name>alpha</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="guides"><![CDATA[Guides]]></category>
<wp:comment><wp:comment_id>7</wp:comment_id><wp:comment_author><![CDATA[Bob Ray]]></wp:comment_author><wp:comment_author_email>bob@example.org</wp:comment_author_email><wp:comment_date>2024-01-05 10:00:00</wp:comment_date><wp:comment_date_gmt>2024-01-05 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Thanks! <script>alert(1)</script><a href="https://example.org/x" onclick="steal()">click here</a> or <a href="javascript:alert(2)">run me</a>. See <a href="https://intranet.example/2024/01/beta/">the beta post</a> and <a href="https://intranet.example/2024/01/gone/">a gone one</a>.]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item>
<item><title>Beta</title><link>https://intranet.example/2024/01/beta/</link><dc:creator>ann</dc:creator>
<content:encoded><![CDATA[The beta text.]]></content:encoded>
<wp:post_id>2</wp:post_id><wp:post_date>2024-01-02 10:00:00</wp:post_date><wp:post_name>beta</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="guides"><![CDATA[Guides]]></category></item>
</channel>
</rss>
)xml";

}  // namespace

TEST(RedmineLinks, CommentsOnAPageAreMarkdownWithTheirLinksAtRedminePages) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    TempDir dir;
    write_file(dir.file("comments.xml"), comment_links_export);
    RedmineWorkspace ws("cm1", dir.file("comments.xml"));
    const load::LoadResult result = ws.load();
    EXPECT_EQ(result.content.created, 2);
    EXPECT_EQ(result.comments.created, 1);
    EXPECT_EQ(result.content.failed + result.comments.failed, 0);
    RedmineProbe probe(redmine_server().url);
    const std::string project = ws.identifier("guides");
    const std::string pages = redmine_server().url + "/projects/" + project + "/wiki/";
    ASSERT_TRUE(probe.api().wiki_page(project, "Beta"));
    const auto alpha = probe.api().wiki_page(project, "Alpha");
    ASSERT_TRUE(alpha);
    const auto comments = alpha->text.find("## Comments");
    ASSERT_NE(comments, std::string::npos) << alpha->text;
    const std::string comment = alpha->text.substr(comments);
    // The comment in Markdown: its link to Beta at Beta's Redmine page, nothing of the script left, the text kept.
    EXPECT_NE(comment.find("**Bob Ray cm1**"), std::string::npos) << comment;
    EXPECT_NE(comment.find("[the beta post](" + pages + "Beta)"), std::string::npos) << comment;
    EXPECT_EQ(comment.find("intranet.example/2024/01/beta/"), std::string::npos) << comment;
    EXPECT_NE(comment.find("[click here](https://example.org/x)"), std::string::npos) << comment;
    EXPECT_NE(comment.find("run me"), std::string::npos) << comment;
    for (const std::string gone : {"<script", "alert(", "onclick", "steal", "javascript:", "<a "}) {
        EXPECT_EQ(comment.find(gone), std::string::npos) << gone << " in " << comment;
    }
    // The gone page is reported for the comment, for the owner of its community; nothing else is.
    auto& workspace = ws.planned.workspace;
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(item_key || ': ' || text, ' | ') FROM messages WHERE code = "
                                    "'load.unresolved-link' AND run_id = " + std::to_string(ws.last_run)),
              "comment:7: comment:7 links to 1 page not in Redmine: https://intranet.example/2024/01/gone/ (for the "
              "owner of community guides-cm1)");

    // Loading again writes nothing: the page with its converted comment hashes as before.
    const load::LoadResult again = ws.load();
    EXPECT_EQ(again.content.created + again.content.updated, 0);
    EXPECT_EQ(again.content.unchanged, 2);
    EXPECT_EQ(again.comments.created + again.comments.updated, 0);
    EXPECT_EQ(again.comments.unchanged, 1);
    EXPECT_EQ(probe.api().wiki_page(project, "Alpha")->version, alpha->version);
}

}  // namespace baton::test
