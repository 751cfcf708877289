// What changed between two plans: communities, roles and content placement, matched by slug, person and item key.
#include "transform/plan_diff.hpp"

#include <map>

#include "core/error.hpp"

namespace baton::transform {
namespace {

std::map<std::string, std::string> communities(sql::Database& db, std::int64_t plan) {
    std::map<std::string, std::string> result;
    auto select = db.prepare("SELECT slug, name FROM plan_communities WHERE plan_run = ?");
    select.bind(1, plan);
    while (select.step()) result[select.column_text(0)] = select.column_text(1);
    return result;
}

// (slug, person key) -> (role, person name)
std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> roles(sql::Database& db,
                                                                                        std::int64_t plan) {
    std::map<std::pair<std::string, std::string>, std::pair<std::string, std::string>> result;
    auto select = db.prepare(
        "SELECT c.slug, p.key, r.role, coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key) "
        "FROM plan_roles r JOIN plan_communities c ON c.id = r.community_id JOIN people p ON p.id = r.person_id "
        "WHERE r.plan_run = ?");
    select.bind(1, plan);
    while (select.step()) {
        result[{select.column_text(0), select.column_text(1)}] = {select.column_text(2), select.column_text(3)};
    }
    return result;
}

}  // namespace

std::int64_t previous_plan_run(workspace::Workspace& workspace, std::int64_t plan_run) {
    auto select = workspace.db().prepare(
        "SELECT coalesce(max(p.run_id), 0) FROM plans p JOIN runs r ON r.id = p.run_id "
        "WHERE r.outcome = 'succeeded' AND p.run_id < ?");
    select.bind(1, plan_run);
    return select.step() ? select.column_int(0) : 0;
}

PlanDiff diff_plans(workspace::Workspace& workspace, std::int64_t before, std::int64_t after, std::size_t move_limit) {
    auto& db = workspace.db();
    auto is_plan = db.prepare(
        "SELECT count(*) FROM plans p JOIN runs r ON r.id = p.run_id WHERE p.run_id = ? AND r.outcome = 'succeeded'");
    is_plan.bind(1, before);
    if (!is_plan.step() || is_plan.column_int(0) == 0) {
        throw UsageError("run " + std::to_string(before) + " is not a plan of this workspace",
                         "`baton status` lists the runs; --diff takes a plan's run id or `previous`");
    }
    PlanDiff diff;
    diff.before_run = before;
    diff.after_run = after;
    const auto old_communities = communities(db, before);
    const auto new_communities = communities(db, after);
    for (const auto& [slug, name] : new_communities) {
        if (!old_communities.contains(slug)) diff.communities_added.push_back(slug + " (" + name + ")");
    }
    for (const auto& [slug, name] : old_communities) {
        if (!new_communities.contains(slug)) diff.communities_removed.push_back(slug + " (" + name + ")");
    }
    const auto old_roles = roles(db, before);
    const auto new_roles = roles(db, after);
    for (const auto& [key, value] : new_roles) {
        const auto found = old_roles.find(key);
        if (found == old_roles.end() || found->second.first != value.first) {
            diff.roles.push_back({key.first, value.second + " (" + key.second + ")",
                                  found == old_roles.end() ? std::string() : found->second.first, value.first});
        }
    }
    for (const auto& [key, value] : old_roles) {
        if (!new_roles.contains(key)) {
            diff.roles.push_back({key.first, value.second + " (" + key.second + ")", value.first, {}});
        }
    }
    // Placements joined by item: a different community slug, or migrate <-> exclude.
    auto moves = db.prepare(
        "SELECT i.key, coalesce(oc.slug, 'excluded: ' || o.reason), coalesce(nc.slug, 'excluded: ' || n.reason) "
        "FROM plan_placements n JOIN plan_placements o ON o.item_id = n.item_id AND o.plan_run = ?1 "
        "JOIN items i ON i.id = n.item_id "
        "LEFT JOIN plan_communities oc ON oc.id = o.community_id LEFT JOIN plan_communities nc ON nc.id = n.community_id "
        "WHERE n.plan_run = ?2 AND coalesce(oc.slug, 'excluded: ' || o.reason) <> coalesce(nc.slug, 'excluded: ' || "
        "n.reason) ORDER BY n.item_id");
    moves.bind(1, before).bind(2, after);
    while (moves.step()) {
        if (diff.moves.size() < move_limit) {
            diff.moves.push_back({moves.column_text(0), moves.column_text(1), moves.column_text(2)});
        }
        ++diff.moved_items;
    }
    return diff;
}

std::vector<std::string> describe_diff(const PlanDiff& diff) {
    std::vector<std::string> lines;
    for (const auto& community : diff.communities_added) lines.push_back("+ community " + community);
    for (const auto& community : diff.communities_removed) lines.push_back("- community " + community);
    for (const auto& change : diff.roles) {
        if (change.before.empty()) {
            lines.push_back("+ " + change.after + " of " + change.community + ": " + change.person);
        } else if (change.after.empty()) {
            lines.push_back("- " + change.before + " of " + change.community + ": " + change.person);
        } else {
            lines.push_back("~ " + change.before + " -> " + change.after + " of " + change.community + ": " +
                            change.person);
        }
    }
    for (const auto& move : diff.moves) lines.push_back("> " + move.item + ": " + move.before + " -> " + move.after);
    if (diff.moved_items > static_cast<std::int64_t>(diff.moves.size())) {
        lines.push_back("> and " + std::to_string(diff.moved_items - static_cast<std::int64_t>(diff.moves.size())) +
                        " more items moved");
    }
    return lines;
}

}  // namespace baton::transform
