// The built-in rules' owners and managers: the most active authors of each community, with owners' decisions.
#include "transform/built_in_roles.hpp"

#include <algorithm>
#include <map>
#include <string>

#include "core/text.hpp"

namespace baton::transform {
namespace {

struct Contribution {
    std::int64_t person_id = 0;
    std::string person_key;
    std::string name;
    std::int64_t items = 0;
    std::int64_t comments = 0;
    std::string last_activity;
};

struct Community {
    std::string slug;
    std::string name;
    std::int64_t total = 0;  // migrated items that are not comments
    std::vector<Contribution> people;  // ranked
};

struct Role {
    std::int64_t person_id = 0;
    std::string name;
    std::string role;
    std::int64_t rank = 0;
    double score = 0;
    std::string reason;
};

std::string ordinal(std::size_t rank) {
    static const char* const words[] = {"the most", "the second most", "the third most"};
    return rank < 3 ? words[rank] : "rank " + std::to_string(rank + 1);
}

std::string facts(const Community& community, std::size_t rank) {
    const auto& people = community.people;
    const auto& person = people[rank];
    std::string text = "wrote " + std::to_string(person.items) + " of the " + text::counted(community.total, "item") +
                       " migrated into " + community.name + " (" + ordinal(rank) + ")";
    if (person.comments > 0) text += " and " + text::counted(person.comments, "comment") + " there";
    if (!person.last_activity.empty()) text += "; last active " + person.last_activity.substr(0, 10);
    const auto tied = [&](std::size_t other) { return other < people.size() && people[other].items == person.items; };
    if (tied(rank + 1) || (rank > 0 && tied(rank - 1))) {
        text += "; tied on items with others, ranked by comments, then most recent activity, then login";
    }
    return text;
}

class RoleChooser {
public:
    RoleChooser(Community& community, int owners, int managers, const DecisionsBySlug& decisions,
                std::vector<DecisionOutcome>& outcomes)
        : m_community(community), m_owners(owners), m_managers(managers), m_decisions(decisions),
          m_outcomes(outcomes) {}

    std::vector<Role> choose() {
        const auto& decided = m_decisions.in(m_community.slug);
        // Newest nominations first: the latest word on a community wins its owner role.
        for (auto at = decided.rbegin(); at != decided.rend(); ++at) {
            if ((*at)->decision == "nominate") nominate(**at);
        }
        for (const auto* decision : decided) {
            if (decision->decision == "accept") accept(*decision);
        }
        fill();
        for (const auto* decision : decided) {
            if (decision->decision == "decline") decline(*decision);
        }
        return std::move(m_roles);
    }

private:
    std::size_t rank_of(std::int64_t person) const {
        for (std::size_t i = 0; i < m_community.people.size(); ++i) {
            if (m_community.people[i].person_id == person) return i;
        }
        return m_community.people.size();
    }

    bool has_role(std::int64_t person) const {
        return std::any_of(m_roles.begin(), m_roles.end(), [&](const Role& role) { return role.person_id == person; });
    }

    int count(const std::string& role) const {
        return static_cast<int>(std::count_if(m_roles.begin(), m_roles.end(),
                                              [&](const Role& held) { return held.role == role; }));
    }

    // The role still open for a chosen person: owner first, then manager, "" when both are filled.
    std::string open_role() const {
        if (count("owner") < m_owners) return "owner";
        if (count("manager") < m_managers) return "manager";
        return {};
    }

    void give(std::int64_t person, const std::string& name, const std::string& role, std::string reason) {
        const std::size_t rank = rank_of(person);
        const bool ranked = rank < m_community.people.size();
        if (ranked) reason += "; " + facts(m_community, rank);
        m_roles.push_back({person, name, role, ranked ? static_cast<std::int64_t>(rank + 1) : 0,
                           ranked ? static_cast<double>(m_community.people[rank].items) : 0.0, std::move(reason)});
    }

    void outcome(const OwnerDecision& decision, bool applied, std::string effect) {
        m_outcomes.push_back({decision.id, applied, std::move(effect)});
    }

    void nominate(const OwnerDecision& decision) {
        const std::int64_t nominee = decision.nominee_person_id;
        if (nominee == 0) {
            return outcome(decision, false,
                           "the nominee " + (decision.nominee.empty() ? std::string("(none)") : decision.nominee) +
                               " is nobody in the workspace; " + decision.person_name + " is not proposed again");
        }
        if (const auto* own = m_decisions.declined(m_community.slug, nominee)) {
            return outcome(decision, false, decision.nominee_name + " " + describe_decision(*own) + " themselves");
        }
        if (has_role(nominee)) return outcome(decision, false, decision.nominee_name + " already has a role there");
        const std::string role = open_role();
        if (role.empty()) return outcome(decision, false, "every role of " + m_community.name + " is already taken");
        give(nominee, decision.nominee_name, role, "nominated by " + decision.person_name + " on " + decision.decided_at.substr(0, 10) +
                                (decision.note.empty() ? std::string() : ": \"" + decision.note + "\""));
        outcome(decision, true, decision.nominee_name + " becomes " + role + " of " + m_community.name);
    }

    void accept(const OwnerDecision& decision) {
        if (decision.accepted_role.empty()) {
            return outcome(decision, false, "no earlier plan proposed a role to " + decision.person_name + " in " +
                                                m_community.slug);
        }
        const std::string& role = decision.accepted_role;
        if (has_role(decision.person_id)) return outcome(decision, false, "already chosen by a nomination");
        if (count(role) >= (role == "owner" ? m_owners : m_managers)) {
            return outcome(decision, false, "the " + role + " role is already taken by a nomination");
        }
        give(decision.person_id, decision.person_name, role, "accepted the role of " + role + " on " + decision.decided_at.substr(0, 10));
        outcome(decision, true, decision.person_name + " keeps the role of " + role);
    }

