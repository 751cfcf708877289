// `baton load` into the SQLite target: comment bodies sanitised as content's, their links at the target's URLs.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/sqlite.hpp"
#include "loaders/sqlite/platform_schema.hpp"
#include "loaders/sqlite/platform_tables.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

// Two posts; Alpha has three comments: one with a script, an event handler, a javascript: link, a link to Beta by
// its permalink and one to a page that never existed; a reply linking to Beta by ?p=; and one made not UTF-8 below.
constexpr const char* comments_export = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Comments</title>
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
<wp:comment><wp:comment_id>8</wp:comment_id><wp:comment_author><![CDATA[Ann Lee]]></wp:comment_author><wp:comment_author_email>ann@example.org</wp:comment_author_email><wp:comment_date>2024-01-06 10:00:00</wp:comment_date><wp:comment_date_gmt>2024-01-06 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Agreed, and <a href="/?p=2">beta</a> again.]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>7</wp:comment_parent></wp:comment>
<wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_author><![CDATA[Bob Ray]]></wp:comment_author><wp:comment_author_email>bob@example.org</wp:comment_author_email><wp:comment_date>2024-01-07 10:00:00</wp:comment_date><wp:comment_date_gmt>2024-01-07 10:00:00</wp:comment_date_gmt>
<wp:comment_content><![CDATA[Cafe.]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type><wp:comment_parent>0</wp:comment_parent></wp:comment>
</item>
<item><title>Beta</title><link>https://intranet.example/2024/01/beta/</link><dc:creator>ann</dc:creator>
<content:encoded><![CDATA[The beta text.]]></content:encoded>
<wp:post_id>2</wp:post_id><wp:post_date>2024-01-02 10:00:00</wp:post_date><wp:post_name>beta</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<category domain="category" nicename="guides"><![CDATA[Guides]]></category></item>
</channel>
</rss>
)xml";

constexpr const char* script_comment_text =
    R"html(Thanks! <script>alert(1)</script><a href="https://example.org/x" onclick="steal()">click here</a> or <a href="javascript:alert(2)">run me</a>. See <a href="https://intranet.example/2024/01/beta/">the beta post</a> and <a href="https://intranet.example/2024/01/gone/">a gone one</a>.)html";

std::string comment_column(const std::string& platform, const std::string& column, const std::string& key) {
    return platform_text(platform, "SELECT coalesce(" + column + ", '<null>') FROM comments WHERE legacy_key LIKE '%#" +
                                       key + "'");
}

// Extracts and plans the export; comment 9's body becomes bytes that are not UTF-8 ("caf" and Latin-1 e-acute).
void extract_and_plan(TempDir& dir, const std::string& xml = comments_export) {
    write_file(dir.file("export.xml"), xml);
    ASSERT_EQ(run_baton("extract wxr:export.xml", dir.path().string()).exit_code, 0);
    ASSERT_EQ(run_baton("plan", dir.path().string()).exit_code, 0);
    workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
    workspace.db().exec("UPDATE item_bodies SET text = CAST(X'636166E9' AS TEXT) WHERE item_id = "
                        "(SELECT id FROM items WHERE key = 'comment:9')");
}

}  // namespace

