// What the admin dashboard shows, read from the latest plan and the answers people gave.
#include "portal/admin_data.hpp"

namespace baton::portal {
namespace {

// The latest decision per person and community slug.
constexpr const char* latest_decisions =
    "(SELECT d.* FROM owner_decisions d WHERE d.id = (SELECT max(e.id) FROM owner_decisions e "
    "WHERE e.person_id = d.person_id AND e.community_slug = d.community_slug))";

std::vector<RoleAnswer> role_answers(StatementCache& db, std::int64_t plan_run, const std::string& condition,
                                     int limit) {
    auto& select = db.prepare(std::string(
        "SELECT c.slug, c.name, coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), "
        "coalesce(nullif(p.login, ''), p.key), r.role, coalesce(ld.decision, ''), "
        "coalesce(nullif(np.display_name, ''), np.login, ld.nominee_login, ''), coalesce(ld.note, ''), "
        "coalesce(ld.decided_at, '') FROM plan_roles r JOIN plan_communities c ON c.id = r.community_id "
        "JOIN people p ON p.id = r.person_id LEFT JOIN ") + latest_decisions +
        " ld ON ld.person_id = r.person_id AND ld.community_slug = c.slug "
        "LEFT JOIN people np ON np.id = ld.nominee_person_id "
        "WHERE r.plan_run = ? AND r.role IN ('owner', 'manager') AND " + condition +
        " ORDER BY c.name, r.role = 'owner' DESC, r.rank LIMIT ?");
    select.bind(1, plan_run).bind(2, limit);
    std::vector<RoleAnswer> result;
    while (select.step()) {
        result.push_back({select.column_text(0), select.column_text(1), select.column_text(2), select.column_text(3),
                          select.column_text(4), select.column_text(5), select.column_text(6), select.column_text(7),
                          select.column_text(8)});
    }
    return result;
}

}  // namespace

Coverage coverage(StatementCache& db, std::int64_t plan_run) {
    Coverage result;
    auto& communities = db.prepare(std::string(
        "SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM plan_roles r JOIN ") + latest_decisions +
        " ld ON ld.person_id = r.person_id AND ld.community_slug = c.slug WHERE r.community_id = c.id "
        "AND r.role = 'owner' AND ld.decision = 'accept')), 0) FROM plan_communities c WHERE c.plan_run = ?");
    communities.bind(1, plan_run);
    if (communities.step()) {
        result.communities = communities.column_int(0);
        result.with_accepting_owner = communities.column_int(1);
    }
    auto& roles = db.prepare(
        "SELECT count(*), coalesce(sum(EXISTS (SELECT 1 FROM owner_decisions d WHERE d.person_id = r.person_id "
        "AND d.community_slug = c.slug)), 0) FROM plan_roles r JOIN plan_communities c ON c.id = r.community_id "
        "WHERE r.plan_run = ? AND r.role IN ('owner', 'manager')");
    roles.bind(1, plan_run);
    if (roles.step()) {
        result.roles = roles.column_int(0);
        result.roles_answered = roles.column_int(1);
    }
    return result;
}

std::vector<RoleAnswer> pending_roles(StatementCache& db, std::int64_t plan_run, int limit) {
    return role_answers(db, plan_run, "ld.id IS NULL", limit);
}

std::vector<RoleAnswer> declined_roles(StatementCache& db, std::int64_t plan_run, int limit) {
    return role_answers(db, plan_run, "ld.decision IN ('decline', 'nominate')", limit);
}

std::vector<OverdueTask> overdue_tasks(StatementCache& db, std::int64_t plan_run, const std::string& go_live,
                                       int limit) {
    std::vector<OverdueTask> result;
    if (go_live.empty()) return result;
    auto& select = db.prepare(
        "SELECT c.slug, coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), t.title, "
        "date(?2, coalesce(t.due_offset_days, 0) || ' days') AS due, coalesce(tp.status, 'open') "
        "FROM plan_tasks t JOIN plan_communities c ON c.id = t.community_id JOIN people p ON p.id = t.person_id "
        "LEFT JOIN task_progress tp ON tp.person_id = t.person_id AND tp.community_slug = c.slug AND tp.code = t.code "
        "WHERE t.plan_run = ?1 AND coalesce(tp.status, 'open') NOT IN ('done', 'declined') "
        "AND due < date('now') ORDER BY due, c.slug LIMIT ?3");
    select.bind(1, plan_run).bind(2, go_live).bind(3, limit);
    while (select.step()) {
        result.push_back({select.column_text(0), select.column_text(1), select.column_text(2), select.column_text(3),
                          select.column_text(4)});
    }
    return result;
}

std::vector<SearchHit> search(StatementCache& db, std::int64_t plan_run, const std::string& query, int limit) {
    std::vector<SearchHit> result;
    if (query.empty()) return result;
    auto& communities = db.prepare(
        "SELECT name, slug FROM plan_communities WHERE plan_run = ?1 AND (instr(lower(name), lower(?2)) > 0 "
        "OR instr(lower(slug), lower(?2)) > 0) ORDER BY name LIMIT ?3");
    communities.bind(1, plan_run).bind(2, query).bind(3, limit);
    while (communities.step()) {
        result.push_back({"community", communities.column_text(0), "/" + communities.column_text(1),
                          communities.column_text(1)});
    }
    auto& people = db.prepare(
        "SELECT coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), "
        "coalesce(nullif(p.login, ''), p.key) || coalesce(' <' || nullif(p.email, '') || '>', '') || "
        "coalesce(': ' || (SELECT group_concat(r.role || ' of ' || c.slug, ', ') FROM plan_roles r "
        "JOIN plan_communities c ON c.id = r.community_id WHERE r.plan_run = ?1 AND r.person_id = p.id), '') "
        "FROM people p WHERE instr(lower(coalesce(p.display_name, '') || ' ' || coalesce(p.login, '') || ' ' || "
        "coalesce(p.email, '') || ' ' || p.key), lower(?2)) > 0 ORDER BY 1 LIMIT ?3");
    people.bind(1, plan_run).bind(2, query).bind(3, limit);
    while (people.step()) result.push_back({"person", people.column_text(0), people.column_text(1), ""});
    return result;
}

}  // namespace baton::portal