    // The ranked authors fill what is left, skipping anyone who turned the community down.
    void fill() {
        const OwnerDecision* passed_over = nullptr;  // the most active author, when they declined
        for (std::size_t rank = 0; rank < m_community.people.size(); ++rank) {
            const auto& person = m_community.people[rank];
            if (const auto* declined = m_decisions.declined(m_community.slug, person.person_id)) {
                if (rank == 0) passed_over = declined;
                continue;
            }
            if (has_role(person.person_id)) continue;
            const std::string role = open_role();
            if (role.empty()) break;
            std::string reason = facts(m_community, rank);
            if (role == "owner" && passed_over != nullptr) {
                reason = "takes over from " + passed_over->person_name + ", who " + describe_decision(*passed_over) +
                         ": the next-ranked author; " + reason;
            }
            m_roles.push_back({person.person_id, person.name, role, static_cast<std::int64_t>(rank + 1),
                               static_cast<double>(person.items), std::move(reason)});
        }
    }

    void decline(const OwnerDecision& decision) {
        const auto found = std::find_if(m_roles.begin(), m_roles.end(),
                                        [](const Role& role) { return role.role == "owner"; });
        std::string effect = decision.person_name + " is not proposed for " + m_community.name + "; ";
        if (found == m_roles.end()) {
            effect += "it has no owner now";
        } else {
            effect += "its owner is " + found->name;
        }
        outcome(decision, true, effect);
    }

    Community& m_community;
    int m_owners;
    int m_managers;
    const DecisionsBySlug& m_decisions;
    std::vector<DecisionOutcome>& m_outcomes;
    std::vector<Role> m_roles;
};

}  // namespace

std::vector<DecisionOutcome> assign_built_in_roles(sql::Database& db, std::int64_t plan_run, int owners, int managers,
                                                   const std::vector<OwnerDecision>& decisions) {
    std::map<std::int64_t, Community> communities;
    auto select_communities = db.prepare("SELECT id, slug, name FROM plan_communities WHERE plan_run = ?");
    select_communities.bind(1, plan_run);
    while (select_communities.step()) {
        auto& community = communities[select_communities.column_int(0)];
        community.slug = select_communities.column_text(1);
        community.name = select_communities.column_text(2);
    }
    // Content authored (not comments) is what makes an owner; comments and recency break ties.
    auto select = db.prepare(
        "SELECT pp.community_id, i.author_id, p.key, coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), "
        "sum(CASE WHEN i.kind IN ('comment') THEN 0 ELSE 1 END), "
        "sum(CASE WHEN i.kind IN ('comment') THEN 1 ELSE 0 END), "
        "max(coalesce(nullif(i.modified_at, ''), i.created_at, '')) "
        "FROM plan_placements pp JOIN items i ON i.id = pp.item_id JOIN people p ON p.id = i.author_id "
        "WHERE pp.plan_run = ? AND pp.action = 'migrate' AND p.key NOT LIKE 'ip:%' "
        "GROUP BY pp.community_id, i.author_id");
    select.bind(1, plan_run);
    while (select.step()) {
        if (select.column_int(4) == 0) continue;  // comments alone make nobody an owner
        communities[select.column_int(0)].people.push_back({select.column_int(1), select.column_text(2),
                                                            select.column_text(3), select.column_int(4),
                                                            select.column_int(5), select.column_text(6)});
    }
    auto totals = db.prepare(
        "SELECT pp.community_id, count(*) FROM plan_placements pp JOIN items i ON i.id = pp.item_id "
        "WHERE pp.plan_run = ? AND pp.action = 'migrate' AND i.kind <> 'comment' GROUP BY pp.community_id");
    totals.bind(1, plan_run);
    while (totals.step()) communities[totals.column_int(0)].total = totals.column_int(1);

    const DecisionsBySlug by_slug(decisions);
    std::vector<DecisionOutcome> outcomes;
    std::map<std::string, bool> known_slugs;
    auto insert = db.prepare(
        "INSERT INTO plan_roles(plan_run, community_id, person_id, role, rank, score, reason) VALUES (?,?,?,?,?,?,?)");
    for (auto& [community_id, community] : communities) {
        known_slugs[community.slug] = true;
        std::sort(community.people.begin(), community.people.end(), [](const Contribution& a, const Contribution& b) {
            if (a.items != b.items) return a.items > b.items;
            if (a.comments != b.comments) return a.comments > b.comments;
            if (a.last_activity != b.last_activity) return a.last_activity > b.last_activity;
            return a.person_key < b.person_key;
        });
        for (const auto& role : RoleChooser(community, owners, managers, by_slug, outcomes).choose()) {
            insert.bind(1, plan_run).bind(2, community_id).bind(3, role.person_id).bind(4, role.role);
            insert.bind(5, role.rank).bind(6, role.score).bind(7, role.reason).run();
        }
    }
    for (const auto& decision : decisions) {
        if (!known_slugs.contains(decision.community_slug)) {
            outcomes.push_back({decision.id, false, "the plan has no community " + decision.community_slug});
        }
    }
    std::sort(outcomes.begin(), outcomes.end(),
              [](const DecisionOutcome& a, const DecisionOutcome& b) { return a.decision_id < b.decision_id; });
    return outcomes;
}

}  // namespace baton::transform
