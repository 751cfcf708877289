// Rollback on Redmine: removes what a load run created (also creates journalled ahead whose answer was lost) and
// puts back what it updated, newest write first.
#include "core/text.hpp"
#include "loaders/redmine/api_key.hpp"
#include "loaders/redmine/parallel_writes.hpp"
#include "loaders/redmine/pending_creates.hpp"
#include "loaders/redmine/redmine_api.hpp"
#include "loaders/redmine/redmine_loader.hpp"

#include <Poco/JSON/Parser.h>

namespace baton::load {
namespace {

using redmine::RedmineApi;

struct PageRef {
    std::string project, title;
};

PageRef page_ref(const std::string& target_id) {
    const auto slash = target_id.find('/');
    return {target_id.substr(0, slash), slash == std::string::npos ? std::string() : target_id.substr(slash + 1)};
}

std::int64_t number(const std::string& value) { return text::parse_int(value).value_or(0); }

// Deleting something already gone (a project's delete takes its pages and issues along) is done.
template <class F>
void deleting(F remove) {
    try {
        remove();
    } catch (const redmine::RefusedError& error) {
        if (error.status() != 404) throw;
    }
}

void undo_created(RedmineApi& api, const std::string& kind, const std::string& target_id) {
    if (kind == "community") {
        deleting([&] { api.delete_project(target_id); });
    } else if (kind == "user") {
        deleting([&] { api.delete_user(number(target_id)); });
    } else if (kind == "membership") {
        deleting([&] { api.delete_membership(number(target_id)); });
    } else if (kind == "content" && target_id.rfind("attachment/", 0) == 0) {
        deleting([&] { api.delete_attachment(number(target_id.substr(11))); });
    } else if (kind == "content") {
        const PageRef page = page_ref(target_id);
        deleting([&] { api.delete_wiki_page(page.project, page.title); });
    } else if (kind == "task") {
        deleting([&] { api.delete_issue(number(target_id)); });
    }
    // comments live in their page's text: undone with the page
}

// Puts the before-image back; returns the hash of the object as restored, for the id map.
std::string undo_updated(RedmineApi& api, const std::string& kind, const std::string& target_id,
                         const std::string& before_json) {
    if (kind == "comment" || before_json.empty()) return {};
    const auto before = redmine::parse_json_object(before_json);
    const auto text = [&](const char* key) { return before->has(key) ? before->getValue<std::string>(key) : std::string(); };
    if (kind == "community") {
        redmine::Project project{0, target_id, text("name"), text("description")};
        api.update_project(project);
        return project.hash();
    }
    if (kind == "membership") {
        std::vector<std::int64_t> roles;
        const auto list = before->getArray("role_ids");
        for (std::size_t i = 0; list && i < list->size(); ++i) roles.push_back(list->getElement<std::int64_t>(static_cast<unsigned>(i)));
        api.update_membership(number(target_id), roles);
        return api.membership_by_id(number(target_id)).value_or(redmine::Membership{}).hash();
    }
    if (kind == "content") {
        const PageRef page = page_ref(target_id);
        // Archived (moved under "Archive") or deleted by --deleted: back under its parent (recreated if deleted).
        if (before->has("parent_title")) {
            api.set_wiki_parent(page.project, page.title, text("text"), text("parent_title"), "restored by baton rollback");
        } else {
            api.put_wiki_page(page.project, page.title, text("text"), "restored by baton rollback", {});
        }
        return redmine::WikiPage{page.title, text("text"), {}, 0, 0, {}, {}}.hash();
    }
    if (kind == "task") {
        redmine::Issue issue;
        issue.id = number(target_id);
        issue.subject = text("subject");
        issue.description = text("description");
        issue.start_date = text("start_date");
        issue.due_date = text("due_date");
        issue.assigned_to_id = before->getValue<std::int64_t>("assigned_to_id");
        api.update_issue(issue);
        return issue.hash();
    }
    if (kind == "user") {
        redmine::User user{number(target_id), text("login"), text("firstname"), text("lastname"), text("mail")};
        api.update_user(user);
        return user.hash();
    }
    return {};
}

}  // namespace

RollbackResult RedmineLoader::rollback(workspace::Workspace& workspace, std::int64_t undone_run, std::int64_t run_id) {
    RollbackResult result;
    result.target = m_target;
    redmine::WritePacer pacer(0);
    redmine::ParallelWrites connection(m_endpoint, redmine::api_key_from_environment(), m_policy, 1, pacer, *m_traffic);
    RedmineApi& api = connection.main_api();
    auto& db = workspace.db();
    auto select = db.prepare(
        "SELECT id, object_kind, legacy_key, target_id, action, coalesce(before, '') FROM load_journal "
        "WHERE run_id = ? AND target = ? AND rolled_back_by IS NULL ORDER BY id DESC");
    auto mark = db.prepare("UPDATE load_journal SET rolled_back_by = ? WHERE id = ?");
    auto forget = db.prepare("DELETE FROM id_map WHERE target = ? AND object_kind = ? AND legacy_key = ? AND target_id = ?");
    auto restored = db.prepare("UPDATE id_map SET status = 'needs-update', target_hash = ?, run_id = ?, updated_at = ? "
                               "WHERE target = ? AND object_kind = ? AND legacy_key = ?");
    // A later run's create of the same object: the pending create of the run undone did not make it.
    auto created_later = db.prepare("SELECT 1 FROM load_journal WHERE target = ? AND object_kind = ? AND legacy_key = ? "
                                    "AND run_id > ? AND action = 'created' AND rolled_back_by IS NULL LIMIT 1");
    select.bind(1, undone_run).bind(2, m_target);
    while (select.step()) {
        const std::string kind = select.column_text(1);
        const std::string legacy_key = select.column_text(2);
        const std::string target_id = select.column_text(3);
        const std::string action = select.column_text(4);
        try {
            if (action == "created" && target_id.empty()) {
                // Journalled before it was sent, its answer never recorded (the load was killed): found by its
                // lookup, unless a later run made it.
                created_later.bind(1, m_target).bind(2, kind).bind(3, legacy_key).bind(4, undone_run);
                const bool later = created_later.step();
                created_later.reset();
                const auto found = later ? std::nullopt : redmine::find_pending_create(api, kind, select.column_text(5));
                if (found) {
                    undo_created(api, kind, *found);
                    forget.bind(1, m_target).bind(2, kind).bind(3, legacy_key).bind(4, *found).run();
                    ++result.removed;
                }
            } else if (action == "created") {
                undo_created(api, kind, target_id);
                forget.bind(1, m_target).bind(2, kind).bind(3, legacy_key).bind(4, target_id).run();
                ++result.removed;
            } else {
                const std::string hash = undo_updated(api, kind, target_id, select.column_text(5));
                restored.bind(1, hash).bind(2, run_id).bind(3, text::utc_now_iso()).bind(4, m_target).bind(5, kind);
                restored.bind(6, legacy_key).run();
                ++result.restored;
            }
            mark.bind(1, run_id).bind(2, select.column_int(0)).run();
        } catch (const std::exception& error) {
            ++result.failed;
            model::Message message;
            message.severity = model::Severity::error;
            message.code = "rollback.redmine-failed";
            message.text = kind + " " + legacy_key + " (" + target_id + "): " + error.what();
            workspace.record_message(run_id, 0, message);
        }
    }
    return result;
}

}  // namespace baton::load
