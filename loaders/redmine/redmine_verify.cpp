// Verify on Redmine: reads every object of the id map back and compares it with the hash recorded after writing.
#include <set>

#include "core/text.hpp"
#include "loaders/redmine/api_key.hpp"
#include "loaders/redmine/parallel_writes.hpp"
#include "loaders/redmine/redmine_api.hpp"
#include "loaders/redmine/redmine_loader.hpp"
#include "loaders/redmine/redmine_names.hpp"

namespace baton::load {
namespace {

using redmine::RedmineApi;

std::int64_t number(const std::string& value) { return text::parse_int(value).value_or(0); }

// The hash of the object as Redmine holds it now; nullopt when it is gone.
std::optional<std::string> read_back(RedmineApi& api, const std::string& kind, const std::string& target_id) {
    if (kind == "community") {
        const auto project = api.project(target_id);
        return project ? std::optional(project->hash()) : std::nullopt;
    }
    if (kind == "user") {
        const auto user = api.user_by_id(number(target_id));
        return user ? std::optional(user->hash()) : std::nullopt;
    }
    if (kind == "membership") {
        const auto membership = api.membership_by_id(number(target_id));
        return membership ? std::optional(membership->hash()) : std::nullopt;
    }
    if (kind == "task") {
        const auto issue = api.issue_by_id(number(target_id));
        return issue ? std::optional(issue->hash()) : std::nullopt;
    }
    if (target_id.rfind("attachment/", 0) == 0) return api.attachment_filename(number(target_id.substr(11)));
    const auto slash = target_id.find('/');  // content and comments: the page
    if (slash == std::string::npos) return std::nullopt;
    const auto page = api.wiki_page(target_id.substr(0, slash), target_id.substr(slash + 1));
    return page ? std::optional(page->hash()) : std::nullopt;
}

}  // namespace

VerifyResult RedmineLoader::verify(workspace::Workspace& workspace) {
    VerifyResult result;
    result.target = m_target;
    redmine::WritePacer pacer(0);
    redmine::ParallelWrites connection(m_endpoint, redmine::api_key_from_environment(), m_policy, 1, pacer, *m_traffic);
    RedmineApi& api = connection.main_api();
    auto select = workspace.db().prepare(
        "SELECT object_kind, legacy_key, target_id, coalesce(target_hash, '') FROM id_map "
        "WHERE target = ? AND status IN ('imported', 'needs-update') ORDER BY object_kind, legacy_key");
    select.bind(1, m_target);
    std::set<std::string> task_markers;
    std::set<std::string> projects;
    while (select.step()) {
        const std::string kind = select.column_text(0);
        const std::string legacy_key = select.column_text(1);
        const std::string target_id = select.column_text(2);
        if (kind == "task") task_markers.insert(redmine::issue_marker(legacy_key));
        if (kind == "community") projects.insert(target_id);
        ++result.checked;
        const auto hash = read_back(api, kind, target_id);
        if (!hash) {
            ++result.missing;
            result.differences.push_back("missing " + kind + " " + legacy_key + " (" + target_id + ")");
        } else if (!select.column_text(3).empty() && *hash != select.column_text(3)) {
            ++result.different;
            result.differences.push_back("different " + kind + " " + legacy_key + " (" + target_id +
                                         "): changed in Redmine since baton wrote it");
        }
    }
    // Issues of this workspace's projects that carry a legacy marker no id-map row knows.
    for (const auto& project : projects) {
        for (const auto& [id, marker] : api.marked_issues(project)) {
            if (task_markers.count(marker) == 0) {
                ++result.unexpected;
                result.differences.push_back("unexpected issue #" + std::to_string(id) + " in " + project +
                                             " carries " + marker + " but has no id-map row");
            }
        }
    }
    return result;
}

}  // namespace baton::load
