// A community's review page (role and decision, co-managers, items that move, flagged and stale items) and
// the answers given on it: the decision on the role and keep / archive choices.
#include <algorithm>

#include "core/text.hpp"
#include "portal/html_page.hpp"
#include "portal/owner_data.hpp"
#include "portal/pages.hpp"

namespace baton::portal {
namespace {

constexpr int page_size = 50;

struct Access {
    CommunityInfo community;
    std::optional<RoleHolder> role;  // the viewer's role; nullopt for the admin
};

// The community when the viewer may see it: the admin any, a person only those they hold a role in.
std::optional<Access> access(RequestContext& context, const std::string& slug) {
    if (!context.principal) return std::nullopt;
    auto community = community_by_slug(context.db(), context.plan_run, slug);
    if (!community) return std::nullopt;
    if (context.principal->is_admin()) return Access{*community, std::nullopt};
    auto role = role_in(context.db(), community->id, context.principal->person_id());
    if (!role) return std::nullopt;
    return Access{*community, role};
}

std::string decision_form(const Principal& me, const CommunityInfo& community, const std::vector<std::string>& people) {
    const std::string base = "/c/" + url_part(community.slug);
    std::string out = post_form(base + "/decision", me, "decision");
    out += "<fieldset><legend>Your answer</legend>"
           "<label><input type=\"radio\" name=\"decision\" value=\"accept\" required> I accept the role</label>"
           "<label><input type=\"radio\" name=\"decision\" value=\"decline\"> I decline the role</label>"
           "<label for=\"nominee\">Someone else who should take it (their login, optional when declining)</label>"
           "<input type=\"text\" id=\"nominee\" name=\"nominee\" list=\"directory\" autocomplete=\"off\" "
           "maxlength=\"200\"><datalist id=\"directory\">";
    for (const auto& login : people) out += "<option value=\"" + h(login) + "\">";
    out += "</datalist><label for=\"note\">A note for the migration team (optional)</label>"
           "<textarea id=\"note\" name=\"note\" maxlength=\"4000\"></textarea>"
           "<button type=\"submit\">Send my answer</button></fieldset></form>";
    return out;
}

std::string items_section(RequestContext& context, const Access& access, const Request& request) {
    const std::string search = text::trim(request.query_value("q"));
    const auto page_number = text::parse_int(request.query_value("page")).value_or(1);
    const int page = static_cast<int>(std::clamp<std::int64_t>(page_number, 1, 1000000));
    const auto items = items_of(context.db(), context.plan_run, access.community.id, search, page, page_size);
    const std::string base = "/c/" + url_part(access.community.slug);
    std::string out = "<h2 id=\"items\">Items that will move (" + std::to_string(items.total) + ")</h2>";
    out += "<form method=\"get\" action=\"" + base + "#items\" role=\"search\"><label for=\"q\">Search titles</label>"
           "<input type=\"search\" id=\"q\" name=\"q\" value=\"" + h(search) + "\"> <button type=\"submit\" "
           "class=\"secondary\">Search</button></form>";
    if (items.items.empty()) return out + "<p class=\"muted\">No items" + (search.empty() ? "" : " match") + ".</p>";
    out += "<table><tr><th>title</th><th>kind</th><th class=\"opt\">status</th><th class=\"opt\">last changed</th>"
           "</tr>";
    for (const auto& item : items.items) {
        out += "<tr><td>" + h(item.title) + "</td><td>" + h(item.kind) + "</td><td class=\"opt\">" + h(item.status) +
               "</td><td class=\"opt\">" + h(item.modified_at.substr(0, 10)) + "</td></tr>";
    }
    out += "</table>";
    const std::int64_t pages = (items.total + page_size - 1) / page_size;
    if (pages > 1) {
        const std::string query = search.empty() ? "" : "q=" + url_part(search) + "&amp;";
        out += "<p class=\"pager\">Page " + std::to_string(items.page) + " of " + std::to_string(pages) + " ";
        if (items.page > 1) {
            out += "<a href=\"" + base + "?" + query + "page=" + std::to_string(items.page - 1) + "#items\">previous</a>";
        }
        if (items.page < pages) {
            out += "<a href=\"" + base + "?" + query + "page=" + std::to_string(items.page + 1) + "#items\">next</a>";
        }
        out += "</p>";
    }
    return out;
}

std::string flagged_section(RequestContext& context, const Access& access) {
    const auto flagged = flagged_items(context.db(), context.plan_run, access.community.id);
    std::string out = "<h2 id=\"flagged\">Flagged items (" + std::to_string(flagged.size()) + ")</h2>";
    if (flagged.empty()) return out + "<p class=\"muted\">Nothing is flagged.</p>";
    out += "<table><tr><th>title</th><th>what is wrong</th></tr>";
    for (const auto& item : flagged) {
        out += "<tr><td>" + h(item.title) + " <span class=\"muted\">(" + h(item.kind) + ")</span></td><td class=\"pre\">" +
               h(item.detail) + "</td></tr>";
    }
    return out + "</table>";
}

std::string stale_section(RequestContext& context, const Access& access) {
    const auto stale = stale_items(context.db(), context.plan_run, access.community);
    std::string out = "<h2 id=\"stale\">Stale items (" + std::to_string(stale.size()) + ")</h2>";
    if (stale.empty()) return out + "<p class=\"muted\">No item is proposed for archive.</p>";
    out += "<table><tr><th>title</th><th>why</th><th>keep or archive</th></tr>";
    const std::string base = "/c/" + url_part(access.community.slug) + "/items/";
    for (const auto& item : stale) {
        out += "<tr><td>" + h(item.title) + "</td><td>" + h(item.detail) + "</td><td>";
        out += item.choice.empty() ? std::string("<span class=\"warn\">not decided</span>")
                                   : "<b>" + h(item.choice) + "</b>";
        if (access.role) {
            for (const char* choice : {"keep", "archive"}) {
                out += post_form(base + std::to_string(item.id) + "/choice", *context.principal, "inline");
                out += "<input type=\"hidden\" name=\"choice\" value=\"" + std::string(choice) +
                       "\"><button type=\"submit\" class=\"secondary\">" + choice + "</button></form>";
            }
        }
        out += "</td></tr>";
    }
    return out + "</table>";
}

}  // namespace

Response community_page(RequestContext& context, const Request& request, const Captures& captures) {
    if (!context.principal) return not_signed_in();
    const auto found = access(context, captures.at(0));
    if (!found) return not_found();
    const Principal& me = *context.principal;
    auto& db = context.db();
    const auto& community = found->community;
    std::string body = "<p><a href=\"" + std::string(me.is_admin() ? "/admin" : "/") + "\">&larr; back</a></p>";
    body += "<h1>" + h(community.name) + "</h1>";
    if (!community.description.empty()) body += "<p class=\"muted\">" + h(community.description) + "</p>";
    const auto counts = counts_of(db, context.plan_run, community.id);
    body += "<div class=\"counts\"><span>" + h(text::counted(counts.migrated, "item")) + " to migrate</span><span>" +
            std::to_string(counts.flagged) + " flagged</span><span>" + std::to_string(counts.stale) +
            " stale</span></div>";
    if (found->role) {
        body += "<section class=\"card\"><h2>Your role: " + h(found->role->role) + "</h2><p>" + h(found->role->reason) +
                "</p>";
        const auto decision = latest_decision(db, me.person_id(), community.slug);
        if (decision) {
            body += "<p>Your answer so far: <b>" + h(decision->decision) + "</b>";
            if (!decision->nominee.empty()) body += ", nominating " + h(decision->nominee);
            body += " <span class=\"muted\">(" + h(decision->decided_at) + ")</span></p>";
        }
        body += decision_form(me, community, nominee_suggestions(db, context.plan_run, community.id));
        body += "</section>";
    }
    body += "<h2>Proposed owners and managers</h2><table><tr><th>who</th><th>role</th><th>why</th><th>answer</th></tr>";
    for (const auto& holder : roles_of(db, community)) {
        body += "<tr><td>" + h(holder.display_name) + "</td><td>" + h(holder.role) + "</td><td>" + h(holder.reason) +
                "</td><td>" + (holder.decision ? h(holder.decision->decision) : std::string("pending")) + "</td></tr>";
    }
    body += "</table>";
    body += items_section(context, *found, request);
    body += flagged_section(context, *found);
    body += stale_section(context, *found);
    return Response::html(page(community.name, &me, body));
}

Response post_decision(RequestContext& context, const Request& request, const Captures& captures) {
    if (!context.principal) return not_signed_in();
    if (!csrf_valid(*context.principal, request)) return forbidden();
    const auto found = access(context, captures.at(0));
    if (!found) return not_found();
    if (!found->role) return forbidden();  // the admin reads, owners answer
    DecisionInput input;
    input.person_id = context.principal->person_id();
    input.community_slug = found->community.slug;
    input.decision = request.form_value("decision");
    input.nominee = text::trim(request.form_value("nominee"));
    input.note = request.form_value("note");
    input.decided_by = context.principal->actor();
    if (input.decision == "decline" && !input.nominee.empty()) input.decision = "nominate";
    const std::string refusal = record_decision(context.db(), context.plan_run, input, context.options.directory);
    if (!refusal.empty()) return bad_request(refusal);
    return Response::redirect("/c/" + url_part(found->community.slug));
}

Response post_item_choice(RequestContext& context, const Request& request, const Captures& captures) {
    if (!context.principal) return not_signed_in();
    if (!csrf_valid(*context.principal, request)) return forbidden();
    const auto found = access(context, captures.at(0));
    if (!found) return not_found();
    if (!found->role) return forbidden();
    const auto item_id = text::parse_int(captures.at(1));
    if (!item_id) return not_found();
    // Only items of this community proposed for archive in the current plan.
    auto& listed = context.db().prepare(
        "SELECT 1 FROM plan_archive_proposals a JOIN plan_placements p ON p.plan_run = a.plan_run "
        "AND p.item_id = a.item_id WHERE a.plan_run = ? AND a.item_id = ? AND p.community_id = ? "
        "AND p.action = 'migrate'");
    listed.bind(1, context.plan_run).bind(2, *item_id).bind(3, found->community.id);
    if (!listed.step()) return not_found();
    const std::string refusal = record_item_choice(context.db(), context.principal->person_id(), found->community.slug,
                                                   *item_id, request.form_value("choice"), context.principal->actor());
    if (!refusal.empty()) return bad_request(refusal);
    return Response::redirect("/c/" + url_part(found->community.slug) + "#stale");
}

}  // namespace baton::portal
