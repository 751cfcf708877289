// Attachments into a real Redmine: DokuWiki media files (files of no item) into their project's Files, uploaded
// through /uploads.json tokens, once.
#include <gtest/gtest.h>

#include <filesystem>

#include "loaders/redmine/redmine_server.hpp"

namespace baton::test {

TEST(RedmineLoader, MediaFilesAreUploadedOnceIntoTheirProject) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    TempDir dir;
    for (const char* folder : {"data/pages/eng", "data/meta/eng", "data/media/eng"}) {
        std::filesystem::create_directories(dir.file(folder));
    }
    write_file(dir.file("data/pages/eng/home.txt"), "====== Engineering ======\nSee {{eng:flow.png}}\n");
    write_file(dir.file("data/meta/eng/home.changes"), "1700000000\t10.0.0.1\tC\teng:home\talice\tcreated\t\t50\n");
    const std::string png = std::string("\x89PNG\r\n\x1a\n", 8) + std::string(100, 'x');
    write_file(dir.file("data/media/eng/flow.png"), png);
    workspace::Workspace ws(dir.file("w.db"), workspace::Access::create);
    extract_source(ws, "dokuwiki", dir.file("data"));
    std::int64_t plan = 0;
    workspace::recorded_run(ws, "plan", "", [&](std::int64_t run) {
        plan = transform::plan_with_built_in_rules(ws, run).run_id;
        return workspace::RunOutcome::succeeded;
    });
    ws.db().exec("UPDATE plan_communities SET slug = slug || '-t8'");
    ws.db().exec("UPDATE people SET login = login || '_t8'");
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
    EXPECT_EQ(attachment->getValue<std::int64_t>("filesize"), static_cast<std::int64_t>(png.size()));
    EXPECT_EQ(query_text(ws, "SELECT target_id FROM id_map WHERE legacy_key LIKE '%#media:eng:flow.png'"),
              "attachment/" + std::to_string(files.at("flow.png")));

    // Again, and again without the id map: still one file.
    EXPECT_EQ(load_once().content.created, 0);
    ws.db().exec("DELETE FROM id_map");
    EXPECT_EQ(load_once().content.created, 0);
    EXPECT_EQ(probe.api().project_files(load::redmine::project_identifier(project)).size(), 1U);
}

}  // namespace baton::test
