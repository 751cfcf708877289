// The Redmine target behind a fault-injecting proxy (429 + Retry-After, 503, dropped connections before and
// after Redmine did the work), at several connections at once; a failing item; the write-rate cap.
#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

#include "loaders/redmine/redmine_server.hpp"

namespace baton::test {
namespace {

// tests/servers/fault_proxy.py in front of the test Redmine, stopped with the object.
class FaultProxy {
public:
    explicit FaultProxy(int period) {
        const auto port = redmine_server().url.substr(redmine_server().url.rfind(':') + 1);
        const std::string command = "python3 '" + source_file("tests/servers/fault_proxy.py") + "' " + port + " '" +
                                    m_dir.file("port") + "' " + std::to_string(period) + " 1 > '" + m_dir.file("log") +
                                    "' 2>&1 & echo $! > '" + m_dir.file("pid") + "'";
        if (std::system(command.c_str()) != 0) return;
        for (int i = 0; i < 100 && !std::filesystem::exists(m_dir.file("port")); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (std::filesystem::exists(m_dir.file("port"))) url = "http://127.0.0.1:" + read_file(m_dir.file("port"));
    }
    ~FaultProxy() {
        const std::string pid = read_file(m_dir.file("pid"));
        if (!pid.empty()) ::kill(std::stoi(pid), SIGTERM);
    }
    FaultProxy(const FaultProxy&) = delete;
    FaultProxy& operator=(const FaultProxy&) = delete;
    std::string url;

private:
    TempDir m_dir;
};

load::LoadResult load_with(RedmineWorkspace& ws, load::RedmineLoader& loader, const load::LoadOptions& options) {
    load::LoadResult result;
    workspace::recorded_run(ws.planned.workspace, "load", "", [&](std::int64_t run) {
        ws.last_run = run;
        result = loader.load(ws.planned.workspace, ws.planned.plan_run, run, options);
        return workspace::RunOutcome::succeeded;
    });
    return result;
}

std::int64_t issues_in(RedmineProbe& probe, const std::string& project) {
    return probe.total("/issues.json?status_id=*&limit=1&project_id=" + project);
}

}  // namespace

TEST(RedmineLoaderFaults, ThrottledAndDroppedRequestsStillLoadEverythingOnce) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    FaultProxy proxy(17);
    ASSERT_FALSE(proxy.url.empty()) << "the fault proxy did not start";
    RedmineWorkspace ws("t5");
    // One person Redmine refuses (an address it does not accept): that user fails, the load goes on.
    ws.planned.workspace.db().exec("UPDATE people SET email = 'not an address' WHERE login = 'editor_t5'");
    load::RedmineLoader loader(proxy.url);
    loader.set_retry_policy({8, 0.05, 2, 60});
    load::LoadOptions options;
    options.concurrency = 4;
    const load::LoadResult result = load_with(ws, loader, options);
    EXPECT_GT(loader.traffic().throttled.load(), 0);
    EXPECT_GT(loader.traffic().retries.load(), 0);

    EXPECT_EQ(result.users.failed, 1);
    EXPECT_EQ(query_text(ws.planned.workspace, "SELECT status FROM id_map WHERE object_kind = 'user' AND legacy_key LIKE "
                                               "'%#login:editor'"),
              "failed");
    EXPECT_EQ(query_int(ws.planned.workspace, "SELECT count(*) FROM messages WHERE code = 'load.redmine-user-failed' AND "
                                              "text LIKE '%422%' AND run_id = " + std::to_string(ws.last_run)),
              1);
    EXPECT_EQ(result.content.failed + result.communities.failed + result.tasks.failed, 0);
    const std::string plan = std::to_string(ws.planned.plan_run);
    EXPECT_EQ(result.communities.created,
              query_int(ws.planned.workspace, "SELECT count(*) FROM plan_communities WHERE plan_run = " + plan));
    EXPECT_EQ(result.content.created, 12);
    // The editor's tasks have no assignee in Redmine: skipped, everything else loaded exactly once.
    const auto editor_tasks = query_int(ws.planned.workspace, "SELECT count(*) FROM plan_tasks t JOIN people p ON p.id = "
                                                              "t.person_id WHERE p.login = 'editor_t5' AND t.plan_run = " + plan);
    EXPECT_EQ(result.tasks.skipped, editor_tasks);
    EXPECT_EQ(result.tasks.created + editor_tasks,
              query_int(ws.planned.workspace, "SELECT count(*) FROM plan_tasks WHERE plan_run = " + plan));

    RedmineProbe probe(redmine_server().url);
    EXPECT_EQ(issues_in(probe, ws.identifier("uncategorized")),
              query_int(ws.planned.workspace, "SELECT count(*) FROM plan_tasks t JOIN plan_communities c ON c.id = "
                                              "t.community_id WHERE c.slug = 'uncategorized-t5' AND t.plan_run = " + plan));
    const auto pages = probe.get("/projects/" + ws.identifier("uncategorized") + "/wiki/index.json")->getArray("wiki_pages");
    EXPECT_EQ(pages->size(), 3U);  // three posts of Uncategorized
    EXPECT_EQ(probe.api().wiki_page(ws.identifier("main"), "Pear")->version, 3);

    // Through the proxy again, without faults making a difference: nothing is created twice.
    const load::LoadResult again = load_with(ws, loader, options);
    EXPECT_EQ(again.communities.created + again.content.created + again.tasks.created + again.memberships.created, 0);
    EXPECT_EQ(again.users.failed, 1);
}

TEST(RedmineLoaderFaults, RateCapSpacesTheWrites) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    RedmineWorkspace ws("t6");
    load::RedmineLoader loader(redmine_server().url);
    load::LoadOptions options;
    options.rate = 10;
    options.concurrency = 4;
    options.communities = {"foo-t6"};
    const auto start = std::chrono::steady_clock::now();
    const load::LoadResult result = load_with(ws, loader, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(result.communities.created, 1);
    const auto writes = loader.traffic().writes.load();
    ASSERT_GT(writes, 5);
    EXPECT_GE(seconds, static_cast<double>(writes - 1) / options.rate);
}

}  // namespace baton::test
