// The report's sections on what needs an admin: communities with no active owner, people at or over the load limit.
#include "loaders/outputs/html_report_attention.hpp"

#include <string>

#include "core/text.hpp"

namespace baton::load {
namespace {

using text::html_escape;

// A community has an active owner when one of its owners is not known to have left: matched in the people
// directory and not departed there (a plan without a directory has no identities, so its owners count as active).
void without_active_owner(std::ostringstream& out, sql::Database& db, std::int64_t plan_run) {
    auto select = db.prepare(
        "SELECT c.name, c.slug, "
        "(SELECT count(*) FROM plan_placements p WHERE p.community_id = c.id AND p.action = 'migrate'), "
        "(SELECT group_concat(who, ', ') FROM (SELECT coalesce(nullif(pe.display_name, ''), nullif(pe.login, ''), "
        "   pe.key) || CASE WHEN d.matched_by IN ('unmatched', 'ambiguous') THEN ' (not found in the directory)' "
        "   WHEN d.status = 'departed' THEN ' (departed)' ELSE '' END AS who FROM plan_roles r "
        "   JOIN people pe ON pe.id = r.person_id LEFT JOIN plan_identities d ON d.plan_run = r.plan_run AND "
        "   d.person_id = r.person_id WHERE r.community_id = c.id AND r.role = 'owner' ORDER BY pe.key)) "
        "FROM plan_communities c WHERE c.plan_run = ?1 AND NOT EXISTS (SELECT 1 FROM plan_roles r "
        "LEFT JOIN plan_identities d ON d.plan_run = r.plan_run AND d.person_id = r.person_id "
        "WHERE r.community_id = c.id AND r.role = 'owner' AND (d.person_id IS NULL OR "
        "(d.matched_by NOT IN ('unmatched', 'ambiguous') AND coalesce(d.status, '') <> 'departed'))) "
        "ORDER BY c.name, c.slug");
    select.bind(1, plan_run);
    bool any = false;
    while (select.step()) {
        if (!any) {
            out << "<h3>Communities with no active owner</h3><p class=\"muted\">No owner at all, or every owner has "
                   "left or could not be found in the people directory: name an owner (a pin in the mapping) before "
                   "the migration.</p><table class=\"sortable\"><thead><tr><th>community</th><th class=\"n\">items"
                   "</th><th>owner</th></tr></thead><tbody>";
        }
        any = true;
        const std::string owners = select.column_text(3);
        out << "<tr><td><b>" << html_escape(select.column_text(0)) << "</b><br><span class=\"muted\">/"
            << html_escape(select.column_text(1)) << "</span></td><td class=\"n\">" << select.column_int(2)
            << "</td><td>"
            << (owners.empty() ? std::string("<span class=\"warn\">no owner</span>") : html_escape(owners))
            << "</td></tr>";
    }
    if (any) out << "</tbody></table>";
}

// People given as many communities as the mapping allows one person, or more (pins and decisions may pass it).
void over_load_limit(std::ostringstream& out, sql::Database& db, std::int64_t plan_run) {
    auto limit_of = db.prepare("SELECT coalesce(max_communities_per_person, 0) FROM plans WHERE run_id = ?");
    limit_of.bind(1, plan_run);
    const std::int64_t limit = limit_of.step() ? limit_of.column_int(0) : 0;
    if (limit <= 0) return;
    auto select = db.prepare(
        "SELECT coalesce(nullif(pe.display_name, ''), nullif(pe.login, ''), pe.key), pe.key, count(*), "
        "group_concat(c.name || ' (' || r.role || ')', ', ') FROM (SELECT * FROM plan_roles WHERE plan_run = ?1 AND "
        "role IN ('owner', 'manager') "
        "ORDER BY community_id) r JOIN people pe ON pe.id = r.person_id JOIN plan_communities c ON c.id = "
        "r.community_id "
        "GROUP BY r.person_id HAVING count(*) >= ?2 ORDER BY count(*) DESC, pe.key");
    select.bind(1, plan_run).bind(2, limit);
    bool any = false;
    while (select.step()) {
        if (!any) {
            out << "<h3>People at or over the load limit</h3><p class=\"muted\">The mapping gives one person at most "
                << text::counted(limit, "community", "communities")
                << "; these people reach or pass it.</p><table class=\"sortable\"><thead><tr><th>person</th>"
                   "<th>key</th><th class=\"n\">communities</th><th>load</th><th>roles</th></tr></thead><tbody>";
        }
        any = true;
        const std::int64_t count = select.column_int(2);
        out << "<tr><td>" << html_escape(select.column_text(0)) << "</td><td>" << html_escape(select.column_text(1))
            << "</td><td class=\"n\">" << count << "</td><td>"
            << (count > limit ? "<span class=\"warn\">over the limit</span>" : "at the limit") << "</td><td>"
            << html_escape(select.column_text(3)) << "</td></tr>";
    }
    if (any) out << "</tbody></table>";
}

}  // namespace

void attention_sections(std::ostringstream& out, workspace::Workspace& workspace, std::int64_t plan_run) {
    auto& db = workspace.db();
    without_active_owner(out, db, plan_run);
    over_load_limit(out, db, plan_run);
}

}  // namespace baton::load
