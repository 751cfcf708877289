// `baton load` into the SQLite target: bodies as HTML with internal links at their target URLs, the redirect map.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/sqlite.hpp"
#include "loaders/sqlite/platform_schema.hpp"
#include "loaders/sqlite_load_test_support.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

// The target URL of an item, from the plan tables directly: base, path pattern, community slug, item slug
// (the item's own slug unless given, e.g. a wiki page's slugified title).
std::string expected_url(workspace::Workspace& workspace, const std::string& prefix, const std::string& key,
                         const std::string& slug = {}) {
    return prefix +
           query_text(workspace, "SELECT pc.slug FROM items i JOIN plan_placements pp ON pp.item_id = i.id JOIN "
                                 "plan_communities pc ON pc.id = pp.community_id WHERE i.key = '" + key +
                                 "' AND pp.plan_run = (SELECT max(run_id) FROM plans)") +
           "/" + (slug.empty() ? query_text(workspace, "SELECT slug FROM items WHERE key = '" + key + "'") : slug);
}

}  // namespace

TEST(SqliteLoadLinks, WordPressBodiesPointAtTheTargetAndTheRedirectMapIsWritten) {
    TempDir dir;
    const std::string sample = source_file("samples/wordpress/acme-intranet.xml");
    ASSERT_EQ(run_baton("extract 'wxr:" + sample + "'", dir.path().string()).exit_code, 0);
    ASSERT_EQ(run_baton("plan", dir.path().string()).exit_code, 0);
    const std::string options = "load --target sqlite:out/platform.db --base-url https://collab.example.com "
                                "--path-pattern '/spaces/{community}/{slug}'";
    std::filesystem::create_directories(dir.path() / "out");

    // A dry run writes no map.
    const auto dry = run_baton(options + " --dry-run", dir.path().string());
    ASSERT_EQ(dry.exit_code, 0) << dry.err;
    EXPECT_EQ(dry.out.find("redirects:"), std::string::npos) << dry.out;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "out" / "platform-redirects"));

    const auto first = run_baton(options, dir.path().string());
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("written to out/platform-redirects/redirects.csv"), std::string::npos) << first.out;

    const std::string platform = dir.file("out/platform.db");
    std::string handbook;
    {
        workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
        handbook = expected_url(workspace, "https://collab.example.com/spaces/", "post:17");
    }
    // post:15 (HR Policies) links to the handbook (post:17) by its WordPress permalink.
    const std::string body = platform_text(platform, "SELECT body FROM content WHERE legacy_key LIKE '%#post:15'");
    const std::string legacy = platform_text(platform, "SELECT legacy_body FROM content WHERE legacy_key LIKE '%#post:15'");
    EXPECT_NE(body.find("href=\"" + handbook + "\""), std::string::npos) << body;
    EXPECT_EQ(body.find("hr-policies/employee-handbook"), std::string::npos) << body;
    EXPECT_NE(legacy.find("hr-policies/employee-handbook"), std::string::npos) << legacy;
    EXPECT_EQ(platform_text(platform, "SELECT body_format || ' ' || legacy_body_format FROM content WHERE legacy_key "
                                      "LIKE '%#post:15'"),
              "html wordpress-html");
    // No stored body links into the old site any more (the export's host), except what could not be resolved.
    EXPECT_EQ(platform_int(platform, "SELECT count(*) FROM content WHERE body LIKE '%href=\"https://intranet.acme."
                                     "example/hr-policies/%'"),
              0);

    // The map lists every migrated item, the handbook's permalink among them.
    const std::string csv = read_file(dir.file("out/platform-redirects/redirects.csv"));
    EXPECT_NE(csv.find("https://intranet.acme.example/hr-policies/employee-handbook/," + handbook + ",1,post:17\n"),
              std::string::npos) << csv;
    {
        workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
        auto items = workspace.db().prepare(
            "SELECT i.key FROM plan_placements pp JOIN items i ON i.id = pp.item_id WHERE pp.action = 'migrate' AND "
            "i.kind NOT IN ('comment', 'pingback', 'trackback') AND pp.plan_run = (SELECT max(run_id) FROM plans)");
        std::int64_t listed = 0;
        while (items.step()) {
            ++listed;
            EXPECT_NE(csv.find(",1," + items.column_text(0) + "\n"), std::string::npos) << items.column_text(0);
        }
        EXPECT_GT(listed, 5);
    }
    for (const std::string file : {"nginx.conf", "apache.conf"}) {
        EXPECT_NE(read_file(dir.file("out/platform-redirects/" + file)).find(handbook), std::string::npos) << file;
    }

    // Loading again changes nothing: the converted bodies hash the same.
    const std::string hashes = platform_text(platform, "SELECT group_concat(content_hash, ',') FROM content");
    const auto second = run_baton(options, dir.path().string());
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("content: 0 created, 0 updated, "), std::string::npos) << second.out;
    EXPECT_EQ(platform_text(platform, "SELECT group_concat(content_hash, ',') FROM content"), hashes);
    EXPECT_EQ(platform_text(platform, "SELECT value FROM platform_meta WHERE key = 'schema_version'"),
              std::to_string(load::sqlite_target::platform_schema_version));
}

