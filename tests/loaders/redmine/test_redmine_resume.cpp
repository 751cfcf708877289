// Killed Redmine loads: `baton load --target redmine:` killed with a real SIGKILL at 20 points and more, run again
// each time, must leave in Redmine exactly what one clean load leaves, nothing twice; rolled back, nothing at all.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "core/text.hpp"
#include "loaders/redmine/redmine_names.hpp"
#include "loaders/redmine/redmine_server.hpp"

namespace baton::test {
namespace {

std::string shell_quote(const std::string& value) { return "'" + value + "'"; }

// The folder to run baton in and the command line of a CLI load of `ws` into the test Redmine.
std::pair<std::string, std::string> cli_load(RedmineWorkspace& ws) {
    const std::string workspace_file = ws.planned.workspace.db().path();
    return {std::filesystem::path(workspace_file).parent_path().string(),
            "load --no-progress --redirects '' --workspace " + shell_quote(workspace_file) + " --target " +
                shell_quote("redmine:" + redmine_server().url)};
}

// Runs `command` in `folder` with the test hook that SIGKILLs baton at its `kill_after`th kill point.
CommandResult run_killed_after(int kill_after, const std::string& command, const std::string& folder) {
    ::setenv("BATON_TEST_KILL_AFTER", std::to_string(kill_after).c_str(), 1);
    CommandResult run = run_baton(command, folder);
    ::unsetenv("BATON_TEST_KILL_AFTER");
    return run;
}

// What Redmine holds for the plan of `ws`, with its tag written as TAG: per project its wiki pages (title, text,
// attachment names), its memberships (login and roles) and its issues (subject, assignee, due date), sorted.
std::string redmine_state(RedmineWorkspace& ws, RedmineProbe& probe) {
    std::set<std::string> lines;
    auto communities = ws.planned.workspace.db().prepare(
        "SELECT slug FROM plan_communities WHERE plan_run = ? ORDER BY slug");
    communities.bind(1, ws.planned.plan_run);
    while (communities.step()) {
        const std::string project = load::redmine::project_identifier(communities.column_text(0));  // tagged
        const auto index = probe.get("/projects/" + project + "/wiki/index.json");
        const auto pages = index ? index->getArray("wiki_pages") : nullptr;
        if (!pages) lines.insert("no wiki " + project);
        for (std::size_t i = 0; pages && i < pages->size(); ++i) {
            const std::string title = pages->getObject(static_cast<unsigned>(i))->getValue<std::string>("title");
            const auto page = probe.api().wiki_page(project, title);
            std::string line = "page " + project + " " + title + " " + (page ? page->text : "<gone>");
            if (page) {
                for (const auto& [name, id] : page->attachments) line += " [" + name + "]";
            }
            lines.insert(line);
        }
        const auto membership_list = probe.get("/projects/" + project + "/memberships.json?limit=100");
        const auto members = membership_list ? membership_list->getArray("memberships") : nullptr;
        if (!members) lines.insert("no memberships " + project);
        for (std::size_t i = 0; members && i < members->size(); ++i) {
            const auto member = members->getObject(static_cast<unsigned>(i));
            const auto user = member->getObject("user");
            std::string line = "member " + project + " " + (user ? user->getValue<std::string>("name") : "(group)");
            const auto roles = member->getArray("roles");
            for (std::size_t r = 0; r < roles->size(); ++r) {
                line += " " + roles->getObject(static_cast<unsigned>(r))->getValue<std::string>("name");
            }
            lines.insert(line);
        }
        const auto issue_list = probe.get("/issues.json?status_id=*&limit=100&project_id=" + project);
        const auto issues = issue_list ? issue_list->getArray("issues") : nullptr;
        if (!issues) lines.insert("no issues " + project);
        for (std::size_t i = 0; issues && i < issues->size(); ++i) {
            const auto issue = issues->getObject(static_cast<unsigned>(i));
            std::string line = "issue " + project + " " + issue->getValue<std::string>("subject");
            if (const auto assignee = issue->getObject("assigned_to")) {
                line += " -> " + assignee->getValue<std::string>("name");
            }
            if (issue->has("due_date") && !issue->isNull("due_date")) line += " by " + issue->getValue<std::string>("due_date");
            lines.insert(line);
        }
    }
    std::string state;
    for (auto line : lines) {
        for (auto at = line.find(ws.tag); at != std::string::npos; at = line.find(ws.tag, at + 3)) {
            line.replace(at, ws.tag.size(), "TAG");
        }
        state += line + "\n";
    }
    return state;
}

}  // namespace

TEST(RedmineResume, LoadKilledAtTwentyPointsEndsLikeOneCleanLoad) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    RedmineProbe probe(redmine_server().url);
    // The reference: one clean load of the same plan under another tag.
    RedmineWorkspace reference("rs1");
    const load::LoadResult clean = reference.load();
    ASSERT_EQ(clean.content.failed + clean.users.failed + clean.memberships.failed + clean.tasks.failed, 0);
    const std::string expected = redmine_state(reference, probe);
    ASSERT_NE(expected.find("page "), std::string::npos) << expected;
    ASSERT_NE(expected.find("issue "), std::string::npos);

