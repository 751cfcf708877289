// One Redmine load: reads the plan, hands object writes to the workers in batches, records every outcome.
#include "loaders/redmine/load_session.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/text.hpp"
#include "loaders/common/load_batches.hpp"
#include "loaders/redmine/page_deletions.hpp"
#include "loaders/redmine/pending_creates.hpp"
#include "loaders/redmine/redmine_names.hpp"
#include "loaders/redmine/task_dates.hpp"

namespace baton::load::redmine {
namespace {

std::pair<std::string, std::string> split_name(const std::string& display_name, const std::string& login) {
    const std::string name = text::trim(display_name.empty() ? login : display_name);
    const auto space = name.rfind(' ');
    if (space == std::string::npos) return {name.substr(0, 30), login};
    return {text::trim(name.substr(0, space)).substr(0, 30), text::trim(name.substr(space + 1))};
}

}  // namespace

LoadSession::LoadSession(workspace::Workspace& workspace, std::int64_t plan_run, const LoadOptions& options,
                         LoadRecords& records, ParallelWrites& writes)
    : m_ws(workspace.db()), m_plan(plan_run), m_options(options), m_records(records), m_writes(writes) {
    m_sync.dry_run = options.dry_run;
    m_sync.before_create = [&records](const Unit& unit, const std::string& lookup) {
        records.pending_create(unit.kind, unit.legacy_key, lookup);
    };
    m_sync.before_update = [&records](const Unit& unit, const std::string& target_id, const std::string& before) {
        records.pending_update(unit.kind, unit.legacy_key, target_id, before);
    };
    m_item_keys.insert(options.item_keys.begin(), options.item_keys.end());
}

void LoadSession::run(LoadResult& result) {
    const auto roles = m_writes.main_api().roles();
    const auto manager = roles.find("Manager");
    if (manager == roles.end()) {
        throw TargetError("Redmine has no role named Manager", "create it (Administration > Roles and permissions)");
    }
    m_manager_role = manager->second;
    // Members write their own pages (X-Redmine-Switch-User), so they need a role that may edit the wiki.
    for (const char* name : {"Developer", "Reporter"}) {
        if (const auto role = roles.find(name); role != roles.end() && m_member_role == 0) m_member_role = role->second;
    }
    for (const auto& [name, id] : roles) {
        if (m_member_role == 0 && id != m_manager_role) m_member_role = id;
    }
    if (m_member_role == 0) m_member_role = m_manager_role;

    load_communities(result.communities);
    load_users_and_memberships(result.users, result.memberships);
    load_pages(result.content, result.comments);
    load_attachments(result.content);
    load_tasks(result.tasks);
    apply_deleted_policy(m_writes.main_api(), m_ws, m_records, m_plan, m_options, result.content);
}

std::size_t LoadSession::batch_size() const { return static_cast<std::size_t>(8 * m_writes.concurrency()); }

bool LoadSession::wanted_item(const std::string& key) const { return m_item_keys.empty() || m_item_keys.count(key) > 0; }

void LoadSession::flush(std::vector<Unit>& batch, LoadCounts& counts) {
    if (batch.empty()) return;
    throw_if_interrupted();
    const std::vector<Outcome> outcomes = m_writes.run(batch);
    for (std::size_t i = 0; i < batch.size(); ++i) {
        record(batch[i], outcomes[i], counts);
        if (batch[i].done) batch[i].done(outcomes[i]);
    }
    batch.clear();
    test_kill_point();
}

void LoadSession::record(const Unit& unit, const Outcome& outcome, LoadCounts& counts) {
    switch (outcome.action) {
        case Action::created: ++counts.created; break;
        case Action::updated: ++counts.updated; break;
        case Action::unchanged: ++counts.unchanged; break;
        case Action::conflict: ++counts.conflicts; break;
        case Action::failed: ++counts.failed; break;
        case Action::skipped: ++counts.skipped; break;
    }
    if (m_options.dry_run) return;
    switch (outcome.action) {
        case Action::created:
        case Action::updated:
            // The journal first: a row in it without its id-map row is harmless, the reverse loses an undo.
            m_records.journal(unit.kind, unit.legacy_key, outcome.target_id,
                              outcome.action == Action::created ? "created" : "updated", outcome.before_json);
            m_records.imported(unit.kind, unit.legacy_key, unit.source_id, outcome.target_id, unit.content_hash,
                               outcome.target_hash);
            break;
        case Action::unchanged:
            m_records.imported(unit.kind, unit.legacy_key, unit.source_id, outcome.target_id, unit.content_hash,
                               outcome.target_hash);
            break;
        case Action::conflict:
            m_records.conflict(unit.kind, unit.legacy_key, outcome.target_id, unit.community_slug, outcome.detail);
            break;
        case Action::failed:
            m_records.failed(unit.kind, unit.legacy_key, unit.source_id, unit.item_key, outcome.detail);
            break;
        case Action::skipped: {
            model::Message message;
            message.severity = model::Severity::warning;
            message.code = "load.redmine-" + unit.kind + "-skipped";
            message.text = unit.kind + " " + unit.legacy_key + ": " + outcome.detail;
            message.item_key = unit.item_key;
            m_records.message(unit.source_id, message);
            break;
        }
    }
}

void LoadSession::load_communities(LoadCounts& counts) {
    const std::set<std::string> only(m_options.communities.begin(), m_options.communities.end());
    auto select = m_ws.prepare(
        "SELECT c.id, s.key || '#' || coalesce(ct.key, 'site'), c.slug, c.name, coalesce(c.description, ''), "
        "coalesce(c.source_id, 0) FROM plan_communities c LEFT JOIN sources s ON s.id = c.source_id "
        "LEFT JOIN containers ct ON ct.id = c.container_id WHERE c.plan_run = ? ORDER BY c.id");
    select.bind(1, m_plan);
    std::vector<Unit> batch;
    while (select.step()) {
        const std::string slug = select.column_text(2);
        if (!only.empty() && only.count(slug) == 0) continue;
        const std::int64_t community_id = select.column_int(0);
        Project desired{0, project_identifier(slug), select.column_text(3), select.column_text(4)};
        CommunityRef ref{desired.identifier, select.column_text(1), slug, select.column_int(5), false};
        Unit unit{"community", ref.legacy_key, ref.source_id, {}, slug, desired.hash(),
                  m_records.find("community", ref.legacy_key), {}, {}};
        unit.write = [desired, sync = m_sync](RedmineApi& api, const Unit& self) {
            ObjectOps<Project> ops;
            ops.find = [&] { return api.project(desired.identifier); };
            ops.lookup = create_lookup({{"identifier", desired.identifier}});
            ops.desired_hash = desired.hash();
            ops.create = [&] { return std::to_string(api.create_project(desired)); };
            ops.update = [&](const Project&) { api.update_project(desired); };
            ops.target_id = [](const Project& project) { return project.identifier; };
            Outcome outcome = sync_object(sync, self, ops);
            if (outcome.target_id.empty() && outcome.action != Action::failed) outcome.target_id = desired.identifier;
            return outcome;
        };
        unit.done = [this, community_id, ref](const Outcome& outcome) mutable {
            ref.present = outcome.action != Action::failed;
            m_communities[community_id] = ref;
        };
        batch.push_back(std::move(unit));
        if (batch.size() >= batch_size()) flush(batch, counts);
    }
    flush(batch, counts);
}

void LoadSession::load_users_and_memberships(LoadCounts& users, LoadCounts& memberships) {
    // Owners and managers, then every other author of a migrated page or of one of its revisions, as members.
    auto select = m_ws.prepare(
        "WITH wanted(community_id, person_id, role) AS ("
        " SELECT community_id, person_id, role FROM plan_roles WHERE plan_run = ?1"
        " UNION SELECT pp.community_id, a.person_id, 'member' FROM plan_placements pp"
        "  JOIN items i ON i.id = pp.item_id"
        "  JOIN (SELECT id AS item_id, author_id AS person_id FROM items WHERE author_id IS NOT NULL"
        "        UNION SELECT item_id, author_id FROM revisions WHERE author_id IS NOT NULL) a ON a.item_id = i.id"
        "  WHERE pp.plan_run = ?1 AND pp.action = 'migrate' AND i.kind NOT IN ('comment', 'attachment')"
        "  AND NOT EXISTS (SELECT 1 FROM plan_roles r WHERE r.plan_run = ?1 AND r.community_id = pp.community_id"
        "                  AND r.person_id = a.person_id))"
        "SELECT w.community_id, w.person_id, w.role, s.key || '#' || p.key, coalesce(p.login, ''), "
        "coalesce(p.email, ''), coalesce(p.display_name, ''), p.key, p.source_id "
        "FROM wanted w JOIN people p ON p.id = w.person_id JOIN sources s ON s.id = p.source_id "
        "WHERE p.key NOT LIKE 'ip:%' ORDER BY w.person_id, w.community_id");
    select.bind(1, m_plan);
    struct Wanted {
        std::int64_t community_id, person_id;
        std::string role;
    };
    std::vector<Wanted> wanted;  // bounded by people x communities, not by items
    std::vector<Unit> batch;
    std::int64_t last_person = 0;
    while (select.step()) {
        const std::int64_t community_id = select.column_int(0);
        if (m_communities.count(community_id) == 0) continue;
        const std::int64_t person_id = select.column_int(1);
        wanted.push_back({community_id, person_id, select.column_text(2)});
        if (person_id == last_person) continue;
        last_person = person_id;
        const std::string email = select.column_text(5);
        const std::string login = user_login(select.column_text(4), email, select.column_text(6), select.column_text(7));
        const auto [first, last] = split_name(select.column_text(6), login);
        // Redmine needs an address; a person without one gets an address that cannot receive mail.
        User desired{0, login, first, last, email.empty() ? login + "@users.baton.invalid" : email};
        PersonRef ref{0, login, select.column_text(3), select.column_int(8)};
        Unit unit{"user", ref.legacy_key, ref.source_id, {}, {}, desired.hash(), m_records.find("user", ref.legacy_key),
                  {}, {}};
        unit.write = [desired, email, sync = m_sync](RedmineApi& api, const Unit& self) {
            ObjectOps<User> ops;
            std::string found_login;
            ops.find = [&] {
                auto user = api.user(desired.login, email);
                if (user) found_login = user->login;
                return user;
            };
            ops.desired_hash = desired.hash();
            ops.create = [&] { return std::to_string(api.create_user(desired)); };
            ops.lookup = create_lookup({{"login", desired.login}, {"mail", email}});
            ops.target_id = [](const User& user) { return std::to_string(user.id); };
            ops.always_look = true;  // the login of a matched account may differ from the derived one
            Outcome outcome = sync_object(sync, self, ops);
            outcome.name = found_login.empty() ? desired.login : found_login;
            return outcome;
        };
        unit.done = [this, person_id, ref](const Outcome& outcome) mutable {
            ref.user_id = text::parse_int(outcome.target_id).value_or(0);
            ref.login = outcome.name;
            m_people[person_id] = ref;
        };
        batch.push_back(std::move(unit));
        if (batch.size() >= batch_size()) flush(batch, users);
    }
    flush(batch, users);

    for (const auto& entry : wanted) {
        const CommunityRef& community = m_communities.at(entry.community_id);
        const auto person = m_people.find(entry.person_id);
        if (person == m_people.end()) continue;
        const std::vector<std::int64_t> roles = {entry.role == "member" ? m_member_role : m_manager_role};
        const std::int64_t user_id = person->second.user_id;
        Membership desired{0, user_id, roles};
        const std::string legacy_key = community.legacy_key + "@" + person->second.legacy_key;
        Unit unit{"membership", legacy_key, community.source_id, {}, community.slug,
                  hash_of({person->second.legacy_key, entry.role}), m_records.find("membership", legacy_key), {}, {}};
        unit.write = [desired, community, sync = m_sync](RedmineApi& api, const Unit& self) {
            if (desired.user_id == 0 || !community.present) {
                if (sync.dry_run) return make_outcome(Action::created);
                return make_outcome(Action::skipped, "", "", "its user or project is not in Redmine");
            }
            ObjectOps<Membership> ops;
            ops.find = [&] { return api.membership(community.identifier, desired.user_id); };
            ops.lookup = create_lookup({{"project", community.identifier}, {"user_id", std::to_string(desired.user_id)}});
            ops.desired_hash = desired.hash();
            ops.create = [&] {
                return std::to_string(api.create_membership(community.identifier, desired.user_id, desired.role_ids));
            };
            ops.update = [&](const Membership& current) { api.update_membership(current.id, desired.role_ids); };
            ops.target_id = [](const Membership& membership) { return std::to_string(membership.id); };
            return sync_object(sync, self, ops);
        };
        batch.push_back(std::move(unit));
        if (batch.size() >= batch_size()) flush(batch, memberships);
    }
    flush(batch, memberships);
}

void LoadSession::load_tasks(LoadCounts& counts) {
    auto select = m_ws.prepare(
        "SELECT t.community_id, t.person_id, t.code, t.title, t.description, coalesce(t.due_offset_days, 0) "
        "FROM plan_tasks t WHERE t.plan_run = ? ORDER BY t.id");
    select.bind(1, m_plan);
    const std::string go_live = m_options.go_live.empty() ? today_iso() : m_options.go_live;
    std::vector<Unit> batch;
    while (select.step()) {
        const auto community = m_communities.find(select.column_int(0));
        const auto person = m_people.find(select.column_int(1));
        if (community == m_communities.end() || person == m_people.end()) continue;
        const std::string legacy_key =
            community->second.legacy_key + "@" + person->second.legacy_key + "/" + select.column_text(2);
        const std::string marker = issue_marker(legacy_key);
        Issue desired;
        desired.subject = select.column_text(3).substr(0, 255);
        desired.description = select.column_text(4) + "\n\n(" + marker + ")";
        desired.due_date = add_days(go_live, select.column_int(5));
        desired.start_date = std::min(go_live, desired.due_date);
        desired.assigned_to_id = person->second.user_id;
        Unit unit{"task", legacy_key, community->second.source_id, {}, community->second.slug, desired.hash(),
                  m_records.find("task", legacy_key), {}, {}};
        unit.write = [desired, marker, ref = community->second, sync = m_sync](RedmineApi& api, const Unit& self) {
            if (!ref.present || desired.assigned_to_id == 0) {
                if (sync.dry_run) return make_outcome(Action::created);
                return make_outcome(Action::skipped, "", "", "its project or its assignee is not in Redmine");
            }
            ObjectOps<Issue> ops;
            ops.find = [&] { return api.issue(ref.identifier, marker); };
            ops.lookup = create_lookup({{"project", ref.identifier}, {"marker", marker}});
            ops.desired_hash = desired.hash();
            ops.create = [&] { return std::to_string(api.create_issue(ref.identifier, desired)); };
            ops.update = [&](const Issue& current) {
                Issue changed = desired;
                changed.id = current.id;
                api.update_issue(changed);
            };
            ops.target_id = [](const Issue& issue) { return std::to_string(issue.id); };
            return sync_object(sync, self, ops);
        };
        batch.push_back(std::move(unit));
        if (batch.size() >= batch_size()) flush(batch, counts);
    }
    flush(batch, counts);
}

}  // namespace baton::load::redmine
