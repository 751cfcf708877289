// The report's section on a mapping plan: contribution concentration, runners-up, unmatched people, archive proposals.
#include "loaders/outputs/html_report_stewardship.hpp"

#include <cstdio>
#include <string>

#include "core/text.hpp"

namespace baton::load {
namespace {

using text::html_escape;

std::string percent(double share) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.0f%%", share * 100);
    return buffer;
}

// One inline SVG bar per community: the share of its total score held by the first-ranked person, then by the
// next two; a community run by one heavy contributor shows a long dark bar.
void concentration_chart(std::ostringstream& out, sql::Database& db, std::int64_t plan_run) {
    auto select = db.prepare(
        "SELECT c.name, sum(k.score), sum(CASE WHEN k.rank = 1 THEN k.score ELSE 0 END), "
        "sum(CASE WHEN k.rank IN (2, 3) THEN k.score ELSE 0 END), count(*) FROM plan_candidates k "
        "JOIN plan_communities c ON c.id = k.community_id WHERE k.plan_run = ? GROUP BY c.id "
        "HAVING sum(k.score) > 0 ORDER BY c.name");
    select.bind(1, plan_run);
    std::ostringstream bars;
    int rows = 0;
    while (select.step()) {
        const double total = select.column_double(1);
        const double first = select.column_double(2) / total;
        const double next = select.column_double(3) / total;
        const int y = rows++ * 22;
        bars << "<text x=\"0\" y=\"" << y + 15 << "\">" << html_escape(select.column_text(0)) << "</text>"
             << "<rect x=\"220\" y=\"" << y + 3 << "\" width=\"400\" height=\"16\" fill=\"#eef2f8\"/>"
             << "<rect x=\"220\" y=\"" << y + 3 << "\" width=\"" << static_cast<int>(first * 400)
             << "\" height=\"16\" fill=\"#2f4b7c\"/>"
             << "<rect x=\"" << 220 + static_cast<int>(first * 400) << "\" y=\"" << y + 3 << "\" width=\""
             << static_cast<int>(next * 400) << "\" height=\"16\" fill=\"#8fa3c8\"/>"
             << "<text x=\"630\" y=\"" << y + 15 << "\">" << percent(first) << " + " << percent(next) << " of "
             << select.column_int(4) << "</text>";
    }
    if (rows == 0) return;
    out << "<h3>Contribution concentration</h3><p class=\"muted\">Share of each community's stewardship score held by "
           "its first-ranked contributor (dark) and the next two (light), of everyone ranked.</p>"
        << "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"760\" height=\"" << rows * 22 + 4
        << "\" style=\"font:12px system-ui,sans-serif\">" << bars.str() << "</svg>";
}

}  // namespace

void stewardship_section(std::ostringstream& out, workspace::Workspace& workspace, std::int64_t plan_run) {
    auto& db = workspace.db();
    auto plan = db.prepare("SELECT coalesce(mapping_file, '') FROM plans WHERE run_id = ?");
    plan.bind(1, plan_run);
    if (!plan.step() || plan.column_text(0).empty()) return;
    out << "<h2>Stewardship</h2><p class=\"muted\">Planned with the mapping " << html_escape(plan.column_text(0))
        << " (docs/mapping-format.md).</p>";
    concentration_chart(out, db, plan_run);

    auto runners = db.prepare(
        "SELECT c.name, coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), k.outcome, k.reason "
        "FROM plan_candidates k JOIN plan_communities c ON c.id = k.community_id JOIN people p ON p.id = k.person_id "
        "WHERE k.plan_run = ? AND k.outcome = 'runner-up' AND (SELECT count(*) FROM plan_candidates o WHERE "
        "o.community_id = k.community_id AND o.outcome = 'runner-up' AND o.rank < k.rank) < 3 ORDER BY c.name, k.rank");
    runners.bind(1, plan_run);
    bool any = false;
    while (runners.step()) {
        if (!any) {
            out << "<h3>Runners-up</h3><table class=\"sortable\"><thead><tr><th>community</th><th>person</th><th>why not (yet)</th></tr></thead><tbody>";
        }
        any = true;
        out << "<tr><td>" << html_escape(runners.column_text(0)) << "</td><td>" << html_escape(runners.column_text(1))
            << "</td><td class=\"muted\">" << html_escape(runners.column_text(3)) << "</td></tr>";
    }
    if (any) out << "</tbody></table>";

    auto unmatched = db.prepare(
        "SELECT coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), p.key, i.matched_by, i.detail "
        "FROM plan_identities i JOIN people p ON p.id = i.person_id WHERE i.plan_run = ? AND i.matched_by IN "
        "('unmatched', 'ambiguous') ORDER BY i.matched_by, p.key");
    unmatched.bind(1, plan_run);
    any = false;
    while (unmatched.step()) {
        if (!any) out << "<h3>People nobody could match</h3><table class=\"sortable\"><thead><tr><th>person</th><th>key</th><th>why</th></tr></thead><tbody>";
        any = true;
        out << "<tr><td>" << html_escape(unmatched.column_text(0)) << "</td><td>" << html_escape(unmatched.column_text(1))
            << "</td><td><span class=\"pill\">" << html_escape(unmatched.column_text(2)) << "</span>"
            << html_escape(unmatched.column_text(3)) << "</td></tr>";
    }
    if (any) out << "</tbody></table>";

    auto archive = db.prepare(
        "SELECT c.name, coalesce(nullif(i.title, ''), i.key), a.reason FROM plan_archive_proposals a "
        "JOIN items i ON i.id = a.item_id JOIN plan_placements pl ON pl.plan_run = a.plan_run AND pl.item_id = a.item_id "
        "JOIN plan_communities c ON c.id = pl.community_id WHERE a.plan_run = ? ORDER BY c.name, i.id LIMIT 500");
    archive.bind(1, plan_run);
    any = false;
    while (archive.step()) {
        if (!any) out << "<h3>Proposed for archive</h3><table class=\"sortable\"><thead><tr><th>community</th><th>item</th><th>why</th></tr></thead><tbody>";
        any = true;
        out << "<tr><td>" << html_escape(archive.column_text(0)) << "</td><td>" << html_escape(archive.column_text(1))
            << "</td><td class=\"muted\">" << html_escape(archive.column_text(2)) << "</td></tr>";
    }
    if (any) out << "</tbody></table>";
}

}  // namespace baton::load
