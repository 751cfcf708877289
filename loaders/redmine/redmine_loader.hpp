// The Redmine target (redmine:http://HOST:PORT): a live Redmine written through its REST API.
#pragma once

#include <memory>
#include <string>

#include "convert/links/link_index.hpp"
#include "loaders/loader.hpp"
#include "loaders/redmine/redmine_client.hpp"

namespace baton::load {

class RedmineLoader : public Loader {
public:
    explicit RedmineLoader(std::string url);
    LoadResult load(workspace::Workspace& workspace, std::int64_t plan_run, std::int64_t run_id,
                    const LoadOptions& options) override;
    RollbackResult rollback(workspace::Workspace& workspace, std::int64_t undone_run, std::int64_t run_id) override;
    VerifyResult verify(workspace::Workspace& workspace) override;

    // For tests and benchmarks: retry timing (defaults suit a real server).
    void set_retry_policy(const redmine::RetryPolicy& policy) { m_policy = policy; }
    // Requests, retries and throttled answers of the last load.
    [[nodiscard]] const redmine::TrafficCounters& traffic() const noexcept { return *m_traffic; }
    [[nodiscard]] const std::string& target() const noexcept { return m_target; }
    // Where the plan's items are in this Redmine, as a load gives them titles now: every page at
    // BASE/projects/IDENTIFIER/wiki/TITLE, BASE being `base_url` (users' public URL) or, when empty, the target's URL.
    [[nodiscard]] std::unique_ptr<convert::LinkIndex> link_index(workspace::Workspace& workspace, std::int64_t plan_run,
                                                                 const std::string& base_url) const;

private:
    std::string m_url;
    std::string m_target;
    redmine::Endpoint m_endpoint;
    redmine::RetryPolicy m_policy;
    std::unique_ptr<redmine::TrafficCounters> m_traffic = std::make_unique<redmine::TrafficCounters>();
};

[[nodiscard]] std::unique_ptr<Loader> create_redmine_loader(const std::string& location);

}  // namespace baton::load
