// One load of a plan into the SQLite target: communities, users, memberships, content, comments, tasks.
#include "loaders/sqlite/platform_load.hpp"

#include <chrono>
#include <cstdio>

#include "core/interrupt.hpp"
#include "core/progress.hpp"
#include "core/text.hpp"
#include "loaders/sqlite/platform_deletions.hpp"

namespace baton::load::sqlite_target {
namespace {

Value text_or_null(std::string value) { return value.empty() ? Value(nullptr) : Value(std::move(value)); }
Value id_or_null(std::int64_t id) { return id > 0 ? Value(id) : Value(nullptr); }

// The authors of the selected items, by community: with the plan's role holders of the selected communities,
// the users and memberships the selection needs.
constexpr const char* authors_of_selected =
    "SELECT pp.community_id, i.author_id FROM plan_placements pp JOIN items i ON i.id = pp.item_id "
    "WHERE pp.plan_run = ?1 AND pp.item_id IN (SELECT id FROM temp.selected_items) AND i.author_id IS NOT NULL";

}  // namespace

PlatformLoad::PlatformLoad(WriteContext context, sql::Database& workspace, std::int64_t plan_run,
                           const LoadOptions& options, const LoadSelection& selection,
                           std::filesystem::path redirects)
    : m_context(context),
      m_ws(workspace),
      m_plan(plan_run),
      m_options(options),
      m_selection(selection),
      m_redirects(std::move(redirects)) {}

void PlatformLoad::run(LoadResult& result) {
    convert::TargetScheme scheme;
    scheme.base_url = m_options.base_url;
    scheme.path_pattern = m_options.path_pattern;
    // Starts now, beside the people's writes: the redirect map, then the bodies.
    BodiesAhead bodies(m_ws, m_plan, m_options, scheme, m_redirects);
    load_communities(result.communities);
    load_users(result.users);
    load_memberships(result.memberships);
    load_bodies(result, bodies);
    result.redirects = bodies.redirects();
    result.bodies_reused = m_bodies_reused;
    result.bodies_converted = m_bodies_converted;
    load_tasks(result.tasks);
    if (m_selection.whole_items) write_deletions(result);
}

// The plan's slug, or the first "-N" variant no other community of the target holds: loads
// never delete communities, so a slug freed in one plan may still belong to an earlier community.
std::string PlatformLoad::free_slug(const std::string& slug, const std::string& legacy_key) {
    auto holder = m_context.platform.prepare("SELECT legacy_key FROM communities WHERE slug = ?");
    std::string candidate = slug;
    for (int n = 2;; ++n) {
        holder.bind(1, candidate);
        const bool taken = holder.step() && holder.column_text(0) != legacy_key;
        holder.reset();
        if (!taken) return candidate;
        candidate = slug + "-" + std::to_string(n);
    }
}

std::string PlatformLoad::due_date(std::int64_t offset_days) const {
    if (m_options.go_live.empty()) return {};
    // Checked by the command: YYYY-MM-DD.
    const int year = std::stoi(m_options.go_live.substr(0, 4));
    const unsigned month = static_cast<unsigned>(std::stoi(m_options.go_live.substr(5, 2)));
    const unsigned day = static_cast<unsigned>(std::stoi(m_options.go_live.substr(8, 2)));
    const std::chrono::sys_days start{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{day}};
    const std::chrono::year_month_day due{start + std::chrono::days{offset_days}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(due.year()), static_cast<unsigned>(due.month()),
                  static_cast<unsigned>(due.day()));
    return text;
}

void PlatformLoad::load_communities(LoadCounts& counts) {
    UpsertTable table(m_context, platform_table("community"));
    auto select = m_ws.prepare(
        "SELECT c.id, s.key || '#' || coalesce(ct.key, 'site'), c.slug, c.name, coalesce(c.description, ''), "
        "coalesce(c.source_id, 0) FROM plan_communities c JOIN sources s ON s.id = c.source_id LEFT JOIN containers ct "
        "ON ct.id = c.container_id WHERE c.plan_run = ? AND c.id IN (SELECT id FROM temp.selected_communities) "
        "ORDER BY c.id");
    select.bind(1, m_plan);
    while (select.step()) {
        Loaded loaded{0, select.column_text(1), free_slug(select.column_text(2), select.column_text(1)),
                      select.column_int(5)};
        const Values values = {loaded.slug, select.column_text(3), text_or_null(select.column_text(4))};
        loaded.id = table.upsert(loaded.legacy_key, values, loaded.source_id, loaded.slug, counts);
        m_communities[select.column_int(0)] = std::move(loaded);
    }
}

void PlatformLoad::load_users(LoadCounts& counts) {
    UpsertTable table(m_context, platform_table("user"));
    auto select = m_ws.prepare(
        "SELECT p.id, s.key || '#' || p.key, coalesce(p.login, ''), "
        "coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), coalesce(p.email, ''), p.source_id "
        "FROM people p JOIN sources s ON s.id = p.source_id WHERE p.id IN "
        "(SELECT person_id FROM plan_roles WHERE plan_run = ?1 AND community_id IN "
        "(SELECT id FROM temp.selected_communities) UNION SELECT author_id FROM (" +
        std::string(authors_of_selected) + ")) AND p.key NOT LIKE 'ip:%' ORDER BY p.id");
    select.bind(1, m_plan);
    while (select.step()) {
        Loaded loaded{0, select.column_text(1), {}, select.column_int(5)};
        const Values values = {text_or_null(select.column_text(2)), select.column_text(3),
                               text_or_null(select.column_text(4))};
        loaded.id = table.upsert(loaded.legacy_key, values, loaded.source_id, {}, counts);
        m_users[select.column_int(0)] = std::move(loaded);
    }
}

void PlatformLoad::load_memberships(LoadCounts& counts) {
    UpsertTable table(m_context, platform_table("membership"));
    // Owners and managers from the plan, then every other author of selected content as a member (grouped and
    // joined with people: half the time of DISTINCT and an IN list of every person on the benchmark).
    auto select = m_ws.prepare(
        "SELECT community_id, person_id, role, reason FROM plan_roles WHERE plan_run = ?1 AND community_id IN "
        "(SELECT id FROM temp.selected_communities) UNION ALL SELECT a.community_id, a.author_id, 'member', '' FROM (" +
        std::string(authors_of_selected) +
        " GROUP BY 1, 2) a JOIN people p ON p.id = a.author_id AND p.key NOT LIKE 'ip:%' WHERE NOT EXISTS (SELECT 1 "
        "FROM plan_roles r WHERE r.plan_run = ?1 AND r.community_id = a.community_id AND r.person_id = a.author_id) "
        "ORDER BY 1, 2");
    select.bind(1, m_plan);
    while (select.step()) {
        const auto& community = m_communities.at(select.column_int(0));
        const auto& user = m_users.at(select.column_int(1));
        const std::string legacy_key = community.legacy_key + "@" + user.legacy_key;
        if (community.id == 0 || user.id == 0) {
            ++counts.skipped;  // its community or user failed; reported there
            continue;
        }
        const Values values = {community.id, user.id, select.column_text(2), text_or_null(select.column_text(3))};
        table.upsert(legacy_key, values, community.source_id, community.slug, counts);
    }
}

void PlatformLoad::load_bodies(LoadResult& result, BodiesAhead& bodies) {
    UpsertTable contents(m_context, platform_table("content"));
    UpsertTable comments(m_context, platform_table("comment"));
    m_content_was_empty = contents.empty_at_start();
    m_comments_were_empty = comments.empty_at_start();
    auto find_content = m_context.platform.prepare("SELECT id FROM content WHERE legacy_key = ?");
    Progress progress("load: content", static_cast<std::uint64_t>(m_selection.items));
    std::uint64_t count = 0;
    for (auto batch = bodies.next(); !batch.empty(); batch = bodies.next()) {
        for (auto& row : batch) {
            if (row.comment) write_comment(comments, find_content, row, result.comments);
            else write_content(contents, row, result.content);
            if (++count % 1024 == 0) {
                throw_if_interrupted();
                progress.update(count, 0);
            }
        }
    }
    // Derived, not owned: set on insert when the row named came first; the rest, and rows whose named row
    // changed, here.
    m_context.platform.exec(resolve_self_reference_sql(platform_table("content")));
    m_context.platform.exec(resolve_self_reference_sql(platform_table("comment")));
}

void PlatformLoad::write_content(UpsertTable& table, ReadyRow& row, LoadCounts& counts) {
    const auto& community = m_communities.at(row.community_id);
    if (community.id == 0) {
        ++counts.skipped;  // its community failed; reported there
        return;
    }
    report_body(row, community.slug);
    const auto author = m_users.find(row.author_id);
    const Values values = values_of(community.id,
                                    std::move(row.kind),
                                    text_or_null(std::move(row.title)),
                                    text_or_null(std::move(row.status)),
                                    id_or_null(author == m_users.end() ? 0 : author->second.id),
                                    text_or_null(std::move(row.parent_key)),
                                    text_or_null(std::move(row.format)),
                                    std::move(row.text),
                                    text_or_null(std::move(row.created_at)),
                                    text_or_null(std::move(row.modified_at)),
                                    row.converted ? text_or_null(std::move(row.legacy_format)) : Value(nullptr),
                                    row.converted ? Value(std::move(row.legacy_body)) : Value(nullptr));
    table.upsert(row.legacy_key, values, row.source_id, community.slug, counts);
}

// Comment bodies are made as content bodies are, their links reported under the comment's key.
void PlatformLoad::write_comment(UpsertTable& table, sql::Statement& find_content, ReadyRow& row,
                                 LoadCounts& counts) {
    find_content.bind(1, row.content_key);
    const std::int64_t content_id = find_content.step() ? find_content.column_int(0) : 0;
    find_content.reset();
    if (content_id == 0) {  // the planner migrates comments only with their item; counted if not
        ++counts.skipped;
        return;
    }
    const auto community = m_communities.find(row.community_id);
    const std::string slug = community == m_communities.end() ? std::string() : community->second.slug;
    report_body(row, slug);
    const auto author = m_users.find(row.author_id);
    const Values values = values_of(content_id,
                                    id_or_null(author == m_users.end() ? 0 : author->second.id),
                                    text_or_null(std::move(row.parent_key)),  // the comment replied to
                                    std::move(row.text),
                                    text_or_null(std::move(row.status)),
                                    text_or_null(std::move(row.created_at)),
                                    text_or_null(std::move(row.format)),
                                    row.converted ? text_or_null(std::move(row.legacy_format)) : Value(nullptr),
                                    row.converted ? Value(std::move(row.legacy_body)) : Value(nullptr));
    table.upsert(row.legacy_key, values, row.source_id, slug, counts);
}

// What became of a body worth telling: stored as extracted (no reader knows it, or not UTF-8), or links that name
// no migrated item (they stay as they were), reported for the community's owner.
void PlatformLoad::report_body(const ReadyRow& row, const std::string& community) {
    if (row.reused) ++m_bodies_reused;
    else if (row.converted) ++m_bodies_converted;
    if (!row.not_converted.empty()) {
        m_context.recorder.message("warning", "body-not-converted", row.legacy_key,
                                   "body stored as extracted: " + row.not_converted, row.source_id);
    }
    if (row.unresolved.empty()) return;
    std::string list;
    for (const auto& target : row.unresolved) list += (list.empty() ? "" : ", ") + target;
    m_context.recorder.message("warning", "load.unresolved-link", row.legacy_key,
                               row.legacy_key + " links to " +
                                   text::counted(static_cast<std::int64_t>(row.unresolved.size()), "page") +
                                   " not on the platform: " + list + " (for the owner of community " + community + ")",
                               row.source_id);
}

void PlatformLoad::load_tasks(LoadCounts& counts) {
    UpsertTable table(m_context, platform_table("task"));
    auto select = m_ws.prepare(
        "SELECT community_id, person_id, role, seq, code, title, description, coalesce(due_offset_days, 0) "
        "FROM plan_tasks WHERE plan_run = ? AND community_id IN (SELECT id FROM temp.selected_communities) "
        "ORDER BY id");
    select.bind(1, m_plan);
    while (select.step()) {
        const auto& community = m_communities.at(select.column_int(0));
        const auto& user = m_users.at(select.column_int(1));
        const std::string legacy_key = community.legacy_key + "@" + user.legacy_key + "/" + select.column_text(4);
        if (community.id == 0 || user.id == 0) {
            ++counts.skipped;
            continue;
        }
        const Values values = {user.id,
                               community.id,
                               select.column_text(2),
                               select.column_int(3),
                               select.column_text(5),
                               select.column_text(6),
                               select.column_int(7),
                               text_or_null(due_date(select.column_int(7)))};
        table.upsert(legacy_key, values, community.source_id, community.slug, counts);
    }
}

void PlatformLoad::write_deletions(LoadResult& result) {
    std::vector<std::int64_t> communities;
    if (!m_selection.whole_plan) {
        for (const auto& [workspace_id, loaded] : m_communities) communities.push_back(loaded.id);
    }
    PlatformDeletions deletions(m_context, m_plan, m_options.deleted_policy, m_selection.whole_plan, communities);
    // A table empty before this load holds only what it just wrote: nothing there can be gone from the plan.
    if (!m_comments_were_empty) deletions.run(platform_table("comment"), result.comments);
    if (!m_content_was_empty) deletions.run(platform_table("content"), result.content);
}

}  // namespace baton::load::sqlite_target
