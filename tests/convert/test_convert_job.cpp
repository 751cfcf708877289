// The convert stage over a workspace and `baton convert` on the command line.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "convert/convert_job.hpp"
#include "core/error.hpp"
#include "support/test_support.hpp"

namespace baton::test {

namespace {

std::int64_t convert_run(workspace::Workspace& workspace, const std::string& to, convert::ConvertSummary& summary) {
    std::int64_t run = 0;
    workspace::recorded_run(workspace, "convert", "--to " + to, [&](std::int64_t run_id) {
        run = run_id;
        summary = convert::convert_workspace(workspace, run_id, *convert::find_writer(to), 0, {});
        return summary.failed > 0 ? workspace::RunOutcome::partial : workspace::RunOutcome::succeeded;
    });
    return run;
}

}  // namespace

TEST(ConvertJob, EveryWordPressAndMediaWikiBodyIsConverted) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_wxr(workspace, wxr_fixture("small-export.xml"));
    extract_source(workspace, "mediawiki", fixture("mediawiki-xml/dummy-template.xml"));
    const auto with_text = query_int(workspace,
                                     "SELECT count(*) FROM item_bodies b JOIN items i ON i.id = b.item_id "
                                     "WHERE i.removed_run IS NULL AND b.text <> '' AND b.format IN ('wordpress-html', 'wikitext')");
    ASSERT_GT(with_text, 0);
    convert::ConvertSummary summary;
    const auto run = convert_run(workspace, "html", summary);
    EXPECT_EQ(summary.converted, with_text);
    EXPECT_EQ(summary.failed, 0);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM converted_bodies WHERE format = 'html' AND run_id = " +
                                       std::to_string(run)),
              with_text);
    EXPECT_EQ(query_int(workspace, "SELECT sum(raw_nodes) FROM converted_bodies"), summary.raw_nodes);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM converted_bodies WHERE raw_nodes > 0"), summary.with_raw_nodes);
    // No script survives into any converted body.
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM converted_bodies WHERE lower(text) LIKE '%<script%' "
                                   "OR lower(text) LIKE '%javascript:%'"),
              0);
    EXPECT_EQ(query_text(workspace, "SELECT outcome FROM runs WHERE id = " + std::to_string(run)), "succeeded");

    // Bodies are read and written on several threads: each row is what converting its body alone gives.
    auto rows = workspace.db().prepare("SELECT b.text, b.format, c.text FROM converted_bodies c JOIN item_bodies b ON "
                                       "b.item_id = c.item_id WHERE c.format = 'html'");
    std::int64_t compared = 0;
    while (rows.step()) {
        const auto* reader = convert::find_reader_for_body_format(rows.column_text(1));
        ASSERT_NE(reader, nullptr);
        EXPECT_EQ(convert::convert_text(rows.column_text(0), *reader, *convert::find_writer("html")).output,
                  rows.column_text(2));
        ++compared;
    }
    EXPECT_EQ(compared, with_text);

    // A second conversion to the same format replaces the rows; another format adds its own.
    convert_run(workspace, "html", summary);
    convert_run(workspace, "markdown", summary);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM converted_bodies"), 2 * with_text);
}

