// What the portal shows a person, read from the latest plan and the answers people gave.
#include "portal/owner_data.hpp"

namespace baton::portal {
namespace {

// The person shown by name: display name, else login, else key.
constexpr const char* person_name = "coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key)";

// Migrated items of a community that are flagged: warnings or errors of the source's latest extract, or a
// conversion that left parts unconverted or links unresolved.
constexpr const char* flagged_condition =
    "(EXISTS (SELECT 1 FROM messages m WHERE m.source_id = i.source_id AND m.item_key = i.key "
    "AND m.severity IN ('warning', 'error') AND m.run_id = (SELECT s.last_run FROM sources s WHERE s.id = i.source_id)) "
    "OR EXISTS (SELECT 1 FROM converted_bodies cb WHERE cb.item_id = i.id AND (cb.raw_nodes > 0 OR "
    "cb.unresolved_links IS NOT NULL)))";

}  // namespace

std::optional<CommunityInfo> community_by_slug(StatementCache& db, std::int64_t plan_run, const std::string& slug) {
    auto& select = db.prepare(
        "SELECT id, slug, name, coalesce(description, '') FROM plan_communities WHERE plan_run = ? AND slug = ?");
    select.bind(1, plan_run).bind(2, slug);
    if (!select.step()) return std::nullopt;
    return CommunityInfo{select.column_int(0), select.column_text(1), select.column_text(2), select.column_text(3)};
}

std::optional<Decision> latest_decision(StatementCache& db, std::int64_t person_id, const std::string& slug) {
    auto& select = db.prepare(
        "SELECT d.decision, coalesce(nullif(coalesce(np.display_name, ''), ''), np.login, d.nominee_login, ''), "
        "coalesce(d.note, ''), d.decided_by, d.decided_at, d.via FROM owner_decisions d "
        "LEFT JOIN people np ON np.id = d.nominee_person_id "
        "WHERE d.person_id = ? AND d.community_slug = ? ORDER BY d.id DESC LIMIT 1");
    select.bind(1, person_id).bind(2, slug);
    if (!select.step()) return std::nullopt;
    return Decision{select.column_text(0), select.column_text(1), select.column_text(2),
                    select.column_text(3), select.column_text(4), select.column_text(5)};
}

std::optional<RoleHolder> role_in(StatementCache& db, std::int64_t community_id, std::int64_t person_id) {
    auto& select = db.prepare(std::string("SELECT r.person_id, coalesce(nullif(p.login, ''), p.key), ") + person_name +
                             ", r.role, r.reason FROM plan_roles r JOIN people p ON p.id = r.person_id "
                             "WHERE r.community_id = ? AND r.person_id = ? AND r.role IN ('owner', 'manager')");
    select.bind(1, community_id).bind(2, person_id);
    if (!select.step()) return std::nullopt;
    return RoleHolder{select.column_int(0), select.column_text(1), select.column_text(2),
                      select.column_text(3), select.column_text(4), std::nullopt};
}

CommunityCounts counts_of(StatementCache& db, std::int64_t plan_run, std::int64_t community_id) {
    CommunityCounts counts;
    auto& select = db.prepare(std::string(
        "SELECT coalesce(sum(i.kind <> 'comment'), 0), coalesce(sum(i.kind = 'comment'), 0), "
        "coalesce(sum(") + flagged_condition + "), 0), "
        "coalesce(sum(EXISTS (SELECT 1 FROM plan_archive_proposals a WHERE a.plan_run = p.plan_run "
        "AND a.item_id = i.id)), 0) "
        "FROM plan_placements p JOIN items i ON i.id = p.item_id "
        "WHERE p.plan_run = ? AND p.community_id = ? AND p.action = 'migrate'");
    select.bind(1, plan_run).bind(2, community_id);
    if (select.step()) {
        counts.migrated = select.column_int(0);
        counts.comments = select.column_int(1);
        counts.flagged = select.column_int(2);
        counts.stale = select.column_int(3);
    }
    return counts;
}

std::vector<MyCommunity> communities_of(StatementCache& db, std::int64_t plan_run, std::int64_t person_id) {
    auto& select = db.prepare(
        "SELECT c.id, c.slug, c.name, coalesce(c.description, ''), r.role, r.reason FROM plan_roles r "
        "JOIN plan_communities c ON c.id = r.community_id WHERE r.plan_run = ? AND r.person_id = ? "
        "AND r.role IN ('owner', 'manager') ORDER BY r.role = 'owner' DESC, c.name, c.slug");
    select.bind(1, plan_run).bind(2, person_id);
    std::vector<MyCommunity> result;
    while (select.step()) {
        MyCommunity mine;
        mine.community = {select.column_int(0), select.column_text(1), select.column_text(2), select.column_text(3)};
        mine.role = select.column_text(4);
        mine.reason = select.column_text(5);
        result.push_back(std::move(mine));
    }
    for (auto& mine : result) {
        mine.counts = counts_of(db, plan_run, mine.community.id);
        mine.decision = latest_decision(db, person_id, mine.community.slug);
    }
    return result;
}

std::vector<RoleHolder> roles_of(StatementCache& db, const CommunityInfo& community) {
    auto& select = db.prepare(std::string("SELECT r.person_id, coalesce(nullif(p.login, ''), p.key), ") + person_name +
                             ", r.role, r.reason FROM plan_roles r JOIN people p ON p.id = r.person_id "
                             "WHERE r.community_id = ? AND r.role IN ('owner', 'manager') "
                             "ORDER BY r.role = 'owner' DESC, r.rank");
    select.bind(1, community.id);
    std::vector<RoleHolder> result;
    while (select.step()) {
        result.push_back({select.column_int(0), select.column_text(1), select.column_text(2), select.column_text(3),
                          select.column_text(4), std::nullopt});
    }
    for (auto& holder : result) holder.decision = latest_decision(db, holder.person_id, community.slug);
    return result;
}

ItemPage items_of(StatementCache& db, std::int64_t plan_run, std::int64_t community_id, const std::string& search,
                  int page, int page_size) {
    ItemPage result;
    result.page = page < 1 ? 1 : page;
    result.page_size = page_size;
    // instr() on lower(): a plain substring test, no LIKE wildcards to escape.
    const std::string scope =
        "FROM plan_placements p JOIN items i ON i.id = p.item_id WHERE p.plan_run = ?1 AND p.community_id = ?2 "
        "AND p.action = 'migrate' AND i.kind <> 'comment' "
        "AND (?3 = '' OR instr(lower(coalesce(i.title, '') || ' ' || i.key), lower(?3)) > 0)";
    auto& count = db.prepare("SELECT count(*) " + scope);
    count.bind(1, plan_run).bind(2, community_id).bind(3, search);
    if (count.step()) result.total = count.column_int(0);
    auto& select = db.prepare("SELECT i.id, coalesce(nullif(i.title, ''), i.key), i.kind, coalesce(i.status, ''), "
                             "coalesce(i.modified_at, i.created_at, '') " + scope +
                             " ORDER BY i.title, i.key LIMIT ?4 OFFSET ?5");
    select.bind(1, plan_run).bind(2, community_id).bind(3, search).bind(4, page_size);
    select.bind(5, static_cast<std::int64_t>(result.page - 1) * page_size);
    while (select.step()) {
        ItemRow row;
        row.id = select.column_int(0);
        row.title = select.column_text(1);
        row.kind = select.column_text(2);
        row.status = select.column_text(3);
        row.modified_at = select.column_text(4);
        result.items.push_back(std::move(row));
    }
    return result;
}

std::vector<ItemRow> flagged_items(StatementCache& db, std::int64_t plan_run, std::int64_t community_id, int limit) {
    auto& select = db.prepare(std::string(
        "SELECT i.id, coalesce(nullif(i.title, ''), i.key), i.kind, coalesce(i.status, ''), "
        "coalesce((SELECT group_concat(m.severity || ': ' || m.text, char(10)) FROM messages m "
        "WHERE m.source_id = i.source_id AND m.item_key = i.key AND m.severity IN ('warning', 'error') "
        "AND m.run_id = (SELECT s.last_run FROM sources s WHERE s.id = i.source_id)), '') || "
        "coalesce((SELECT char(10) || 'not converted: ' || replace(cb.raw_reasons, char(10), ', ') "
        "FROM converted_bodies cb WHERE cb.item_id = i.id AND cb.raw_nodes > 0 LIMIT 1), '') || "
        "coalesce((SELECT char(10) || 'links to missing pages: ' || replace(cb.unresolved_links, char(10), ', ') "
        "FROM converted_bodies cb WHERE cb.item_id = i.id AND cb.unresolved_links IS NOT NULL LIMIT 1), '') "
        "FROM plan_placements p JOIN items i ON i.id = p.item_id "
        "WHERE p.plan_run = ? AND p.community_id = ? AND p.action = 'migrate' AND ") + flagged_condition +
        " ORDER BY i.title, i.key LIMIT ?");
    select.bind(1, plan_run).bind(2, community_id).bind(3, limit);
    std::vector<ItemRow> result;
    while (select.step()) {
        ItemRow row;
        row.id = select.column_int(0);
        row.title = select.column_text(1);
        row.kind = select.column_text(2);
        row.status = select.column_text(3);
        row.detail = select.column_text(4);
        if (!row.detail.empty() && row.detail.front() == '\n') row.detail.erase(0, 1);
        result.push_back(std::move(row));
    }
    return result;
}

std::vector<ItemRow> stale_items(StatementCache& db, std::int64_t plan_run, const CommunityInfo& community,
                                 int limit) {
    auto& select = db.prepare(
        "SELECT i.id, coalesce(nullif(i.title, ''), i.key), i.kind, coalesce(i.status, ''), "
        "coalesce(i.modified_at, i.created_at, ''), a.reason, coalesce(ch.choice, '') "
        "FROM plan_archive_proposals a JOIN plan_placements p ON p.plan_run = a.plan_run AND p.item_id = a.item_id "
        "JOIN items i ON i.id = a.item_id "
        "LEFT JOIN item_choices ch ON ch.community_slug = ? AND ch.item_id = i.id "
        "WHERE a.plan_run = ? AND p.community_id = ? AND p.action = 'migrate' ORDER BY i.title, i.key LIMIT ?");
    select.bind(1, community.slug).bind(2, plan_run).bind(3, community.id).bind(4, limit);
    std::vector<ItemRow> result;
    while (select.step()) {
        result.push_back({select.column_int(0), select.column_text(1), select.column_text(2), select.column_text(3),
                          select.column_text(4), select.column_text(5), select.column_text(6)});
    }
    return result;
}

std::vector<TaskRow> tasks_of(StatementCache& db, std::int64_t plan_run, std::int64_t person_id,
                              const std::string& go_live) {
    auto& select = db.prepare(
        "SELECT c.slug, c.name, t.role, t.seq, t.code, t.title, t.description, coalesce(t.due_offset_days, 0), "
        "CASE WHEN ?3 = '' THEN '' ELSE coalesce(date(?3, coalesce(t.due_offset_days, 0) || ' days'), '') END, "
        "coalesce(tp.status, 'open'), coalesce(tp.updated_by, ''), coalesce(tp.updated_at, '') "
        "FROM plan_tasks t JOIN plan_communities c ON c.id = t.community_id "
        "LEFT JOIN task_progress tp ON tp.person_id = t.person_id AND tp.community_slug = c.slug AND tp.code = t.code "
        "WHERE t.plan_run = ?1 AND t.person_id = ?2 ORDER BY c.name, c.slug, t.seq");
    select.bind(1, plan_run).bind(2, person_id).bind(3, go_live);
    std::vector<TaskRow> result;
    while (select.step()) {
        TaskRow row;
        row.community_slug = select.column_text(0);
        row.community_name = select.column_text(1);
        row.role = select.column_text(2);
        row.seq = static_cast<int>(select.column_int(3));
        row.code = select.column_text(4);
        row.title = select.column_text(5);
        row.description = select.column_text(6);
        row.due_offset_days = static_cast<int>(select.column_int(7));
        row.due_date = select.column_text(8);
        row.status = select.column_text(9);
        row.updated_by = select.column_text(10);
        row.updated_at = select.column_text(11);
        result.push_back(std::move(row));
    }
    return result;
}

std::vector<std::string> nominee_suggestions(StatementCache& db, std::int64_t plan_run, std::int64_t community_id,
                                             int limit) {
    auto& select = db.prepare(
        "SELECT login FROM (SELECT coalesce(nullif(p.login, ''), p.key) AS login, min(k.rank) AS rank "
        "FROM plan_candidates k JOIN people p ON p.id = k.person_id WHERE k.plan_run = ?1 AND k.community_id = ?2 "
        "AND k.outcome <> 'not eligible' GROUP BY 1 "
        "UNION SELECT coalesce(nullif(p.login, ''), p.key), 1000 + r.rank FROM plan_roles r JOIN people p "
        "ON p.id = r.person_id WHERE r.plan_run = ?1 AND r.community_id = ?2 "
        "UNION SELECT coalesce(nullif(p.login, ''), p.key), 10000 - count(*) FROM plan_placements pl "
        "JOIN items i ON i.id = pl.item_id JOIN people p ON p.id = i.author_id WHERE pl.plan_run = ?1 "
        "AND pl.community_id = ?2 AND p.key NOT LIKE 'ip:%' GROUP BY p.id "
        "UNION SELECT directory_login, 100000 FROM plan_identities WHERE plan_run = ?1 AND directory_login IS NOT NULL "
        "AND coalesce(status, 'active') <> 'departed') GROUP BY login ORDER BY min(rank), login LIMIT ?3");
    select.bind(1, plan_run).bind(2, community_id).bind(3, limit);
    std::vector<std::string> result;
    while (select.step()) result.push_back(select.column_text(0));
    return result;
}

}  // namespace baton::portal
