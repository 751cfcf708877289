// Items/s loading a generated WordPress export into a real Redmine at 1, 2, 4 and 8 connections, next to the
// floor measured in the same run: bare wiki-page PUTs over the same number of connections.
//   redmine_bench REDMINE_URL PLANNED_WORKSPACE WORK_DIR   (the API key in BATON_REDMINE_API_KEY)
#include <chrono>
#include <ctime>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

#include "loaders/redmine/api_key.hpp"
#include "loaders/redmine/redmine_api.hpp"
#include "loaders/redmine/redmine_loader.hpp"
#include "workspace/workspace.hpp"

namespace {

using namespace baton;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The floor: `count` PUTs of new wiki pages into one project over `connections` connections.
double bare_puts_per_second(const std::string& url, int connections, int count, const std::string& project) {
    load::redmine::WritePacer pacer(0);
    load::redmine::TrafficCounters counters;
    const auto endpoint = load::redmine::parse_endpoint(url);
    const std::string key = load::redmine::api_key_from_environment();
    load::redmine::RedmineClient setup(endpoint, key, {}, pacer, counters);
    load::redmine::RedmineApi(setup).create_project({0, project, project, ""});
    const auto start = Clock::now();
    std::vector<std::jthread> threads;
    for (int c = 0; c < connections; ++c) {
        threads.emplace_back([&, c] {
            load::redmine::RedmineClient client(endpoint, key, {}, pacer, counters);
            load::redmine::RedmineApi api(client);
            for (int i = c; i < count; i += connections) {
                api.put_wiki_page(project, "Page_" + std::to_string(i), "Some text of page " + std::to_string(i), "", "");
            }
        });
    }
    threads.clear();
    return count / seconds_since(start);
}

std::int64_t written(const load::LoadCounts& counts) { return counts.created + counts.updated; }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: redmine_bench REDMINE_URL PLANNED_WORKSPACE WORK_DIR\n";
        return 2;
    }
    const std::string url = argv[1];
    const std::filesystem::path work = argv[3];
    std::filesystem::create_directories(work);
    std::printf("%-12s %8s %9s %10s %10s %12s %14s\n", "connections", "objects", "requests", "seconds", "objects/s",
                "pages/s", "bare PUTs/s");
    for (const int connections : {1, 2, 4, 8}) {
        // Each round loads a copy of the workspace whose communities and people carry a suffix: all new objects.
        const std::string tag = "b" + std::to_string(connections) + "x" + std::to_string(std::time(nullptr) % 100000);
        const std::string copy = (work / ("w-" + tag + ".db")).string();
        std::filesystem::copy_file(argv[2], copy, std::filesystem::copy_options::overwrite_existing);
        workspace::Workspace ws(copy, workspace::Access::existing);
        ws.db().exec("UPDATE plan_communities SET slug = slug || '-" + tag + "'");
        ws.db().exec("UPDATE people SET login = login || '_" + tag + "', email = replace(email, '@', '_" + tag +
                     "@'), display_name = display_name || ' " + tag + "'");
        const std::int64_t plan = ws.db().query_int("SELECT max(run_id) FROM plans");
        load::RedmineLoader loader(url);
        load::LoadOptions options;
        options.concurrency = connections;
        load::LoadResult result;
        const auto start = Clock::now();
        workspace::recorded_run(ws, "load", "", [&](std::int64_t run) {
            result = loader.load(ws, plan, run, options);
            return workspace::RunOutcome::succeeded;
        });
        const double elapsed = seconds_since(start);
        const std::int64_t objects = written(result.communities) + written(result.users) +
                                     written(result.memberships) + written(result.content) + written(result.tasks);
        const double floor = bare_puts_per_second(url, connections, 200, "bare-" + tag);
        std::printf("%-12d %8lld %9lld %10.1f %10.1f %12.1f %14.1f\n", connections, static_cast<long long>(objects),
                    static_cast<long long>(loader.traffic().requests.load()), elapsed,
                    static_cast<double>(objects) / elapsed, static_cast<double>(written(result.content)) / elapsed,
                    floor);
        std::fflush(stdout);
    }
    return 0;
}
