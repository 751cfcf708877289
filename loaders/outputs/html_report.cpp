// The migration report: one self-contained HTML page on sources, counts, communities, owners and messages.
#include "loaders/outputs/html_report.hpp"

#include <sstream>

#include "core/text.hpp"
#include "loaders/outputs/html_report_attention.hpp"
#include "loaders/outputs/html_report_stewardship.hpp"
#include "transform/plan.hpp"
#include "workspace/status.hpp"

namespace baton::load {
namespace {

using text::html_escape;

constexpr const char* style = R"css(
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:70rem;padding:1rem 1.5rem;color:#1d2330;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{margin-top:2rem;border-bottom:2px solid #dde3ee;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e5e9f0;vertical-align:top}
th{background:#f3f5f9}td.n{text-align:right;font-variant-numeric:tabular-nums}.muted{color:#5b6475}
.role-owner{font-weight:600}.warn{color:#8a5a00}.error{color:#b00020}.pill{display:inline-block;padding:0 .5rem;border-radius:1rem;background:#eef2f8;margin-right:.3rem}
.cards{display:flex;flex-wrap:wrap;gap:.8rem}.card{border:1px solid #dde3ee;border-radius:.5rem;padding:.6rem 1rem;min-width:9rem}.card b{font-size:1.4rem;display:block}
table.sorting th{cursor:pointer}table.sorting th:hover{text-decoration:underline}th[aria-sort=ascending]::after{content:" \25B2"}th[aria-sort=descending]::after{content:" \25BC"}
)css";

// Sorts a table by the column whose header is clicked (or given Enter), numbers by value; without JavaScript the
// tables read the same, in the order the report wrote them.
constexpr const char* sort_script = R"js(
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead.rows[0].cells;
  table.classList.add("sorting");
  Array.prototype.forEach.call(heads, function (head, column) {
    head.tabIndex = 0;
    head.title = "sort by " + head.textContent;
    function sort() {
      var ascending = head.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
      head.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var numeric = head.classList.contains("n");
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[column] ? a.cells[column].textContent.trim() : "";
        var y = b.cells[column] ? b.cells[column].textContent.trim() : "";
        var order = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    }
    head.addEventListener("click", sort);
    head.addEventListener("keydown", function (event) { if (event.key === "Enter") sort(); });
  });
});
)js";

void card(std::ostringstream& out, const std::string& label, std::int64_t value) {
    out << "<div class=\"card\"><b>" << value << "</b>" << html_escape(label) << "</div>";
}

void sources_section(std::ostringstream& out, const workspace::WorkspaceStatus& status) {
    out << "<h2>Sources</h2>";
    if (status.sources.empty()) out << "<p class=\"muted\">No source has been extracted yet.</p>";
    for (const auto& source : status.sources) {
        const auto& info = source.source.info;
        out << "<h3>" << html_escape(info.title.empty() ? info.key : info.title) << " <span class=\"muted\">("
            << html_escape(info.kind) << (info.format_version.empty() ? "" : " " + html_escape(info.format_version))
            << ")</span></h3><p class=\"muted\">" << html_escape(info.key) << " &middot; read from "
            << html_escape(info.locator) << "</p>";
        out << "<table class=\"sortable\"><thead><tr><th>kind</th><th>status</th><th class=\"n\">items</th></tr></thead><tbody>";
        for (const auto& [kind, by_status] : source.items) {
            for (const auto& [item_status, count] : by_status) {
                out << "<tr><td>" << html_escape(kind) << "</td><td>"
                    << html_escape(item_status.empty() ? "(none)" : item_status) << "</td><td class=\"n\">" << count
                    << "</td></tr>";
            }
        }
        out << "</tbody></table><p>" << source.people << " people, " << source.containers << " containers, "
            << source.revisions << " revisions";
        if (source.removed_items > 0) out << ", " << source.removed_items << " items no longer in the export";
        out << "; latest extract: " << text::counted(source.warnings, "warning") << ", "
            << text::counted(source.errors, "error") << ".</p>";
    }
}

void decisions_section(std::ostringstream& out, workspace::Workspace& workspace, std::int64_t plan_run);

void communities_section(std::ostringstream& out, workspace::Workspace& workspace, std::int64_t plan_run) {
    out << "<h2>Communities and who runs them</h2>";
    if (plan_run == 0) {
        out << "<p class=\"muted\">No plan yet: run <code>baton plan</code>.</p>";
        return;
    }
    const auto summary = transform::read_plan_summary(workspace, plan_run);
    out << "<div class=\"cards\">";
    card(out, "communities", summary.communities);
    card(out, "people with a role", summary.people_with_roles);
    card(out, "items to migrate", summary.migrated_items);
    card(out, "items left out", summary.excluded_items);
    card(out, "communities without owner", summary.communities_without_owner);
    card(out, "onboarding tasks", summary.tasks);
    out << "</div>";
    out << "<table class=\"sortable\"><thead><tr><th>community</th><th class=\"n\">items</th><th class=\"n\">comments</th>"
           "<th>owners and managers, and why</th></tr></thead><tbody>";
    for (const auto& community : transform::read_communities(workspace, plan_run)) {
        out << "<tr><td><b>" << html_escape(community.name) << "</b><br><span class=\"muted\">/"
            << html_escape(community.slug) << "</span></td><td class=\"n\">" << community.migrated_items
            << "</td><td class=\"n\">" << community.migrated_comments << "</td><td>";
        if (community.roles.empty()) out << "<span class=\"warn\">no eligible owner: assign one by hand</span>";
        for (const auto& role : community.roles) {
            out << "<div><span class=\"role-" << html_escape(role.role) << "\">" << html_escape(role.display_name)
                << "</span> <span class=\"pill\">" << html_escape(role.role) << "</span><span class=\"muted\">"
                << html_escape(role.reason) << "</span></div>";
        }
        out << "</td></tr>";
    }
    out << "</tbody></table>";
    attention_sections(out, workspace, plan_run);
    auto excluded = workspace.db().prepare(
        "SELECT reason, count(*) FROM plan_placements WHERE plan_run = ? AND action = 'exclude' GROUP BY reason "
        "ORDER BY count(*) DESC, reason");
    excluded.bind(1, plan_run);
    bool any = false;
    while (excluded.step()) {
        if (!any) out << "<h3>Left out of the migration</h3><table class=\"sortable\"><thead><tr><th>why</th><th class=\"n\">items</th></tr></thead><tbody>";
        any = true;
        out << "<tr><td>" << html_escape(excluded.column_text(0)) << "</td><td class=\"n\">" << excluded.column_int(1)
            << "</td></tr>";
    }
    if (any) out << "</tbody></table>";
    decisions_section(out, workspace, plan_run);
}

// What the owners answered to earlier plans, and what this plan did with it.
void decisions_section(std::ostringstream& out, workspace::Workspace& workspace, std::int64_t plan_run) {
    auto select = workspace.db().prepare(
        "SELECT coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), d.community_slug, d.decision, "
        "d.decided_at, d.decided_by, d.via, coalesce(d.note, ''), x.outcome, x.effect FROM plan_decisions x "
        "JOIN owner_decisions d ON d.id = x.decision_id JOIN people p ON p.id = d.person_id WHERE x.plan_run = ? "
        "ORDER BY d.id");
    select.bind(1, plan_run);
    bool any = false;
    while (select.step()) {
        if (!any) {
            out << "<h3>Owner decisions</h3><p class=\"muted\">The latest answer of each person for each community, "
                   "as the review portal recorded it, and what this plan did with it.</p><table class=\"sortable\"><thead><tr><th>person</th>"
                   "<th>community</th><th>decision</th><th>when, by, via</th><th>note</th><th>effect</th></tr></thead><tbody>";
        }
        any = true;
        out << "<tr><td>" << html_escape(select.column_text(0)) << "</td><td>/" << html_escape(select.column_text(1))
            << "</td><td><span class=\"pill\">" << html_escape(select.column_text(2)) << "</span></td><td>"
            << html_escape(select.column_text(3)) << "<br><span class=\"muted\">" << html_escape(select.column_text(4))
            << ", " << html_escape(select.column_text(5)) << "</span></td><td>" << html_escape(select.column_text(6))
            << "</td><td" << (select.column_text(7) == "ignored" ? " class=\"warn\">ignored: " : ">")
            << html_escape(select.column_text(8)) << "</td></tr>";
    }
    if (any) out << "</tbody></table>";
}

void messages_section(std::ostringstream& out, workspace::Workspace& workspace, int max_messages) {
    auto& db = workspace.db();
    // Messages of each source's latest run, plus those of recent runs that failed before they
    // could name a source (a file that is not an export, or not there at all).
    const char* scope =
        "FROM messages m WHERE m.run_id IN (SELECT last_run FROM sources) OR (m.source_id IS NULL AND m.run_id IN "
        "(SELECT id FROM runs ORDER BY id DESC LIMIT 50))";
    const std::int64_t total = db.query_int(std::string("SELECT count(*) ") + scope);
    out << "<h2>Messages</h2>";
    if (total == 0) {
        out << "<p class=\"muted\">No warnings or errors.</p>";
        return;
    }
    auto select = db.prepare(std::string("SELECT m.severity, m.code, m.text, coalesce(m.file, ''), "
                                         "coalesce(m.line, 0), coalesce(m.item_key, '') ") +
                             scope + " ORDER BY m.severity = 'error' DESC, m.id LIMIT ?");
    select.bind(1, max_messages);
    out << "<table class=\"sortable\"><thead><tr><th>severity</th><th>where</th><th>item</th><th>message</th></tr></thead><tbody>";
    while (select.step()) {
        const std::string severity = select.column_text(0);
        std::string where = select.column_text(3);
        if (select.column_int(4) > 0) where += ":" + std::to_string(select.column_int(4));
        out << "<tr><td class=\"" << (severity == "error" ? "error" : "warn") << "\">" << html_escape(severity)
            << "</td><td>" << html_escape(where) << "</td><td>" << html_escape(select.column_text(5)) << "</td><td>"
            << html_escape(select.column_text(2)) << " <span class=\"muted\">(" << html_escape(select.column_text(1))
            << ")</span></td></tr>";
    }
    out << "</tbody></table>";
    if (total > max_messages) out << "<p class=\"muted\">and " << (total - max_messages) << " more.</p>";
}

void runs_section(std::ostringstream& out, const workspace::WorkspaceStatus& status, std::int64_t current_run) {
    out << "<h2>Runs</h2><table class=\"sortable\"><thead><tr><th>#</th><th>command</th><th>options</th><th>started</th><th>outcome</th></tr></thead><tbody>";
    for (const auto& run : status.runs) {
        if (run.id == current_run) continue;
        out << "<tr><td>" << run.id << "</td><td>" << html_escape(run.command) << "</td><td>"
            << html_escape(run.options) << "</td><td>" << html_escape(run.started_at) << "</td><td>"
            << html_escape(run.outcome);
        if (!run.error.empty()) out << "<br><span class=\"error\">" << html_escape(run.error) << "</span>";
        out << "</td></tr>";
    }
    out << "</tbody></table>";
}

}  // namespace

std::string render_html_report(workspace::Workspace& workspace, const ReportOptions& options) {
    const auto status = workspace::collect_status(workspace, 21);  // 20 besides this report's own run
    const std::int64_t plan_run = transform::latest_plan_run(workspace);
    std::ostringstream out;
    out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<title>baton migration report</title><style>"
        << style << "</style></head><body>";
    out << "<h1>Migration report</h1><p class=\"muted\">Workspace " << html_escape(status.path) << ", written "
        << html_escape(text::utc_now_iso()) << " by baton " << BATON_VERSION << ".</p>";
    out << "<div class=\"cards\">";
    std::int64_t items = 0;
    for (const auto& [kind, count] : status.items_by_kind) items += count;
    card(out, "sources", static_cast<std::int64_t>(status.sources.size()));
    card(out, "items", items);
    card(out, "revisions", status.revisions);
    card(out, "people", status.people);
    out << "</div>";
    sources_section(out, status);
    communities_section(out, workspace, plan_run);
    if (plan_run != 0) stewardship_section(out, workspace, plan_run);
    messages_section(out, workspace, options.max_messages);
    runs_section(out, status, options.current_run);
    out << "<script>" << sort_script << "</script></body></html>\n";
    return out.str();
}

}  // namespace baton::load
