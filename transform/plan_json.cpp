// A stored plan as JSON for scripts (`baton plan --json`).
#include "transform/plan_json.hpp"

#include <cstdio>

#include "core/text.hpp"
#include "transform/plan.hpp"

namespace baton::transform {
namespace {

using text::json_string;

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
    return buffer;
}

// Appends `[...]` built from the rows of `sql` (bound to the plan run), each row written by `row`.
template <typename Row>
void array(std::string& out, sql::Database& db, const std::string& sql, std::int64_t bound, Row row) {
    auto select = db.prepare(sql);
    select.bind(1, bound);
    out += '[';
    bool first = true;
    while (select.step()) {
        out += first ? "" : ",";
        first = false;
        row(select);
    }
    out += ']';
}

}  // namespace

std::string plan_to_json(workspace::Workspace& workspace, std::int64_t plan_run, const PlanDiff* diff) {
    auto& db = workspace.db();
    const PlanSummary summary = read_plan_summary(workspace, plan_run);
    std::string out = "{\"run_id\":" + std::to_string(plan_run);
    auto plan = db.prepare("SELECT rules, coalesce(mapping_file, '') FROM plans WHERE run_id = ?");
    plan.bind(1, plan_run);
    if (plan.step()) {
        out += ",\"rules\":" + json_string(plan.column_text(0));
        out += ",\"mapping_file\":" + (plan.column_text(1).empty() ? std::string("null") : json_string(plan.column_text(1)));
    }
    out += ",\"summary\":{\"communities\":" + std::to_string(summary.communities) +
           ",\"people_with_roles\":" + std::to_string(summary.people_with_roles) +
           ",\"migrated_items\":" + std::to_string(summary.migrated_items) +
           ",\"excluded_items\":" + std::to_string(summary.excluded_items) +
           ",\"communities_without_owner\":" + std::to_string(summary.communities_without_owner) +
           ",\"tasks\":" + std::to_string(summary.tasks) + "}";
    out += ",\"communities\":[";
    bool first = true;
    for (const auto& community : read_communities(workspace, plan_run)) {
        out += first ? "{" : ",{";
        first = false;
        out += "\"slug\":" + json_string(community.slug) + ",\"name\":" + json_string(community.name) +
               ",\"description\":" + json_string(community.description) +
               ",\"items\":" + std::to_string(community.migrated_items) +
               ",\"comments\":" + std::to_string(community.migrated_comments) + ",\"roles\":[";
        for (std::size_t i = 0; i < community.roles.size(); ++i) {
            const auto& role = community.roles[i];
            out += (i == 0 ? "{" : ",{") + std::string("\"person\":") + json_string(role.person_key) +
                   ",\"name\":" + json_string(role.display_name) + ",\"email\":" + json_string(role.email) +
                   ",\"role\":" + json_string(role.role) + ",\"rank\":" + std::to_string(role.rank) +
                   ",\"score\":" + number(role.score) + ",\"reason\":" + json_string(role.reason) + "}";
        }
        out += "],\"runners_up\":";
        array(out, db,
              "SELECT p.key, coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), c.rank, c.score, "
              "c.outcome, c.reason FROM plan_candidates c JOIN people p ON p.id = c.person_id WHERE c.community_id = ? "
              "AND c.outcome NOT IN ('owner', 'manager') ORDER BY c.rank",
              community.id, [&](sql::Statement& row) {
                  out += "{\"person\":" + json_string(row.column_text(0)) + ",\"name\":" + json_string(row.column_text(1)) +
                         ",\"rank\":" + std::to_string(row.column_int(2)) + ",\"score\":" + number(row.column_double(3)) +
                         ",\"outcome\":" + json_string(row.column_text(4)) +
                         ",\"reason\":" + json_string(row.column_text(5)) + "}";
              });
        auto archive = db.prepare(
            "SELECT count(*) FROM plan_archive_proposals a JOIN plan_placements p ON p.plan_run = a.plan_run AND "
            "p.item_id = a.item_id WHERE p.community_id = ?");
        archive.bind(1, community.id);
        out += ",\"archive_proposals\":" + std::to_string(archive.step() ? archive.column_int(0) : 0) + "}";
    }
    out += "],\"excluded\":";
    array(out, db,
          "SELECT reason, count(*) FROM plan_placements WHERE plan_run = ? AND action = 'exclude' GROUP BY reason "
          "ORDER BY count(*) DESC, reason",
          plan_run, [&](sql::Statement& row) {
              out += "{\"reason\":" + json_string(row.column_text(0)) + ",\"items\":" + std::to_string(row.column_int(1)) +
                     "}";
          });
    out += ",\"identities\":";
    array(out, db,
          "SELECT p.key, i.matched_by, coalesce(i.directory_login, ''), coalesce(i.status, ''), i.detail "
          "FROM plan_identities i JOIN people p ON p.id = i.person_id WHERE i.plan_run = ? ORDER BY p.key",
          plan_run, [&](sql::Statement& row) {
              out += "{\"person\":" + json_string(row.column_text(0)) + ",\"matched_by\":" +
                     json_string(row.column_text(1)) + ",\"directory_login\":" + json_string(row.column_text(2)) +
                     ",\"status\":" + json_string(row.column_text(3)) + ",\"detail\":" + json_string(row.column_text(4)) +
                     "}";
          });
    out += ",\"messages\":";
    array(out, db,
          "SELECT code, text, coalesce(file, ''), coalesce(line, 0) FROM messages WHERE run_id = ? ORDER BY id", plan_run,
          [&](sql::Statement& row) {
              out += "{\"code\":" + json_string(row.column_text(0)) + ",\"text\":" + json_string(row.column_text(1)) +
                     ",\"file\":" + json_string(row.column_text(2)) + ",\"line\":" + std::to_string(row.column_int(3)) +
                     "}";
          });
    out += ",\"decisions\":";
    array(out, db,
          "SELECT d.id, p.key, d.community_slug, d.decision, coalesce(n.key, d.nominee_login, ''), coalesce(d.note, ''), "
          "d.decided_by, d.decided_at, d.via, x.outcome, x.effect FROM plan_decisions x JOIN owner_decisions d ON "
          "d.id = x.decision_id JOIN people p ON p.id = d.person_id LEFT JOIN people n ON n.id = d.nominee_person_id "
          "WHERE x.plan_run = ? ORDER BY d.id",
          plan_run, [&](sql::Statement& row) {
              out += "{\"id\":" + std::to_string(row.column_int(0)) + ",\"person\":" + json_string(row.column_text(1)) +
                     ",\"community\":" + json_string(row.column_text(2)) +
                     ",\"decision\":" + json_string(row.column_text(3)) +
                     ",\"nominee\":" + json_string(row.column_text(4)) + ",\"note\":" + json_string(row.column_text(5)) +
                     ",\"decided_by\":" + json_string(row.column_text(6)) +
                     ",\"decided_at\":" + json_string(row.column_text(7)) + ",\"via\":" + json_string(row.column_text(8)) +
                     ",\"outcome\":" + json_string(row.column_text(9)) + ",\"effect\":" + json_string(row.column_text(10)) +
                     "}";
          });
    if (diff != nullptr) {
        out += ",\"diff\":{\"before_run\":" + std::to_string(diff->before_run) +
               ",\"communities_added\":[";
        for (std::size_t i = 0; i < diff->communities_added.size(); ++i) {
            out += (i ? "," : "") + json_string(diff->communities_added[i]);
        }
        out += "],\"communities_removed\":[";
        for (std::size_t i = 0; i < diff->communities_removed.size(); ++i) {
            out += (i ? "," : "") + json_string(diff->communities_removed[i]);
        }
        out += "],\"roles\":[";
        for (std::size_t i = 0; i < diff->roles.size(); ++i) {
            const auto& change = diff->roles[i];
            out += (i ? ",{" : "{") + std::string("\"community\":") + json_string(change.community) +
                   ",\"person\":" + json_string(change.person) + ",\"before\":" + json_string(change.before) +
                   ",\"after\":" + json_string(change.after) + "}";
        }
        out += "],\"moved_items\":" + std::to_string(diff->moved_items) + ",\"moves\":[";
        for (std::size_t i = 0; i < diff->moves.size(); ++i) {
            const auto& move = diff->moves[i];
            out += (i ? ",{" : "{") + std::string("\"item\":") + json_string(move.item) +
                   ",\"before\":" + json_string(move.before) + ",\"after\":" + json_string(move.after) + "}";
        }
        out += "]}";
    }
    out += "}\n";
    return out;
}

}  // namespace baton::transform
