// The real Redmine of the Redmine loader tests: started once per test binary, and helpers to look into it.
#include "loaders/redmine/redmine_server.hpp"

#include <cstdlib>
#include <filesystem>
#include <unistd.h>
#include <fstream>

namespace baton::test {
namespace {

RedmineServer g_server;

std::string shell_quote(const std::string& value) { return "'" + value + "'"; }

// Starts tests/servers/redmine-up.sh before the first test and stops it after the last.
class RedmineEnvironment : public ::testing::Environment {
public:
    void SetUp() override {
        g_server.state = (std::filesystem::temp_directory_path() / ("baton-redmine-" + std::to_string(getpid()))).string();
        const std::string log = g_server.state + ".log";
        const std::string command = "bash " + shell_quote(source_file("tests/servers/redmine-up.sh")) + " " +
                                    shell_quote(g_server.state) + " > " + shell_quote(log) + " 2>&1";
        const int status = std::system(command.c_str());
        g_server.log = read_file(log);
        std::filesystem::remove(log);
        if (status != 0) {
            g_server.log = "Redmine could not be started by tests/servers/redmine-up.sh (exit " + std::to_string(status) +
                           "):\n" + g_server.log;
            return;
        }
        std::ifstream env(g_server.state + "/redmine.env");
        for (std::string line; std::getline(env, line);) {
            if (line.rfind("REDMINE_URL=", 0) == 0) g_server.url = line.substr(12);
            if (line.rfind("REDMINE_API_KEY=", 0) == 0) setenv("BATON_REDMINE_API_KEY", line.substr(16).c_str(), 1);
        }
        g_server.up = !g_server.url.empty();
    }
    void TearDown() override {
        const std::string command = "bash " + shell_quote(source_file("tests/servers/redmine-up.sh")) + " " +
                                    shell_quote(g_server.state) + " down > /dev/null 2>&1";
        [[maybe_unused]] const int status = std::system(command.c_str());
        std::error_code error;
        std::filesystem::remove_all(g_server.state, error);
    }
};

[[maybe_unused]] const auto* const g_environment = ::testing::AddGlobalTestEnvironment(new RedmineEnvironment);

}  // namespace

const RedmineServer& redmine_server() { return g_server; }

std::string redmine_log() {
    const std::string instance = "baton-test-" + std::filesystem::path(g_server.state).filename().string();
    return read_file("/usr/share/redmine/instances/" + instance + "/log/production.log");
}

RedmineProbe::RedmineProbe(const std::string& url) {
    const char* key = std::getenv("BATON_REDMINE_API_KEY");
    m_client = std::make_unique<load::redmine::RedmineClient>(load::redmine::parse_endpoint(url), key ? key : "",
                                                              load::redmine::RetryPolicy{}, m_pacer, m_counters);
    m_api = std::make_unique<load::redmine::RedmineApi>(*m_client);
}

std::int64_t RedmineProbe::total(const std::string& path) {
    const auto answer = m_client->get_json(path);
    return answer ? answer->getValue<std::int64_t>("total_count") : -1;
}

RedmineWorkspace::RedmineWorkspace(const std::string& name) : tag(name), planned(wxr_fixture("small-export.xml")) {
    extract_source(planned.workspace, "mediawiki", fixture("mediawiki-xml/article-pear.xml"));
    planned.replan();
    tag_names();
}

RedmineWorkspace::RedmineWorkspace(const std::string& name, const std::string& wxr_path,
                                   const std::vector<std::pair<std::string, std::string>>& extra)
    : tag(name), planned(wxr_path) {
    for (const auto& [kind, path] : extra) extract_source(planned.workspace, kind, path);
    if (!extra.empty()) planned.replan();
    tag_names();
}

void RedmineWorkspace::tag_names() {
    auto& db = planned.workspace.db();
    db.exec("UPDATE plan_communities SET slug = slug || '-" + tag + "'");
    db.exec("UPDATE people SET login = login || '_" + tag + "', email = replace(email, '@', '_" + tag +
            "@'), display_name = display_name || ' " + tag + "'");
}

load::LoadResult RedmineWorkspace::load(const load::LoadOptions& options, const std::string& url) {
    load::LoadResult result;
    workspace::recorded_run(planned.workspace, "load", "", [&](std::int64_t run) {
        last_run = run;
        result = load::create_loader("redmine:" + (url.empty() ? redmine_server().url : url))
                     ->load(planned.workspace, planned.plan_run, run, options);
        return workspace::RunOutcome::succeeded;
    });
    return result;
}

load::RollbackResult RedmineWorkspace::roll_back(std::int64_t run) {
    load::RollbackResult result;
    workspace::recorded_run(planned.workspace, "rollback", "", [&](std::int64_t id) {
        result = load::create_loader("redmine:" + redmine_server().url)->rollback(planned.workspace, run, id);
        return workspace::RunOutcome::succeeded;
    });
    return result;
}

}  // namespace baton::test
