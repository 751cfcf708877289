// The real Redmine of the Redmine loader tests: started once per test binary, and helpers to look into it.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "loaders/loader.hpp"
#include "loaders/redmine/redmine_api.hpp"
#include "loaders/redmine/redmine_loader.hpp"
#include "loaders/loader_test_support.hpp"
#include "loaders/redmine/redmine_names.hpp"

namespace baton::test {

struct RedmineServer {
    bool up = false;
    std::string url;      // http://127.0.0.1:PORT
    std::string log;      // why it is not up
    std::string state;    // its state folder
};

// What Redmine logged so far (its production.log): the tests look for mails it would have delivered.
[[nodiscard]] std::string redmine_log();

// The server the gtest Environment started (tests ASSERT_TRUE(redmine_server().up) << log).
[[nodiscard]] const RedmineServer& redmine_server();

// A Redmine API client of the admin, for the tests' own look into Redmine.
class RedmineProbe {
public:
    explicit RedmineProbe(const std::string& url);
    [[nodiscard]] load::redmine::RedmineApi& api() { return *m_api; }
    [[nodiscard]] std::int64_t total(const std::string& path);  // total_count of a list
    [[nodiscard]] Poco::JSON::Object::Ptr get(const std::string& path) { return m_client->get_json(path); }
    void write(const std::string& method, const std::string& path, const std::string& json) {
        m_client->write(method, path, json);
    }

private:
    load::redmine::WritePacer m_pacer{0};
    load::redmine::TrafficCounters m_counters;
    std::unique_ptr<load::redmine::RedmineClient> m_client;
    std::unique_ptr<load::redmine::RedmineApi> m_api;
};

// A planned workspace of small-export.xml (WordPress: posts, pages, a comment, three authors) and
// article-pear.xml (MediaWiki: one page, four revisions with their texts), with slugs, logins, addresses and
// names suffixed by `tag` so that tests sharing one Redmine do not meet each other's objects.
struct RedmineWorkspace {
    explicit RedmineWorkspace(const std::string& tag);
    // The same, planned from the WordPress export `wxr_path` and the `extra` sources (kind, path).
    RedmineWorkspace(const std::string& tag, const std::string& wxr_path,
                     const std::vector<std::pair<std::string, std::string>>& extra = {});
    load::LoadResult load(const load::LoadOptions& options = {}, const std::string& url = {});
    // Rolls load run `run` back, as `baton rollback --run RUN` does.
    load::RollbackResult roll_back(std::int64_t run);
    std::int64_t last_run = 0;
    std::string tag;
    PlannedWorkspace planned;
    std::string identifier(const std::string& plan_slug) const { return plan_slug + "-" + tag; }

private:
    void tag_names();  // suffixes slugs, logins, addresses and names with the tag
};

}  // namespace baton::test