TEST(SqliteLoadComments, CommentBodiesAreSanitisedAndLinkToTheTargetAndLoadAgainUnchanged) {
    TempDir dir;
    extract_and_plan(dir);
    const auto first = run_baton("load", dir.path().string());
    ASSERT_EQ(first.exit_code, 0) << first.err;
    EXPECT_NE(first.out.find("comments: 3 created"), std::string::npos) << first.out;
    const std::string platform = dir.file("platform.db");

    std::string beta_url;
    std::string community;
    {
        workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
        community = query_text(workspace, "SELECT pc.slug FROM items i JOIN plan_placements pp ON pp.item_id = i.id "
                                          "JOIN plan_communities pc ON pc.id = pp.community_id WHERE i.key = 'post:2'");
        // The default scheme: /c/COMMUNITY/SLUG.
        beta_url = "/c/" + community + "/beta";
        // The gone page is reported for the comment, for the owner of its community; nothing else is.
        EXPECT_EQ(query_text(workspace, "SELECT group_concat(item_key || ': ' || text, ' | ') FROM messages WHERE "
                                        "code = 'load.unresolved-link'"),
                  query_text(workspace, "SELECT key FROM sources") + "#comment:7: " +
                      query_text(workspace, "SELECT key FROM sources") +
                      "#comment:7 links to 1 page not on the platform: https://intranet.example/2024/01/gone/ (for "
                      "the owner of community " + community + ")");
        // The body that is not UTF-8 is stored as extracted, with a warning naming the comment.
        EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages WHERE code = 'body-not-converted' AND severity = "
                                       "'warning' AND item_key LIKE '%#comment:9'"),
                  1);
    }
    ASSERT_FALSE(community.empty());

    const std::string body = comment_column(platform, "body", "comment:7");
    // Nothing that runs is left, the text is.
    EXPECT_EQ(body.find("<script"), std::string::npos) << body;
    EXPECT_EQ(body.find("alert("), std::string::npos) << body;
    EXPECT_EQ(body.find("onclick"), std::string::npos) << body;
    EXPECT_EQ(body.find("steal"), std::string::npos) << body;
    EXPECT_EQ(body.find("javascript:"), std::string::npos) << body;
    for (const std::string text : {"Thanks!", "click here", "run me", "the beta post", "a gone one"}) {
        EXPECT_NE(body.find(text), std::string::npos) << text << " in " << body;
    }
    // The link to Beta points at Beta on the target; the external and the gone links stay.
    EXPECT_NE(body.find("href=\"" + beta_url + "\""), std::string::npos) << body;
    EXPECT_EQ(body.find("intranet.example/2024/01/beta/"), std::string::npos) << body;
    EXPECT_NE(body.find("href=\"https://example.org/x\""), std::string::npos) << body;
    EXPECT_NE(body.find("href=\"https://intranet.example/2024/01/gone/\""), std::string::npos) << body;
    EXPECT_EQ(comment_column(platform, "body_format || ' ' || legacy_body_format", "comment:7"),
              "html wordpress-html");
    EXPECT_EQ(comment_column(platform, "legacy_body", "comment:7"), script_comment_text);
    // The reply's ?p= link too.
    EXPECT_NE(comment_column(platform, "body", "comment:8").find("href=\"" + beta_url + "\""), std::string::npos)
        << comment_column(platform, "body", "comment:8");
    // Not UTF-8: as extracted, in its own format, no legacy copy.
    EXPECT_EQ(platform_text(platform, "SELECT hex(CAST(body AS BLOB)) || ' ' || body_format || ' ' || "
                                      "coalesce(legacy_body, '<null>') FROM comments WHERE legacy_key LIKE '%#comment:9'"),
              "636166E9 wordpress-html <null>");
    // No comment of the platform runs script.
    EXPECT_EQ(platform_int(platform, "SELECT count(*) FROM comments WHERE body LIKE '%<script%' OR body LIKE "
                                     "'%onclick%' OR body LIKE '%javascript:%'"),
              0);

    const auto clean = run_baton("verify", dir.path().string());
    EXPECT_EQ(clean.exit_code, 0) << clean.out;
    EXPECT_NE(clean.out.find("0 missing, 0 different, 0 unexpected"), std::string::npos) << clean.out;

    // Loading again changes nothing: the converted comments hash the same.
    const std::string hashes = platform_text(platform, "SELECT group_concat(content_hash, ',') FROM comments");
    const auto second = run_baton("load", dir.path().string());
    ASSERT_EQ(second.exit_code, 0) << second.err;
    EXPECT_NE(second.out.find("comments: 0 created, 0 updated, 3 unchanged"), std::string::npos) << second.out;
    EXPECT_EQ(platform_text(platform, "SELECT group_concat(content_hash, ',') FROM comments"), hashes);

    // A changed comment is written again, and rolling that load back restores the converted body and its legacy copy.
    std::string edited = comments_export;
    edited.replace(edited.find("Thanks! "), 8, "Thanks a lot! ");
    extract_and_plan(dir, edited);
    const auto delta = run_baton("load", dir.path().string());
    ASSERT_EQ(delta.exit_code, 0) << delta.err;
    EXPECT_NE(delta.out.find("comments: 0 created, 1 updated, 2 unchanged"), std::string::npos) << delta.out;
    EXPECT_NE(comment_column(platform, "body", "comment:7").find("Thanks a lot!"), std::string::npos);
    EXPECT_NE(comment_column(platform, "legacy_body", "comment:7").find("Thanks a lot! <script>"), std::string::npos);
    std::int64_t delta_run = 0;
    {
        workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
        delta_run = query_int(workspace, "SELECT max(id) FROM runs WHERE command = 'load'");
    }
    const auto undone = run_baton("rollback --run " + std::to_string(delta_run), dir.path().string());
    ASSERT_EQ(undone.exit_code, 0) << undone.err;
    EXPECT_EQ(comment_column(platform, "body", "comment:7"), body);
    EXPECT_EQ(comment_column(platform, "legacy_body", "comment:7"), script_comment_text);
    const auto after_rollback = run_baton("verify", dir.path().string());
    EXPECT_EQ(after_rollback.exit_code, 0) << after_rollback.out;
}