    RedmineWorkspace ws("rs2");
    const std::string workspace_file = ws.planned.workspace.db().path();
    const auto [folder, load] = cli_load(ws);
    // Each run goes through every object again (those already there are found and left as they are), so killing
    // after 2, 5, 8 ... objects moves the kill point a little further through the load each time.
    int kills = 0;
    for (int kill_after = 2;; kill_after += 3) {
        const auto run = run_killed_after(kill_after, load, folder);
        if (run.exit_code == 0) break;  // the whole load fits before this kill point
        SCOPED_TRACE("killed after " + std::to_string(kill_after) + " objects");
        EXPECT_EQ(run.out, "") << run.err;  // killed before its summary
        ++kills;
        ASSERT_LT(kills, 200);
    }
    EXPECT_GE(kills, 20);
    const auto again = run_baton(load, folder);
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("content: 0 created, 0 updated"), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("tasks: 0 created, 0 updated"), std::string::npos) << again.out;
    EXPECT_EQ(redmine_state(ws, probe), expected);
    const auto verified = run_baton("verify --workspace " + shell_quote(workspace_file) + " --target " +
                                        shell_quote("redmine:" + redmine_server().url),
                                    folder);
    EXPECT_EQ(verified.exit_code, 0) << verified.out << verified.err;
    EXPECT_EQ(query_int(ws.planned.workspace, "SELECT count(*) FROM runs WHERE command = 'load' AND "
                                              "outcome = 'interrupted'"),
              kills);
}

// Every create is journalled before it is sent, so rolling back a load killed at any point (between a write and
// its record too) removes what it made: Redmine holds again what it held before, no user of the load is left.
TEST(RedmineResume, RollbackOfALoadKilledAnywhereRemovesWhatItCreated) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    RedmineProbe probe(redmine_server().url);
    RedmineWorkspace ws("rbk7");
    const auto [folder, load] = cli_load(ws);
    const std::string users = "/users.json?status=&limit=1&name=" + ws.tag;
    const std::string before = redmine_state(ws, probe);
    ASSERT_EQ(before.find("page "), std::string::npos) << before;
    ASSERT_EQ(probe.total(users), 0);
    int kills = 0;
    int killed_mid_create = 0;
    std::int64_t removed = 0;
    // After each rollback the next load starts on an empty Redmine, so kill point N lands on its Nth object.
    for (int kill_after = 1;; kill_after += 7) {
        const auto run = run_killed_after(kill_after, load, folder);
        if (run.exit_code == 0) break;
        SCOPED_TRACE("killed after " + std::to_string(kill_after) + " objects");
        ++kills;
        ASSERT_LT(kills, 100);
        const std::int64_t killed = query_int(ws.planned.workspace, "SELECT max(id) FROM runs WHERE command = 'load'");
        // A create in flight when the kill came was journalled ahead: its row has no target id yet.
        if (query_int(ws.planned.workspace, "SELECT count(*) FROM load_journal WHERE run_id = " +
                                                std::to_string(killed) + " AND target_id = ''") > 0) {
            ++killed_mid_create;
        }
        const load::RollbackResult undone = ws.roll_back(killed);
        EXPECT_EQ(undone.failed, 0);
        removed += undone.removed;
        EXPECT_EQ(redmine_state(ws, probe), before);
        EXPECT_EQ(probe.total(users), 0);
        EXPECT_EQ(query_int(ws.planned.workspace, "SELECT count(*) FROM id_map WHERE target LIKE 'redmine:%'"), 0);
    }
    EXPECT_GE(kills, 12);
    EXPECT_GE(killed_mid_create, kills / 2);
    EXPECT_GT(removed, kills);
}

// Updates are journalled before they are sent too: a delta load killed at any point and rolled back leaves Redmine
// as the load before it left it (page texts, issues), the update in flight included.
TEST(RedmineResume, RollbackOfADeltaLoadKilledAnywherePutsTheOldStateBack) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    RedmineProbe probe(redmine_server().url);
    RedmineWorkspace ws("rbk8");
    const auto [folder, load] = cli_load(ws);
    const auto first = run_baton(load, folder);
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string loaded = redmine_state(ws, probe);
    // Every page text and every task changes: the next load updates them.
    ws.planned.workspace.db().exec("UPDATE item_bodies SET text = text || ' Edited.'");
    ws.planned.workspace.db().exec("UPDATE plan_tasks SET title = title || ' (revised)'");
    int kills = 0;
    std::int64_t killed_with_updates = 0;
    // The first 20 or so kill points pass projects, users and memberships the delta leaves unchanged.
    for (int kill_after = 21;; kill_after += 5) {
        const auto run = run_killed_after(kill_after, load, folder);
        const std::int64_t last = query_int(ws.planned.workspace, "SELECT max(id) FROM runs WHERE command = 'load'");
        SCOPED_TRACE("killed after " + std::to_string(kill_after) + " objects");
        if (run.exit_code == 0) {
            EXPECT_NE(redmine_state(ws, probe), loaded);  // the whole delta load went through
            EXPECT_EQ(ws.roll_back(last).failed, 0);
            EXPECT_EQ(redmine_state(ws, probe), loaded);
            break;
        }
        ++kills;
        ASSERT_LT(kills, 100);
        killed_with_updates += query_int(ws.planned.workspace, "SELECT count(*) > 0 FROM load_journal WHERE run_id = " +
                                                                   std::to_string(last) + " AND action = 'updated'");
        const load::RollbackResult undone = ws.roll_back(last);
        EXPECT_EQ(undone.failed, 0);
        EXPECT_EQ(redmine_state(ws, probe), loaded);
    }
    EXPECT_GE(kills, 5);
    EXPECT_GE(killed_with_updates, 5);
}

}  // namespace baton::test
