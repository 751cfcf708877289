// The owner's home page (communities proposed to them, counts, decisions, tasks) and marking tasks done.
#include "core/text.hpp"
#include "portal/html_page.hpp"
#include "portal/owner_data.hpp"
#include "portal/pages.hpp"

namespace baton::portal {
namespace {

std::string decision_words(const std::optional<Decision>& decision) {
    if (!decision) return "<span class=\"warn\">waiting for your answer</span>";
    std::string out;
    if (decision->decision == "accept") out = "<span class=\"ok\">accepted</span>";
    if (decision->decision == "decline") out = "<span class=\"bad\">declined</span>";
    if (decision->decision == "nominate") out = "<span class=\"bad\">declined, nominated " + h(decision->nominee) + "</span>";
    return out + " <span class=\"muted\">" + h(decision->decided_at) + " by " + h(decision->decided_by) + "</span>";
}

std::string counts_line(const CommunityCounts& counts) {
    return "<div class=\"counts\"><span>" + h(text::counted(counts.migrated, "item")) + " to migrate</span><span>" +
           h(text::counted(counts.comments, "comment")) + "</span><span>" + std::to_string(counts.flagged) +
           " flagged</span><span>" + std::to_string(counts.stale) + " stale</span></div>";
}

std::string task_list(const Principal& principal, const std::vector<TaskRow>& tasks) {
    if (tasks.empty()) return "<p class=\"muted\">No tasks.</p>";
    std::string out;
    std::string community;
    for (const auto& task : tasks) {
        if (task.community_slug != community) {
            if (!community.empty()) out += "</ol>";
            community = task.community_slug;
            out += "<h3>" + h(task.community_name) + " <span class=\"pill\">" + h(task.role) + "</span></h3><ol>";
        }
        const bool done = task.status == "done";
        out += "<li class=\"task\" id=\"task-" + h(task.community_slug) + "-" + h(task.code) + "\"><b>" +
               h(task.title) + "</b> <span class=\"pill " + (done ? "ok" : "warn") + "\">" + h(task.status) +
               "</span>";
        if (!task.due_date.empty()) out += " <span class=\"muted\">due " + h(task.due_date) + "</span>";
        out += "<details><summary>What to do</summary><p class=\"pre\">" + h(task.description) + "</p></details>";
        out += post_form("/tasks", principal, "inline");
        out += "<input type=\"hidden\" name=\"community\" value=\"" + h(task.community_slug) + "\">";
        out += "<input type=\"hidden\" name=\"code\" value=\"" + h(task.code) + "\">";
        out += "<input type=\"hidden\" name=\"status\" value=\"" + std::string(done ? "open" : "done") + "\">";
        out += std::string("<button type=\"submit\"") + (done ? " class=\"secondary\">Reopen" : ">Mark done") +
               "</button></form>";
        if (!task.updated_by.empty()) {
            out += " <span class=\"muted\">" + h(task.updated_at) + " by " + h(task.updated_by) + "</span>";
        }
        out += "</li>";
    }
    out += "</ol>";
    return out;
}

}  // namespace

Response home(RequestContext& context, const Request& /*request*/, const Captures& /*captures*/) {
    if (!context.principal) return not_signed_in();
    const Principal& me = *context.principal;
    if (me.is_admin()) return Response::redirect("/admin");
    auto& db = context.db();
    std::string body = "<h1>Hello " + h(me.display_name) + "</h1>";
    const auto communities = communities_of(db, context.plan_run, me.person_id());
    body += "<p>These communities of the new platform are proposed to you, because of what you wrote in the old "
            "intranet. Please look at each one and tell us whether you take the role.</p>";
    if (communities.empty()) body += "<p class=\"muted\">No community is proposed to you in the current plan.</p>";
    for (const auto& mine : communities) {
        body += "<section class=\"card\"><h2><a href=\"/c/" + url_part(mine.community.slug) + "\">" +
                h(mine.community.name) + "</a> <span class=\"pill\">" + h(mine.role) + "</span></h2>";
        body += "<p>" + h(mine.reason) + "</p>";
        body += counts_line(mine.counts);
        body += "<p>Your answer: " + decision_words(mine.decision) + "</p>";
        body += "<p><a href=\"/c/" + url_part(mine.community.slug) + "\">Review this community</a></p></section>";
    }
    body += "<h2>My tasks</h2>";
    body += task_list(me, tasks_of(db, context.plan_run, me.person_id(), context.options.go_live));
    return Response::html(page("My communities", &me, body));
}

Response post_task(RequestContext& context, const Request& request, const Captures& /*captures*/) {
    if (!context.principal) return not_signed_in();
    const Principal& me = *context.principal;
    if (!csrf_valid(me, request)) return forbidden();
    if (me.is_admin()) return forbidden();
    const std::string slug = request.form_value("community");
    const std::string code = request.form_value("code");
    // Only the person's own tasks of the current plan.
    auto& db = context.db();
    auto& own = db.prepare(
        "SELECT 1 FROM plan_tasks t JOIN plan_communities c ON c.id = t.community_id WHERE t.plan_run = ? "
        "AND t.person_id = ? AND c.slug = ? AND t.code = ?");
    own.bind(1, context.plan_run).bind(2, me.person_id()).bind(3, slug).bind(4, code);
    if (!own.step()) return not_found();
    const std::string refusal =
        record_task_status(db, me.person_id(), slug, code, request.form_value("status"), me.actor());
    if (!refusal.empty()) return bad_request(refusal);
    return Response::redirect("/#task-" + url_part(slug) + "-" + url_part(code));
}

}  // namespace baton::portal