TEST(SqliteLoadComments, ATargetOfPlatformSchema3GainsTheCommentBodyColumns) {
    TempDir dir;
    // The schema as version 3 had it: comments without body_format, legacy_body_format and legacy_body.
    std::string schema_3(load::sqlite_target::platform_schema);
    const std::string comment_columns = "content_hash TEXT NOT NULL,\n  body_format TEXT,\n  legacy_body_format TEXT,\n"
                                        "  legacy_body TEXT);\nCREATE TABLE IF NOT EXISTS tasks(";
    const std::string version = std::string("('schema_version', '") +
                                std::to_string(load::sqlite_target::platform_schema_version) + "')";
    for (const auto& [from, to] : {std::pair{comment_columns, std::string("content_hash TEXT NOT NULL);\nCREATE TABLE "
                                                                          "IF NOT EXISTS tasks(")},
                                   std::pair{version, std::string("('schema_version', '3')")}}) {
        const auto at = schema_3.find(from);
        ASSERT_NE(at, std::string::npos) << from;
        schema_3.replace(at, from.size(), to);
    }
    {
        sql::Database db(dir.file("platform.db"), sql::OpenMode::create);
        db.exec(schema_3);
        ASSERT_EQ(db.query_int("SELECT count(*) FROM pragma_table_info('comments') WHERE name LIKE '%body_format' OR "
                               "name = 'legacy_body'"),
                  0);
        ASSERT_EQ(db.query_int("SELECT count(*) FROM pragma_table_info('content') WHERE name = 'legacy_body'"), 1);
    }
    extract_and_plan(dir);
    const auto loaded = run_baton("load", dir.path().string());
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    const std::string platform = dir.file("platform.db");
    EXPECT_EQ(platform_int(platform, "SELECT count(*) FROM pragma_table_info('comments') WHERE name IN "
                                     "('body_format', 'legacy_body_format', 'legacy_body')"),
              3);
    EXPECT_EQ(platform_text(platform, "SELECT value FROM platform_meta WHERE key = 'schema_version'"),
              std::to_string(load::sqlite_target::platform_schema_version));
    EXPECT_EQ(platform_int(platform, "SELECT count(*) FROM comments WHERE body_format = 'html' AND legacy_body "
                                     "IS NOT NULL"),
              2);
    EXPECT_EQ(run_baton("verify", dir.path().string()).exit_code, 0);
}

// A target an older baton loaded (schema 3, comments stored as extracted, hashed without the new columns): verify
// finds it clean, and the next load converts each comment once, as an update and not as a conflict.
TEST(SqliteLoadComments, CommentsStoredAsExtractedByAnOlderLoadAreConvertedOnceWithoutConflict) {
    TempDir dir;
    extract_and_plan(dir);
    ASSERT_EQ(run_baton("load", dir.path().string()).exit_code, 0);
    const std::string platform = dir.file("platform.db");
    {
        // The comment columns as schema 3 owned and hashed them: the first six.
        load::sqlite_target::PlatformTable schema_3_table = load::sqlite_target::platform_table("comment");
        ASSERT_EQ(schema_3_table.owned[5], "created_at");
        schema_3_table.owned.resize(6);
        sql::Database db(platform, sql::OpenMode::read_write);
        workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
        db.exec("UPDATE comments SET body = coalesce(legacy_body, body); ALTER TABLE comments DROP COLUMN body_format; "
                "ALTER TABLE comments DROP COLUMN legacy_body_format; ALTER TABLE comments DROP COLUMN legacy_body; "
                "UPDATE platform_meta SET value = '3' WHERE key = 'schema_version'");
        auto rows = db.prepare("SELECT id, legacy_key, content_id, author_id, reply_to_legacy_key, body, status, "
                               "created_at FROM comments");
        auto rehash = db.prepare("UPDATE comments SET content_hash = ? WHERE id = ?");
        auto remap = workspace.db().prepare("UPDATE id_map SET content_hash = ?1, target_hash = ?1 WHERE object_kind = "
                                            "'comment' AND legacy_key = ?2");
        std::int64_t rewritten = 0;
        while (rows.step()) {
            load::sqlite_target::Values values;
            for (int i = 2; i < 8; ++i) values.push_back(load::sqlite_target::column_value(rows, i));
            const std::string hash = load::sqlite_target::hash_of(schema_3_table, values);
            rehash.bind(1, hash).bind(2, rows.column_int(0)).run();
            remap.bind(1, hash).bind(2, rows.column_text(1)).run();
            rewritten += workspace.db().changes();
        }
        ASSERT_EQ(rewritten, 3);
    }
    ASSERT_NE(platform_text(platform, "SELECT body FROM comments WHERE legacy_key LIKE '%#comment:7'").find("<script>"),
              std::string::npos);
    const auto old_verified = run_baton("verify", dir.path().string());
    EXPECT_EQ(old_verified.exit_code, 0) << old_verified.out;
    EXPECT_EQ(platform_int(platform, "SELECT count(*) FROM pragma_table_info('comments') WHERE name = 'legacy_body'"),
              0);  // verify looked without changing the file

    const auto loaded = run_baton("load", dir.path().string());
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    EXPECT_NE(loaded.out.find("comments: 0 created, 3 updated, 0 unchanged"), std::string::npos) << loaded.out;
    EXPECT_EQ(loaded.out.find("conflict"), std::string::npos) << loaded.out;
    const std::string body = comment_column(platform, "body", "comment:7");
    EXPECT_EQ(body.find("<script"), std::string::npos) << body;
    EXPECT_NE(body.find("the beta post"), std::string::npos) << body;
    EXPECT_EQ(comment_column(platform, "legacy_body", "comment:7"), script_comment_text);
    const auto verified = run_baton("verify", dir.path().string());
    EXPECT_EQ(verified.exit_code, 0) << verified.out;
    EXPECT_NE(run_baton("load", dir.path().string()).out.find("comments: 0 created, 0 updated, 3 unchanged"),
              std::string::npos);
}

}  // namespace baton::test