TEST(ConvertJob, DokuWikiPagesAreConverted) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "dokuwiki", fixture("dokuwiki/data"));
    const auto pages = query_int(workspace, "SELECT count(*) FROM item_bodies b JOIN items i ON i.id = b.item_id "
                                            "WHERE i.removed_run IS NULL AND b.text <> '' AND b.format = 'dokuwiki'");
    ASSERT_GT(pages, 0);
    convert::ConvertSummary summary;
    convert_run(workspace, "html", summary);
    EXPECT_EQ(summary.converted, pages);
    EXPECT_TRUE(summary.without_reader.empty());
    // wiki:syntax is DokuWiki's own syntax page (PROVENANCE): its first heading is "Formatting Syntax".
    EXPECT_EQ(query_int(workspace, "SELECT instr(c.text, '<h1>Formatting Syntax</h1>') FROM converted_bodies c "
                                   "JOIN items i ON i.id = c.item_id WHERE i.key = 'page:wiki:syntax'"),
              1);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM converted_bodies WHERE lower(text) LIKE '%<script%'"), 0);

    // Internal links are checked against the pages of the source: wiki:dokuwiki links to pages that exist;
    // the syntax page's examples link to pages that do not, and each such body gets a warning.
    const auto links = [&](const std::string& key, const std::string& column) {
        return query_text(workspace, "SELECT coalesce(" + column + ", '') FROM converted_bodies c JOIN items i ON "
                                     "i.id = c.item_id WHERE i.key = '" + key + "'");
    };
    EXPECT_NE(links("page:wiki:dokuwiki", "internal_links"), "0");
    EXPECT_EQ(links("page:wiki:dokuwiki", "unresolved_links"), "");
    const std::string missing = links("page:wiki:syntax", "unresolved_links");
    EXPECT_NE(missing.find("playground:playground\n"), std::string::npos) << missing;
    EXPECT_NE(missing.find("nonexisting"), std::string::npos) << missing;
    EXPECT_EQ(missing.find(".png"), std::string::npos) << missing;  // media are files, not pages
    EXPECT_EQ(summary.with_unresolved_links,
              query_int(workspace, "SELECT count(*) FROM messages WHERE code = 'convert.unresolved-link'"));
    EXPECT_GT(summary.with_unresolved_links, 0);
}

TEST(ConvertJob, TemplatesAreCountedPerItem) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, "mediawiki", fixture("mediawiki-xml/dummy-template.xml"));
    convert::ConvertSummary summary;
    convert_run(workspace, "markdown", summary);
    ASSERT_GT(summary.converted, 0);
    // Every body with "{{" keeps its templates as raw nodes and names them.
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM converted_bodies c JOIN item_bodies b ON b.item_id = c.item_id "
                                   "WHERE b.text LIKE '%{{%' AND (c.raw_nodes = 0 OR c.raw_reasons NOT LIKE 'template %')"),
              0);
    EXPECT_EQ(query_text(workspace, "SELECT group_concat(raw_reasons, '|') FROM (SELECT c.raw_reasons FROM "
                                    "converted_bodies c JOIN items i ON i.id = c.item_id ORDER BY i.key)"),
              "template MsG:foo|template TEMPLATE:bar|template baz");
}

TEST(ConvertJob, AMalformedBodyIsReportedAndSkipped) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_wxr(workspace, wxr_fixture("small-export.xml"));
    const auto bodies = query_int(workspace, "SELECT count(*) FROM item_bodies WHERE text <> ''");
    const auto bad_item = query_int(workspace, "SELECT min(item_id) FROM item_bodies WHERE text <> ''");
    workspace.db().exec("UPDATE item_bodies SET text = 'ok ' || x'C328' || ' then more' WHERE item_id = " +
                        std::to_string(bad_item));
    convert::ConvertSummary summary;
    const auto run = convert_run(workspace, "html", summary);
    EXPECT_EQ(summary.failed, 1);
    EXPECT_EQ(summary.converted, bodies - 1);
    EXPECT_EQ(query_text(workspace, "SELECT outcome FROM runs WHERE id = " + std::to_string(run)), "partial");
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM messages WHERE code = 'convert.malformed-body' AND run_id = " +
                                       std::to_string(run) + " AND item_key = (SELECT key FROM items WHERE id = " +
                                       std::to_string(bad_item) + ") AND text LIKE '%invalid UTF-8 at byte 4%'"),
              1);
}