TEST(SqliteLoadLinks, MediaWikiLinksUseTheDefaultScheme) {
    TempDir dir;
    write_file(dir.file("wiki.xml"), R"(<mediawiki xmlns="http://www.mediawiki.org/xml/export-0.10/" version="0.10">
  <siteinfo><sitename>Intranet</sitename><base>https://wiki.acme.example/wiki/Main_Page</base>
    <namespaces><namespace key="0" case="first-letter" /></namespaces></siteinfo>
  <page><title>Leave policy</title><ns>0</ns><id>1</id><revision><id>11</id><timestamp>2024-01-01T00:00:00Z</timestamp>
    <contributor><username>Alice</username><id>1</id></contributor><text>See [[sick leave#Forms|sick leave]] and [https://wiki.acme.example/wiki/Sick_leave the same], not [[Parental leave]].</text></revision></page>
  <page><title>Sick leave</title><ns>0</ns><id>2</id><revision><id>12</id><timestamp>2024-01-02T00:00:00Z</timestamp>
    <contributor><username>Alice</username><id>1</id></contributor><text>Back to [[Leave policy]].</text></revision></page>
</mediawiki>)");
    ASSERT_EQ(run_baton("extract mediawiki:wiki.xml", dir.path().string()).exit_code, 0);
    ASSERT_EQ(run_baton("plan", dir.path().string()).exit_code, 0);
    const auto loaded = run_baton("load", dir.path().string());
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    std::string sick;
    std::string leave_policy;
    {
        workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
        sick = expected_url(workspace, "/c/", "page:2", "sick-leave");
        leave_policy = expected_url(workspace, "/c/", "page:1", "leave-policy");
        // The link to a page the wiki never had is left as it was and reported for the community's owner.
        EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages WHERE code = 'load.unresolved-link'"), 1);
        const std::string message = query_text(workspace, "SELECT item_key || ': ' || text FROM messages WHERE code = "
                                                          "'load.unresolved-link'");
        const std::string community = query_text(workspace, "SELECT slug FROM plan_communities LIMIT 1");
        EXPECT_NE(message.find("page:1"), std::string::npos) << message;
        EXPECT_NE(message.find("1 page not on the platform: Parental leave"), std::string::npos) << message;
        EXPECT_NE(message.find("(for the owner of community " + community + ")"), std::string::npos) << message;
    }
    ASSERT_NE(sick.find("/c/"), std::string::npos);
    const std::string platform = dir.file("platform.db");
    const std::string leave = platform_text(platform, "SELECT body FROM content WHERE legacy_key LIKE '%#page:1'");
    EXPECT_NE(leave.find("href=\"" + sick + "#Forms\""), std::string::npos) << leave;
    EXPECT_NE(leave.find("href=\"" + sick + "\""), std::string::npos) << leave;
    EXPECT_EQ(leave.find("wiki.acme.example"), std::string::npos) << leave;
    EXPECT_NE(platform_text(platform, "SELECT legacy_body FROM content WHERE legacy_key LIKE '%#page:1'").find(
                  "[[sick leave#Forms|sick leave]]"),
              std::string::npos);
    const std::string back = platform_text(platform, "SELECT body FROM content WHERE legacy_key LIKE '%#page:2'");
    EXPECT_NE(back.find("href=\"" + leave_policy + "\""), std::string::npos) << back;
    const std::string csv = read_file(dir.file("platform-redirects/redirects.csv"));
    EXPECT_NE(csv.find("https://wiki.acme.example/wiki/Sick_leave," + sick + ",1,page:2\n"), std::string::npos) << csv;
    EXPECT_NE(csv.find("https://wiki.acme.example/wiki/Leave_policy," + leave_policy + ",1,page:1\n"),
              std::string::npos) << csv;
}

}  // namespace baton::test

namespace baton::test {

TEST(SqliteLoadLinks, ATargetOfPlatformSchema2GainsTheLegacyBodyColumns) {
    TempDir dir;
    // The schema as version 2 had it: content without legacy_body_format and legacy_body.
    std::string schema_2(load::sqlite_target::platform_schema);
    for (const std::string& from : {std::string(",\n  legacy_body_format TEXT,\n  legacy_body TEXT);"),
                                    std::string("('schema_version', '") +
                                        std::to_string(load::sqlite_target::platform_schema_version) + "')"}) {
        const auto at = schema_2.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        schema_2.replace(at, from.size(), from.starts_with(",") ? ");" : "('schema_version', '2')");
    }
    {
        sql::Database db(dir.file("platform.db"), sql::OpenMode::create);
        db.exec(schema_2);
        ASSERT_EQ(db.query_int("SELECT count(*) FROM pragma_table_info('content') WHERE name LIKE 'legacy_body%'"), 0);
    }
    const std::string sample = source_file("samples/wordpress/acme-intranet.xml");
    ASSERT_EQ(run_baton("extract 'wxr:" + sample + "'", dir.path().string()).exit_code, 0);
    ASSERT_EQ(run_baton("plan", dir.path().string()).exit_code, 0);
    const auto loaded = run_baton("load", dir.path().string());
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    const std::string platform = dir.file("platform.db");
    EXPECT_EQ(platform_int(platform, "SELECT count(*) FROM pragma_table_info('content') WHERE name LIKE 'legacy_body%'"),
              2);
    EXPECT_EQ(platform_text(platform, "SELECT value FROM platform_meta WHERE key = 'schema_version'"),
              std::to_string(load::sqlite_target::platform_schema_version));
    EXPECT_GT(platform_int(platform, "SELECT count(*) FROM content WHERE legacy_body IS NOT NULL AND body_format = 'html'"),
              0);
}

}  // namespace baton::test

namespace baton::test {

// Lotus Notes rich text has no reader yet: such bodies reach the target as extracted, each with a warning that
// names its format, so nobody mistakes them for converted ones.
TEST(SqliteLoadLinks, BodiesNoReaderKnowsAreStoredAsExtractedAndReported) {
    TempDir dir;
    const std::string dxl = fixture("other/lotus-notes-dxl/test_100docs.xml");
    ASSERT_EQ(run_baton("extract dxl:" + dxl, dir.path().string()).exit_code, 0);
    ASSERT_EQ(run_baton("plan", dir.path().string()).exit_code, 0);
    const auto load = run_baton("load", dir.path().string());
    ASSERT_EQ(load.exit_code, 0) << load.err;
    const std::string platform = dir.file("platform.db");
    const std::int64_t unconverted = platform_int(
        platform, "SELECT count(*) FROM content WHERE body_format = 'dxl-richtext' AND body <> '' AND legacy_body IS NULL");
    EXPECT_GT(unconverted, 0);
    EXPECT_EQ(platform_int(platform, "SELECT count(*) FROM content WHERE body_format = 'html'"), 0);
    workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages WHERE code = 'body-not-converted' AND severity = "
                                   "'warning' AND text LIKE '%no reader knows its format \"dxl-richtext\"%'"),
              unconverted);
}

}  // namespace baton::test

