// The Redmine target (redmine:http://HOST:PORT): a live Redmine written through its REST API.
#include "loaders/redmine/redmine_loader.hpp"

#include "core/error.hpp"
#include "loaders/redmine/api_key.hpp"
#include "loaders/redmine/load_session.hpp"
#include "loaders/redmine/page_titles.hpp"

namespace baton::load {

RedmineLoader::RedmineLoader(std::string url) : m_url(std::move(url)), m_endpoint(redmine::parse_endpoint(m_url)) {
    while (!m_url.empty() && m_url.back() == '/') m_url.pop_back();
    m_target = "redmine:" + m_url;
}

LoadResult RedmineLoader::load(workspace::Workspace& workspace, std::int64_t plan_run, std::int64_t run_id,
                               const LoadOptions& options) {
    LoadResult result;
    result.target = m_target;
    m_traffic = std::make_unique<redmine::TrafficCounters>();
    redmine::WritePacer pacer(options.rate);
    redmine::ParallelWrites writes(m_endpoint, redmine::api_key_from_environment(), m_policy, options.concurrency,
                                   pacer, *m_traffic);
    redmine::LoadRecords records(workspace, m_target, run_id);
    LoadOptions session_options = options;
    if (session_options.base_url.empty()) session_options.base_url = m_url;  // links point at Redmine itself
    try {
        redmine::LoadSession(workspace, plan_run, session_options, records, writes).run(result);
    } catch (const redmine::TransientError& error) {
        throw TargetError(m_target + ": " + error.what(), "is Redmine running and reachable?");
    } catch (const redmine::RefusedError& error) {
        throw TargetError(m_target + ": " + error.what(), "the API key must be an administrator's, with REST enabled");
    }
    return result;
}

std::unique_ptr<convert::LinkIndex> RedmineLoader::link_index(workspace::Workspace& workspace, std::int64_t plan_run,
                                                              const std::string& base_url) const {
    redmine::assign_page_titles(workspace.db(), plan_run, m_target, base_url.empty() ? m_url : base_url);
    return std::make_unique<convert::LinkIndex>(workspace.db(), plan_run, redmine::redmine_scheme(workspace.db()));
}

std::unique_ptr<Loader> create_redmine_loader(const std::string& location) {
    return std::make_unique<RedmineLoader>(location);
}

}  // namespace baton::load
