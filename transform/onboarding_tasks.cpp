// Onboarding tasks for every owner and manager in a plan: concrete, personal, only those that apply.
#include "transform/onboarding_tasks.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "transform/plan.hpp"

namespace baton::transform {
namespace {

// How many item titles a task lists before "and N more".
constexpr std::size_t listed_titles = 25;

struct CommunityFacts {
    std::int64_t migrated = 0;      // items that are not comments
    std::int64_t comments = 0;
    std::int64_t unpublished = 0;   // drafts, private, pending, future
    std::vector<std::string> titles;
};

// The facts of every community with migrated content, in two passes over the plan's placements (in item order,
// so items are read sequentially): counts grouped by community, then the first titles of each community kept in a
// bounded heap. Memory grows with the number of communities, never with the number of items.
std::map<std::int64_t, CommunityFacts> facts_of_communities(sql::Database& db, std::int64_t plan_run) {
    std::map<std::int64_t, CommunityFacts> all;
    auto counts = db.prepare(
        "SELECT p.community_id, sum(i.kind <> 'comment'), sum(i.kind = 'comment'), "
        "sum(i.kind <> 'comment' AND coalesce(i.status, '') IN ('draft', 'private', 'pending', 'future')) "
        "FROM plan_placements p JOIN items i ON i.id = p.item_id "
        "WHERE p.plan_run = ? AND p.action = 'migrate' GROUP BY p.community_id");
    counts.bind(1, plan_run);
    while (counts.step()) {
        auto& facts = all[counts.column_int(0)];
        facts.migrated = counts.column_int(1);
        facts.comments = counts.column_int(2);
        facts.unpublished = counts.column_int(3);
    }
    // The first titles by (title, key), as ORDER BY i.title, i.key would give them.
    using Entry = std::pair<std::pair<std::string, std::string>, std::string>;  // ((title, key), listed text)
    std::map<std::int64_t, std::vector<Entry>> heaps;
    auto titles = db.prepare(
        "SELECT p.community_id, coalesce(i.title, ''), i.key, coalesce(nullif(i.title, ''), i.key) || ' (' || "
        "i.kind || ')' FROM plan_placements p JOIN items i ON i.id = p.item_id WHERE p.plan_run = ? AND "
        "p.action = 'migrate' AND i.kind <> 'comment'");
    titles.bind(1, plan_run);
    while (titles.step()) {
        auto& heap = heaps[titles.column_int(0)];
        Entry entry{{titles.column_text(1), titles.column_text(2)}, {}};
        if (heap.size() == listed_titles && !(entry.first < heap.front().first)) continue;
        entry.second = titles.column_text(3);
        heap.push_back(std::move(entry));
        std::push_heap(heap.begin(), heap.end());  // the largest (title, key) on top
        if (heap.size() > listed_titles) {
            std::pop_heap(heap.begin(), heap.end());
            heap.pop_back();
        }
    }
    for (auto& [community, heap] : heaps) {
        std::sort_heap(heap.begin(), heap.end());
        for (auto& entry : heap) all[community].titles.push_back(std::move(entry.second));
    }
    return all;
}

std::string item_list(const CommunityFacts& facts) {
    std::string text;
    for (const auto& title : facts.titles) text += "\n- " + title;
    if (facts.migrated > static_cast<std::int64_t>(facts.titles.size())) {
        text += "\n- and " + std::to_string(facts.migrated - static_cast<std::int64_t>(facts.titles.size())) +
                " more (see the report)";
    }
    return text;
}

std::string names_of(const PlannedCommunity& community, const std::string& role, std::int64_t except_person) {
    std::string names;
    for (const auto& member : community.roles) {
        if (member.role != role || member.person_id == except_person) continue;
        names += (names.empty() ? "" : ", ") + member.display_name;
    }
    return names;
}

// ": owners A; managers B, C" or "" when nobody else has a role.
std::string team_of(const PlannedCommunity& community) {
    if (community.roles.size() < 2) return {};
    const std::string owners = names_of(community, "owner", 0);
    const std::string managers = names_of(community, "manager", 0);
    return ": owners " + owners + (managers.empty() ? std::string() : "; managers " + managers);
}

}  // namespace

void generate_onboarding_tasks(workspace::Workspace& workspace, std::int64_t plan_run) {
    auto& db = workspace.db();
    auto insert = db.prepare(
        "INSERT INTO plan_tasks(plan_run, person_id, community_id, role, seq, code, title, description, "
        "due_offset_days) VALUES (?,?,?,?,?,?,?,?,?)");
    const auto all_facts = facts_of_communities(db, plan_run);
    for (const auto& community : read_communities(workspace, plan_run)) {
        static const CommunityFacts none;
        const auto found = all_facts.find(community.id);
        const CommunityFacts& facts = found == all_facts.end() ? none : found->second;
        for (const auto& member : community.roles) {
            int seq = 0;
            const auto add = [&](const char* code, const std::string& title, const std::string& description,
                                 int due) {
                insert.bind(1, plan_run).bind(2, member.person_id).bind(3, community.id).bind(4, member.role);
                insert.bind(5, ++seq).bind(6, code).bind(7, title).bind(8, description).bind(9, due).run();
            };
            const std::string& name = community.name;
            add("accept-role", "Accept your role as " + member.role + " of " + name + " (or nominate someone)",
                "You were proposed because you " + member.reason +
                    ". Say yes, or name the colleague who should take it on instead.",
                -21);
            add("review-community", "Review the community " + name,
                "Check its name and description, and who will run it with you" + team_of(community) + ".", -14);
            if (facts.migrated > 0) {
                add("check-items",
                    "Check the " + text::counted(facts.migrated, "item") + " migrated into " + name,
                    "Open each one after the migration and confirm it reads well; report anything broken." +
                        item_list(facts),
                    -7);
            }
            if (member.role == "owner" && facts.unpublished > 0) {
                add("decide-unpublished",
                    "Decide on the " + text::counted(facts.unpublished, "unpublished item") + " in " + name,
                    "Drafts, private and scheduled items move as they are; publish, keep or delete each of them.",
                    -7);
            }
            const std::string managers = names_of(community, "manager", member.person_id);
            if (member.role == "owner" && !managers.empty()) {
                add("welcome-managers", "Welcome your co-managers of " + name,
                    "Agree with " + managers + " who answers questions and who reviews new content.", 0);
            }
            if (facts.comments > 0 && member.role == "owner") {
                add("answer-discussions",
                    "Look through the " + text::counted(facts.comments, "comment") + " carried over into " + name,
                    "Old discussions move with their pages; close or answer the ones still open.", 14);
            }
        }
    }
}

}  // namespace baton::transform