TEST(ConvertCli, OneDocumentFromAFileOrStdin) {
    TempDir dir;
    write_file(dir.file("page.wiki"), "== Hi ==\n'''bold''' {{Stub}}\n");
    const auto result = run_baton("convert --from mediawiki --to markdown page.wiki", dir.path());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "## Hi\n\n**bold** `{{Stub}}`\n");
    EXPECT_NE(result.err.find("template Stub"), std::string::npos) << result.err;
    // stdin (run_baton gives /dev/null as stdin, so the pipe is set up here)
    const std::string command = "cd '" + dir.path().string() + "' && '" + std::string(BATON_BINARY) +
                                "' convert --from html --to html < page.wiki > piped.html";
    ASSERT_EQ(std::system(command.c_str()), 0);
    EXPECT_EQ(read_file(dir.file("piped.html")), "<p>== Hi == &#39;&#39;&#39;bold&#39;&#39;&#39; {{Stub}}</p>\n");
    EXPECT_FALSE(std::filesystem::exists(dir.file("baton.db")));  // one document: no workspace
}

TEST(ConvertCli, BadInputAndUsage) {
    TempDir dir;
    write_file(dir.file("bad.html"), std::string("<p>caf\xE9</p>"));
    const auto bad = run_baton("convert --from html bad.html", dir.path());
    EXPECT_EQ(bad.exit_code, static_cast<int>(ExitCode::malformed_input));
    EXPECT_NE(bad.err.find("bad.html"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("invalid UTF-8 at byte 7"), std::string::npos) << bad.err;
    const auto to = run_baton("convert --from html --to pdf bad.html", dir.path());
    EXPECT_EQ(to.exit_code, static_cast<int>(ExitCode::usage));
    EXPECT_NE(to.err.find("html, markdown, tree"), std::string::npos) << to.err;
    EXPECT_EQ(run_baton("convert --from textile x", dir.path()).exit_code, static_cast<int>(ExitCode::usage));
    EXPECT_EQ(run_baton("convert --to html x.html", dir.path()).exit_code, static_cast<int>(ExitCode::usage));
}

TEST(ConvertCli, WorkspaceModeSummarises) {
    TempDir dir;
    {
        workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::create);
        extract_wxr(workspace, wxr_fixture("small-export.xml"));
    }
    const auto result = run_baton("convert --to markdown", dir.path());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_NE(result.out.find("convert (run 2, markdown): "), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("converted"), std::string::npos) << result.out;
    EXPECT_EQ(result.err, "");  // no progress line off a terminal
    const auto unknown = run_baton("convert --source 99", dir.path());
    EXPECT_EQ(unknown.exit_code, static_cast<int>(ExitCode::usage));
    EXPECT_NE(unknown.err.find("no source with id 99"), std::string::npos) << unknown.err;
}

}  // namespace baton::test

#include "convert/internal_links.hpp"

namespace baton::test {

TEST(InternalLinks, TargetsBecomeTitlesOrKeys) {
    using convert::dokuwiki_lookup;
    using convert::mediawiki_lookup;
    EXPECT_EQ(mediawiki_lookup("help_page#Top")->value, "Help page");
    EXPECT_EQ(mediawiki_lookup("Help:Contents")->value, "Help:Contents");
    EXPECT_FALSE(mediawiki_lookup("#Top"));
    EXPECT_FALSE(mediawiki_lookup("File:X.png"));
    EXPECT_EQ(dokuwiki_lookup("syntax", "page:wiki:dokuwiki")->value, "page:wiki:syntax");
    EXPECT_EQ(dokuwiki_lookup(":start", "page:wiki:x")->value, "page:start");
    EXPECT_EQ(dokuwiki_lookup("..:Other Page", "page:a:b:c")->value, "page:a:other_page");
    EXPECT_EQ(dokuwiki_lookup("ns:", "page:x")->value, "page:ns:start");
    EXPECT_EQ(dokuwiki_lookup("DokuWiki", "page:mailinglist")->value, "page:dokuwiki");
    EXPECT_FALSE(dokuwiki_lookup("#section", "page:x"));
}

}  // namespace baton::test
