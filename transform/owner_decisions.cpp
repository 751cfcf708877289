// Owners' answers to earlier plans (accept, decline, nominate) as the next plan reads them.
#include "transform/owner_decisions.hpp"

#include "core/text.hpp"

namespace baton::transform {
namespace {

constexpr const char* person_name_sql = "coalesce(nullif(%s.display_name, ''), nullif(%s.login, ''), %s.key)";

std::string name_of(const char* alias) {
    std::string sql = person_name_sql;
    for (std::size_t at = sql.find("%s"); at != std::string::npos; at = sql.find("%s")) sql.replace(at, 2, alias);
    return sql;
}

// A nominee recorded by login only: the one workspace person with that key, login or email (none or several: 0).
std::int64_t person_by_login(sql::Database& db, const std::string& login) {
    auto select = db.prepare(
        "SELECT DISTINCT id FROM people WHERE key = ?1 OR key = 'login:' || ?1 OR lower(login) = lower(?1) "
        "OR lower(email) = lower(?1) LIMIT 2");
    select.bind(1, login);
    std::int64_t found = 0;
    int count = 0;
    while (select.step()) {
        found = select.column_int(0);
        ++count;
    }
    return count == 1 ? found : 0;
}

}  // namespace

std::vector<OwnerDecision> read_owner_decisions(workspace::Workspace& workspace, std::int64_t plan_run) {
    auto& db = workspace.db();
    auto select = db.prepare(
        "SELECT d.id, d.person_id, " + name_of("p") + ", d.community_slug, d.decision, "
        "coalesce(d.nominee_person_id, 0), coalesce(n.key, d.nominee_login, ''), coalesce(" + name_of("n") +
        ", d.nominee_login, ''), coalesce(d.note, ''), d.decided_by, d.decided_at, d.via "
        "FROM owner_decisions d JOIN people p ON p.id = d.person_id LEFT JOIN people n ON n.id = d.nominee_person_id "
        "WHERE d.id = (SELECT max(e.id) FROM owner_decisions e WHERE e.person_id = d.person_id AND "
        "e.community_slug = d.community_slug) ORDER BY d.id");
    // The role an accepted proposal was for: the latest earlier succeeded plan that gave them one there.
    auto role = db.prepare(
        "SELECT r.role FROM plan_roles r JOIN plan_communities c ON c.id = r.community_id JOIN runs u ON "
        "u.id = r.plan_run WHERE r.person_id = ? AND c.slug = ? AND r.plan_run < ? AND u.outcome = 'succeeded' "
        "ORDER BY r.plan_run DESC LIMIT 1");
    std::vector<OwnerDecision> decisions;
    while (select.step()) {
        OwnerDecision decision;
        decision.id = select.column_int(0);
        decision.person_id = select.column_int(1);
        decision.person_name = select.column_text(2);
        decision.community_slug = select.column_text(3);
        decision.decision = select.column_text(4);
        decision.nominee_person_id = select.column_int(5);
        decision.nominee = select.column_text(6);
        decision.nominee_name = select.column_text(7);
        decision.note = select.column_text(8);
        decision.decided_by = select.column_text(9);
        decision.decided_at = select.column_text(10);
        decision.via = select.column_text(11);
        decisions.push_back(std::move(decision));
    }
    for (auto& decision : decisions) {
        if (decision.decision == "nominate" && decision.nominee_person_id == 0 && !decision.nominee.empty()) {
            decision.nominee_person_id = person_by_login(db, decision.nominee);
            if (decision.nominee_person_id != 0) {
                auto name = db.prepare("SELECT " + name_of("p") + " FROM people p WHERE id = ?");
                name.bind(1, decision.nominee_person_id);
                if (name.step()) decision.nominee_name = name.column_text(0);
            }
        }
        if (decision.decision == "accept") {
            role.bind(1, decision.person_id).bind(2, decision.community_slug).bind(3, plan_run);
            if (role.step()) decision.accepted_role = role.column_text(0);
            role.reset();
        }
    }
    return decisions;
}

std::string describe_decision(const OwnerDecision& decision) {
    const std::string date = decision.decided_at.substr(0, 10);
    std::string text;
    if (decision.decision == "accept") {
        text = "accepted on " + date;
    } else if (decision.decision == "decline") {
        text = "declined on " + date;
    } else {
        text = "declined on " + date + " and nominated " +
               (decision.nominee_name.empty() ? std::string("nobody") : decision.nominee_name);
    }
    if (decision.decided_by.rfind("admin:", 0) == 0) text += " (recorded by " + decision.decided_by + ")";
    if (!decision.note.empty()) text += ": \"" + decision.note + "\"";
    return text;
}

void record_decision_outcomes(workspace::Workspace& workspace, std::int64_t plan_run,
                              const std::vector<DecisionOutcome>& outcomes) {
    auto insert = workspace.db().prepare(
        "INSERT INTO plan_decisions(plan_run, decision_id, outcome, effect) VALUES (?,?,?,?)");
    for (const auto& outcome : outcomes) {
        insert.bind(1, plan_run).bind(2, outcome.decision_id).bind(3, outcome.applied ? "applied" : "ignored");
        insert.bind(4, outcome.effect).run();
    }
}

DecisionsBySlug::DecisionsBySlug(const std::vector<OwnerDecision>& decisions) {
    for (const auto& decision : decisions) m_by_slug[decision.community_slug].push_back(&decision);
}

const std::vector<const OwnerDecision*>& DecisionsBySlug::in(const std::string& slug) const {
    static const std::vector<const OwnerDecision*> none;
    const auto found = m_by_slug.find(slug);
    return found == m_by_slug.end() ? none : found->second;
}

const OwnerDecision* DecisionsBySlug::declined(const std::string& slug, std::int64_t person) const {
    for (const auto* decision : in(slug)) {
        if (decision->person_id == person && decision->decision != "accept") return decision;
    }
    return nullptr;
}

}  // namespace baton::transform
