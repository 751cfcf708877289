// Attachments into a real Redmine: DokuWiki media files (files of no item) into their project's Files, uploaded
// through /uploads.json tokens, once.
#include <gtest/gtest.h>

#include <filesystem>

#include "loaders/redmine/redmine_server.hpp"

namespace baton::test {
namespace {

// A DokuWiki data folder in `dir` with one page and one media file, eng:flow.png, of `media_size` bytes (a PNG
// header, then filler), extracted and planned into `dir`/w.db with slugs and logins suffixed by `tag`. The plan run.
std::int64_t media_workspace(const TempDir& dir, const std::string& tag, std::size_t media_size) {
    for (const char* folder : {"data/pages/eng", "data/meta/eng", "data/media/eng"}) {
        std::filesystem::create_directories(dir.file(folder));
    }
    write_file(dir.file("data/pages/eng/home.txt"), "====== Engineering ======\nSee {{eng:flow.png}}\n");
    write_file(dir.file("data/meta/eng/home.changes"), "1700000000\t10.0.0.1\tC\teng:home\talice\tcreated\t\t50\n");
    const std::string header("\x89PNG\r\n\x1a\n", 8);
    write_file(dir.file("data/media/eng/flow.png"), header + std::string(media_size - header.size(), 'x'));
    workspace::Workspace ws(dir.file("w.db"), workspace::Access::create);
    extract_source(ws, "dokuwiki", dir.file("data"));
    std::int64_t plan = 0;
    workspace::recorded_run(ws, "plan", "", [&](std::int64_t run) {
        plan = transform::plan_with_built_in_rules(ws, run).run_id;
        return workspace::RunOutcome::succeeded;
    });
    ws.db().exec("UPDATE plan_communities SET slug = slug || '-" + tag + "'");
    ws.db().exec("UPDATE people SET login = login || '_" + tag + "'");
    return plan;
}

}  // namespace

TEST(RedmineLoader, MediaFilesAreUploadedOnceIntoTheirProject) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    TempDir dir;
    const std::int64_t plan = media_workspace(dir, "t8", 108);
    workspace::Workspace ws(dir.file("w.db"), workspace::Access::existing);
    const std::string project = query_text(ws, "SELECT c.slug FROM plan_placements pp JOIN plan_communities c ON c.id = "
                                               "pp.community_id JOIN items i ON i.id = pp.item_id WHERE i.kind = "
                                               "'attachment' AND pp.action = 'migrate'");
    ASSERT_FALSE(project.empty()) << "the plan does not migrate the media file";
    const auto load_once = [&] {
        load::LoadResult result;
        workspace::recorded_run(ws, "load", "", [&](std::int64_t run) {
            result = load::create_loader("redmine:" + redmine_server().url)->load(ws, plan, run, {});
            return workspace::RunOutcome::succeeded;
        });
        return result;
    };
    const load::LoadResult first = load_once();
    EXPECT_EQ(first.content.failed, 0);
    EXPECT_EQ(first.content.skipped, 0);
    RedmineProbe probe(redmine_server().url);
    const auto files = probe.api().project_files(load::redmine::project_identifier(project));
    ASSERT_EQ(files.count("flow.png"), 1U);
    const auto attachment = probe.get("/attachments/" + std::to_string(files.at("flow.png")) + ".json")->getObject("attachment");
    EXPECT_EQ(attachment->getValue<std::int64_t>("filesize"), 108);
    EXPECT_EQ(query_text(ws, "SELECT target_id FROM id_map WHERE legacy_key LIKE '%#media:eng:flow.png'"),
              "attachment/" + std::to_string(files.at("flow.png")));

    // Again, and again without the id map: still one file.
    EXPECT_EQ(load_once().content.created, 0);
    ws.db().exec("DELETE FROM id_map");
    EXPECT_EQ(load_once().content.created, 0);
    EXPECT_EQ(probe.api().project_files(load::redmine::project_identifier(project)).size(), 1U);
}

// Files are streamed to Redmine from disk: loading a 64 MiB file takes no more memory than loading a 108-byte one
// (the difference of the two loads' peak resident sets stays under half the file; read whole it would be more).
TEST(RedmineLoader, LargeFilesAreStreamedNotReadIntoMemory) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    constexpr std::size_t large = 64 * 1024 * 1024;
    std::int64_t peak_kib[2] = {0, 0};
    const std::size_t sizes[2] = {108, large};
    for (int i = 0; i < 2; ++i) {
        TempDir dir;
        const std::string tag = i == 0 ? "t9s" : "t9l";
        (void)media_workspace(dir, tag, sizes[i]);
        const auto load = run_baton_measured("load --no-progress --redirects '' --workspace w.db --target 'redmine:" +
                                                 redmine_server().url + "'",
                                             dir.path().string(), peak_kib[i]);
        ASSERT_EQ(load.exit_code, 0) << load.out << load.err;
        EXPECT_NE(load.out.find("content: 2 created"), std::string::npos) << load.out;
        RedmineProbe probe(redmine_server().url);
        workspace::Workspace ws(dir.file("w.db"), workspace::Access::existing);
        const std::string project = query_text(ws, "SELECT slug FROM plan_communities LIMIT 1");
        const auto files = probe.api().project_files(load::redmine::project_identifier(project));
        ASSERT_EQ(files.count("flow.png"), 1U) << project;
        const auto attachment = probe.get("/attachments/" + std::to_string(files.at("flow.png")) + ".json");
        EXPECT_EQ(attachment->getObject("attachment")->getValue<std::int64_t>("filesize"),
                  static_cast<std::int64_t>(sizes[i]));
    }
    ASSERT_GT(peak_kib[0], 0);
    EXPECT_LT(peak_kib[1] - peak_kib[0], static_cast<std::int64_t>(large / 1024 / 2))
        << "peak RSS " << peak_kib[0] << " KiB with the small file, " << peak_kib[1] << " KiB with the large one";
}

}  // namespace baton::test
