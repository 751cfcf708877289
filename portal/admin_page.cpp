// The admin dashboard: coverage, pending and declined roles, overdue tasks, search, and the plan diff.
#include "core/text.hpp"
#include "portal/admin_data.hpp"
#include "portal/html_page.hpp"
#include "portal/pages.hpp"
#include "transform/plan_diff.hpp"

namespace baton::portal {
namespace {

std::string answers_table(const std::vector<RoleAnswer>& answers, bool with_decision) {
    std::string out = "<table><tr><th>community</th><th>who</th><th>role</th>";
    if (with_decision) out += "<th>answer</th><th class=\"opt\">note</th>";
    out += "</tr>";
    for (const auto& answer : answers) {
        out += "<tr><td><a href=\"/c/" + url_part(answer.community_slug) + "\">" + h(answer.community_name) +
               "</a></td><td>" + h(answer.person) + " <span class=\"muted\">" + h(answer.login) + "</span></td><td>" +
               h(answer.role) + "</td>";
        if (with_decision) {
            out += "<td>" + std::string(answer.decision == "accept" ? "accepted" : "declined");
            if (!answer.nominee.empty()) out += ", nominates " + h(answer.nominee);
            out += " <span class=\"muted\">" + h(answer.decided_at) + "</span></td><td class=\"opt pre\">" +
                   h(answer.note) + "</td>";
        }
        out += "</tr>";
    }
    return out + "</table>";
}

std::string diff_section(RequestContext& context) {
    std::string out = "<h2>Changes since the previous plan</h2>";
    const std::int64_t previous = transform::previous_plan_run(context.workspace, context.plan_run);
    if (previous == 0) return out + "<p class=\"muted\">This is the first plan: nothing to compare.</p>";
    const auto diff = transform::diff_plans(context.workspace, previous, context.plan_run, 100);
    out += "<p class=\"muted\">plan run " + std::to_string(previous) + " &rarr; " + std::to_string(context.plan_run) +
           "</p>";
    if (diff.empty()) return out + "<p>No change.</p>";
    out += "<ul class=\"diff\">";
    for (const auto& line : transform::describe_diff(diff)) out += "<li>" + h(line) + "</li>";
    return out + "</ul>";
}

}  // namespace

Response admin_dashboard(RequestContext& context, const Request& request, const Captures& /*captures*/) {
    if (!context.principal) return not_signed_in();
    if (!context.principal->is_admin()) return not_found();
    auto& db = context.db();
    const auto covered = coverage(db, context.plan_run);
    std::string body = "<h1>Review dashboard</h1>";
    body += "<div class=\"counts\"><span id=\"coverage\"><b>" + std::to_string(covered.with_accepting_owner) + " of " +
            std::to_string(covered.communities) + "</b> communities have an owner who accepted</span><span>" +
            std::to_string(covered.roles_answered) + " of " + std::to_string(covered.roles) +
            " roles answered</span></div>";
    const std::string query = text::trim(request.query_value("q"));
    body += "<form method=\"get\" action=\"/admin\" role=\"search\"><label for=\"q\">Find a person or community</label>"
            "<input type=\"search\" id=\"q\" name=\"q\" value=\"" + h(query) + "\"> <button type=\"submit\" "
            "class=\"secondary\">Search</button></form>";
    if (!query.empty()) {
        const auto hits = search(db, context.plan_run, query);
        body += "<h2>Search results (" + std::to_string(hits.size()) + ")</h2>";
        if (hits.empty()) body += "<p class=\"muted\">Nothing matches.</p>";
        body += "<ul>";
        for (const auto& hit : hits) {
            body += "<li><span class=\"pill\">" + h(hit.kind) + "</span>";
            body += hit.slug.empty() ? h(hit.label)
                                     : "<a href=\"/c/" + url_part(hit.slug) + "\">" + h(hit.label) + "</a>";
            body += " <span class=\"muted\">" + h(hit.detail) + "</span></li>";
        }
        body += "</ul>";
    }
    const auto declined = declined_roles(db, context.plan_run);
    body += "<h2 id=\"declined\">Declined (" + std::to_string(declined.size()) + ")</h2>";
    body += declined.empty() ? "<p class=\"muted\">No one declined.</p>" : answers_table(declined, true);
    const auto pending = pending_roles(db, context.plan_run);
    body += "<h2 id=\"pending\">Waiting for an answer (" + std::to_string(pending.size()) + ")</h2>";
    body += pending.empty() ? "<p class=\"muted\">Everyone answered.</p>" : answers_table(pending, false);
    body += "<h2 id=\"overdue\">Overdue tasks</h2>";
    if (context.options.go_live.empty()) {
        body += "<p class=\"muted\">Start the portal with <code>--go-live YYYY-MM-DD</code> to see due dates.</p>";
    } else {
        const auto overdue = overdue_tasks(db, context.plan_run, context.options.go_live);
        if (overdue.empty()) body += "<p class=\"muted\">No task is overdue.</p>";
        else {
            body += "<table><tr><th>community</th><th>who</th><th>task</th><th>due</th><th>status</th></tr>";
            for (const auto& task : overdue) {
                body += "<tr><td>" + h(task.community_slug) + "</td><td>" + h(task.person) + "</td><td>" +
                        h(task.title) + "</td><td>" + h(task.due_date) + "</td><td>" + h(task.status) + "</td></tr>";
            }
            body += "</table>";
        }
    }
    body += diff_section(context);
    return Response::html(page("Dashboard", &*context.principal, body));
}

}  // namespace baton::portal