namespace baton::test {
namespace {

// Every content and comment row of a target, with what baton wrote of it.
std::string target_bodies(const std::string& platform) {
    return platform_text(platform,
                         "SELECT group_concat(row, char(10)) FROM (SELECT legacy_key || ' ' || coalesce(body_format, '') "
                         "|| ' ' || body || ' ' || coalesce(legacy_body, '') || ' ' || content_hash AS row FROM content "
                         "UNION ALL SELECT legacy_key || ' ' || coalesce(body_format, '') || ' ' || body || ' ' || "
                         "coalesce(legacy_body, '') || ' ' || content_hash FROM comments ORDER BY 1)");
}

std::string workspace_messages(const std::string& workspace_file, const std::string& code) {
    workspace::Workspace workspace(workspace_file, workspace::Access::existing);
    return query_text(workspace, "SELECT group_concat(item_key || ': ' || text, char(10)) FROM (SELECT item_key, text "
                                 "FROM messages WHERE code = '" + code + "' ORDER BY item_key, text)");
}

}  // namespace

// A load after `baton convert --to html` reuses its HTML, re-pointing the links at this load's URLs, and the target
// gets exactly what a load converting every body itself writes; a body changed since, or HTML of another build's
// conversion, is converted by the load.
TEST(SqliteLoadLinks, BodiesFromBatonConvertAreReusedAndLoadTheSame) {
    TempDir reusing;
    TempDir converting;
    for (const TempDir* dir : {&reusing, &converting}) {
        const std::string folder = dir->path().string();
        ASSERT_EQ(run_baton("extract wxr:" + source_file("samples/wordpress/acme-intranet.xml"), folder).exit_code, 0);
        ASSERT_EQ(run_baton("extract mediawiki:" + fixture("mediawiki-xml/pair-0.10.xml"), folder).exit_code, 0);
        ASSERT_EQ(run_baton("plan", folder).exit_code, 0);
    }
    // Converted for another site: the load points the links at its own.
    const auto convert = run_baton("convert --to html --base-url https://old.example.org", reusing.path().string());
    ASSERT_EQ(convert.exit_code, 0) << convert.err;
    const std::string load = "load --base-url https://collab.example.com";
    const auto reused = run_baton(load, reusing.path().string());
    ASSERT_EQ(reused.exit_code, 0) << reused.err;
    const auto converted = run_baton(load, converting.path().string());
    ASSERT_EQ(converted.exit_code, 0) << converted.err;
    const std::int64_t bodies = platform_int(reusing.file("platform.db"),
                                             "SELECT (SELECT count(*) FROM content WHERE body_format = 'html') + "
                                             "(SELECT count(*) FROM comments WHERE body_format = 'html')");
    ASSERT_GT(bodies, 20);
    // `baton convert` leaves empty bodies out; the load writes them as empty HTML.
    const std::int64_t empty = platform_int(reusing.file("platform.db"),
                                            "SELECT (SELECT count(*) FROM content WHERE body = '') + "
                                            "(SELECT count(*) FROM comments WHERE body = '')");
    const std::int64_t stored = bodies - empty;
    const auto counted = [](std::int64_t reused_bodies, std::int64_t converted_bodies) {
        return "bodies: " + std::to_string(reused_bodies) + " reused from baton convert, " +
               std::to_string(converted_bodies) + " converted by this load";
    };
    EXPECT_NE(reused.out.find(counted(stored, empty)), std::string::npos) << reused.out;
    EXPECT_NE(converted.out.find(counted(0, bodies)), std::string::npos) << converted.out;
    const std::string expected = target_bodies(converting.file("platform.db"));
    EXPECT_NE(expected.find("href=\"https://collab.example.com/c/"), std::string::npos);
    EXPECT_EQ(expected.find("old.example.org"), std::string::npos);
    EXPECT_EQ(target_bodies(reusing.file("platform.db")), expected);
    EXPECT_EQ(workspace_messages(reusing.file("baton.db"), "load.unresolved-link"),
              workspace_messages(converting.file("baton.db"), "load.unresolved-link"));
    EXPECT_NE(workspace_messages(reusing.file("baton.db"), "load.unresolved-link"), "");

    // Nothing changed: reloads reuse every body and write nothing.
    const auto again = run_baton(load, reusing.path().string());
    EXPECT_NE(again.out.find("content: 0 created, 0 updated"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find(counted(stored, empty)), std::string::npos) << again.out;

    // One body changed after the conversion, one conversion from another build, one whose link marks no longer fit
    // its HTML: all three converted by the load (the third to what it was).
    {
        workspace::Workspace workspace(reusing.file("baton.db"), workspace::Access::existing);
        workspace.db().exec("UPDATE item_bodies SET text = text || ' <a href=\"/?p=17\">see the handbook</a>' WHERE "
                            "item_id = (SELECT id FROM items WHERE key = 'post:15')");
        ASSERT_EQ(workspace.db().changes(), 1);
        workspace.db().exec("UPDATE converted_bodies SET conversion_version = 'another build' WHERE item_id = (SELECT id "
                            "FROM items WHERE key = 'post:17')");
        ASSERT_EQ(workspace.db().changes(), 1);
        workspace.db().exec("UPDATE converted_bodies SET text = '' WHERE id = (SELECT c.id FROM converted_bodies c JOIN "
                            "items i ON i.id = c.item_id WHERE c.format = 'html' AND c.link_marks NOT LIKE '1|0|%' AND "
                            "i.key NOT IN ('post:15', 'post:17') LIMIT 1)");
        ASSERT_EQ(workspace.db().changes(), 1);
    }
    const auto changed = run_baton(load, reusing.path().string());
    ASSERT_EQ(changed.exit_code, 0) << changed.err;
    EXPECT_NE(changed.out.find(counted(stored - 3, empty + 3)), std::string::npos) << changed.out;
    EXPECT_NE(changed.out.find("content: 0 created, 1 updated"), std::string::npos) << changed.out;
    const std::string post = platform_text(reusing.file("platform.db"),
                                           "SELECT body FROM content WHERE legacy_key LIKE '%#post:15'");
    EXPECT_NE(post.find("see the handbook</a>"), std::string::npos) << post;
    EXPECT_NE(post.find("href=\"https://collab.example.com/c/"), std::string::npos) << post;
}

// The load reads and prepares bodies on a second connection on a thread of its own when the workspace is in WAL
// mode, on its own connection otherwise (a workspace still in its first bulk load): both load the same objects and
// bodies and report the same, whole plans and subsets alike (the subset's selection is built again on the second
// connection).
TEST(SqliteLoadLinks, BodiesReadOnASecondConnectionLoadTheSameAsOnOne) {
    PlannedWorkspace planned(source_file("samples/wordpress/acme-intranet.xml"));
    extract_source(planned.workspace, "mediawiki", fixture("mediawiki-xml/pair-0.10.xml"));  // unresolved links
    planned.replan();
    const auto messages = [&](std::int64_t run) {
        return query_text(planned.workspace, "SELECT group_concat(code || ' ' || item_key || ' ' || text, char(10)) "
                                             "FROM (SELECT * FROM messages WHERE run_id = " + std::to_string(run) +
                                             " ORDER BY id)");
    };
    load::LoadOptions subset;
    subset.limit = 4;
    struct Loaded {
        std::string objects, bodies, messages;
    };
    const auto load_into = [&](const std::string& name, const load::LoadOptions& options) {
        std::int64_t run = 0;
        const auto result = load_with(planned, planned.dir.file(name), options, &run);
        EXPECT_GT(result.bodies_converted, 0);
        return Loaded{target_objects(planned.dir.file(name)), target_bodies(planned.dir.file(name)), messages(run)};
    };
    ASSERT_FALSE(planned.workspace.db().in_wal_mode());
    const Loaded one = load_into("one-whole.db", {});
    const Loaded one_subset = load_into("one-subset.db", subset);
    planned.workspace.finish_bulk_load();
    ASSERT_TRUE(planned.workspace.db().in_wal_mode());
    const Loaded two = load_into("two-whole.db", {});
    const Loaded two_subset = load_into("two-subset.db", subset);

    EXPECT_NE(one.bodies.find("<p>"), std::string::npos) << one.bodies;
    EXPECT_NE(one.messages.find("load.unresolved-link"), std::string::npos) << one.messages;
    EXPECT_EQ(two.objects, one.objects);
    EXPECT_EQ(two.bodies, one.bodies);
    EXPECT_EQ(two.messages, one.messages);
    EXPECT_LT(one_subset.objects.size(), one.objects.size());
    EXPECT_EQ(two_subset.objects, one_subset.objects);
    EXPECT_EQ(two_subset.bodies, one_subset.bodies);
    EXPECT_EQ(two_subset.messages, one_subset.messages);
}

}  // namespace baton::test
