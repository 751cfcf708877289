// Stewardship: contribution facts become scores, scores become owners and managers, each with its reason.
#include "transform/mapping/stewardship.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include "core/produce_aside.hpp"
#include "core/text.hpp"

namespace baton::transform::mapping {
namespace {

std::string format_score(double score) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f", score);
    return buffer;
}

struct Ranked {
    std::int64_t person = 0;
    double score = 0;
    const ContributionFacts* facts = nullptr;
    int rank = 0;
    std::string not_eligible;  // why not, "" when eligible
    const std::string* key = nullptr;  // the person's key, the last tie-breaker (no lookup while sorting)
};

// Everything the phases share for one community.
struct CommunityState {
    const CommunityCandidates* input = nullptr;
    std::vector<Ranked> ranked;
    std::map<std::int64_t, std::string> roles;  // person -> role
    int owners = 0;
    std::string successor_note;  // "take over from X, who has left ...; " prefixed to the owner's reason
};

class Assigner {
public:
    Assigner(const StewardshipInput& input, const Mapping& mapping, const CandidateSink& sink)
        : m_input(input), m_rules(mapping.stewardship), m_mapping(mapping), m_decisions(input.decisions),
          m_sink(sink) {}

    StewardshipResult run() {
        rank_everyone();
        apply_pins();
        apply_decisions();
        apply_successors();
        cover_owners();
        fill_remaining_roles();
        record_candidates();
        record_declines();
        return std::move(m_result);
    }

private:
    const PersonStanding& standing(std::int64_t person) const {
        static const PersonStanding unknown;
        const auto found = m_input.people.find(person);
        return found == m_input.people.end() ? unknown : found->second;
    }

    std::string name(std::int64_t person) const {
        const auto& who = standing(person);
        return who.name.empty() ? who.key : who.name;
    }

    std::string why_not_eligible(const PersonStanding& who, double score, const ContributionFacts& facts) const {
        if (who.anonymous) return "anonymous contributors never get a role";
        if (who.never_assign) return "on the mapping's never-assign list";
        if (who.departed) return "has left (departed in the directory)";
        if (who.unmatched && m_mapping.identity.require_match) return "not found in the people directory";
        if (score < m_rules.minimum_score) {
            return "score " + format_score(score) + " below the minimum " + format_score(m_rules.minimum_score);
        }
        if (m_rules.within_days > 0 && days_between(facts.last_edit, m_input.reference_date) > m_rules.within_days) {
            return "last edit " + facts.last_edit.substr(0, 10) + ", more than " + std::to_string(m_rules.within_days) +
                   " days before " + m_input.reference_date.substr(0, 10);
        }
        return {};
    }

    void rank_everyone() {
        for (const auto& community : m_input.communities) {
            CommunityState state;
            state.input = &community;
            for (const auto& [person, facts] : community.facts) {
                const double score = stewardship_score(facts, m_rules, m_input.reference_date);
                std::string not_eligible = why_not_eligible(standing(person), score, facts);
                if (const auto* declined = m_decisions.declined(community.slug, person)) {
                    not_eligible = describe_decision(*declined);
                }
                state.ranked.push_back({person, score, &facts, 0, std::move(not_eligible), &standing(person).key});
            }
            std::sort(state.ranked.begin(), state.ranked.end(), [&](const Ranked& a, const Ranked& b) {
                if (a.score != b.score) return a.score > b.score;
                if (a.facts->last_edit != b.facts->last_edit) return a.facts->last_edit > b.facts->last_edit;
                return *a.key < *b.key;
            });
            for (std::size_t i = 0; i < state.ranked.size(); ++i) state.ranked[i].rank = static_cast<int>(i + 1);
            m_by_slug[community.slug] = m_states.size();
            m_states.push_back(std::move(state));
        }
    }

    void message(const std::string& code, const std::string& text, std::int64_t line = 0) {
        m_result.messages.push_back({code, text, line > 0 ? m_input.mapping_file : std::string(), line});
    }

    const Ranked* ranked_in(const CommunityState& state, std::int64_t person) const {
        for (const auto& entry : state.ranked) {
            if (entry.person == person) return &entry;
        }
        return nullptr;
    }

    std::string facts_reason(const CommunityState& state, const Ranked& entry) const {
        std::string text = describe_facts(*entry.facts, state.input->total_pages) + "; score " +
                           format_score(entry.score) + ", rank " + std::to_string(entry.rank) + " of " +
                           std::to_string(state.ranked.size()) + " here";
        if (standing(entry.person).active_in_directory) text += "; active in the directory";
        return text;
    }

    void assign(CommunityState& state, std::int64_t person, const std::string& role, std::string reason) {
        const Ranked* entry = ranked_in(state, person);
        state.roles[person] = role;
        if (role == "owner") ++state.owners;
        ++m_load[person];
        m_result.roles.push_back({state.input->community_id, person, role, entry ? entry->rank : 0,
                                  entry ? entry->score : 0, std::move(reason)});
    }

    std::string reason_with_facts(const CommunityState& state, std::int64_t person, std::string prefix) const {
        const Ranked* entry = ranked_in(state, person);
        if (entry == nullptr) return prefix + "; no contributions here";
        return prefix + "; " + facts_reason(state, *entry);
    }

    void apply_pins() {
        for (const auto& pin : m_input.pins) {
            const auto found = m_by_slug.find(pin.community);
            if (found == m_by_slug.end()) {
                message("plan.pin-unknown-community",
                        "pin names community \"" + pin.community + "\", which the plan does not have", pin.line);
                continue;
            }
            auto& state = m_states[found->second];
            if (standing(pin.person_id).anonymous) {
                message("plan.pin-anonymous", "pin names an anonymous contributor, who never gets a role", pin.line);
                continue;
            }
            if (const auto* declined = m_decisions.declined(pin.community, pin.person_id)) {
                message("plan.pin-declined", name(pin.person_id) + " is pinned in " + pin.community + " but " +
                                                 describe_decision(*declined) + "; the pin is ignored",
                        pin.line);
                continue;
            }
            if (state.roles.contains(pin.person_id)) {
                message("plan.pin-repeated", name(pin.person_id) + " is pinned twice in " + pin.community, pin.line);
                continue;
            }
            assign(state, pin.person_id, pin.role,
                   reason_with_facts(state, pin.person_id, "were pinned as " + pin.role + " by the mapping (line " +
                                                               std::to_string(pin.line) + ")"));
        }
    }

    bool owner_eligible(const CommunityState& state, const Ranked& entry) const {
        return entry.not_eligible.empty() && entry.score >= m_rules.owner_threshold && !state.roles.contains(entry.person);
    }

    bool usable_successor(const CommunityState& state, std::int64_t person) const {
        const auto& who = standing(person);
        return person != 0 && !who.anonymous && !who.never_assign && !who.departed && !state.roles.contains(person);
    }

    int managers_of(const CommunityState& state) const {
        int managers = 0;
        for (const auto& [person, role] : state.roles) managers += role == "manager" ? 1 : 0;
        return managers;
    }

    // The role still open in `state`: owner first, then manager; "" when both are filled.
    std::string open_role(const CommunityState& state) const {
        if (state.owners < m_rules.owners) return "owner";
        if (managers_of(state) < m_rules.managers) return "manager";
        return {};
    }

    void outcome(const OwnerDecision& decision, bool applied, std::string effect) {
        m_result.decisions.push_back({decision.id, applied, std::move(effect)});
    }

    // Nominees (newest nomination first) take a role like a pin; accepted roles are kept whatever the scores.
    void apply_decisions() {
        for (const auto& decision : m_input.decisions) {
            if (!m_by_slug.contains(decision.community_slug)) {
                outcome(decision, false, "the plan has no community " + decision.community_slug);
            }
        }
        for (auto& state : m_states) {
            const auto& decided = m_decisions.in(state.input->slug);
            for (auto at = decided.rbegin(); at != decided.rend(); ++at) {
                if ((*at)->decision == "nominate") nominate(state, **at);
            }
            for (const auto* decision : decided) {
                if (decision->decision == "accept") accept(state, *decision);
            }
        }
    }

    // Why `person` cannot take a role they were given by a decision, "" when they can.
    std::string why_not_chosen(const CommunityState& state, std::int64_t person) const {
        const auto& who = standing(person);
        if (who.anonymous) return "anonymous contributors never get a role";
        if (who.never_assign) return "on the mapping's never-assign list";
        if (who.departed) return "has left (departed in the directory)";
        if (who.unmatched && m_mapping.identity.require_match) return "not found in the people directory";
        if (const auto* declined = m_decisions.declined(state.input->slug, person)) return describe_decision(*declined);
        if (state.roles.contains(person)) return "already has a role there";
        return {};
    }

    void nominate(CommunityState& state, const OwnerDecision& decision) {
        const std::int64_t nominee = decision.nominee_person_id;
        if (nominee == 0) {
            return outcome(decision, false,
                           "the nominee " + (decision.nominee.empty() ? std::string("(none)") : decision.nominee) +
                               " is nobody in the workspace; " + decision.person_name + " is not proposed again");
        }
        if (const std::string why = why_not_chosen(state, nominee); !why.empty()) {
            return outcome(decision, false, name(nominee) + " cannot take the role: " + why);
        }
        const std::string role = open_role(state);
        if (role.empty()) return outcome(decision, false, "every role of " + state.input->name + " is already taken");
        assign(state, nominee, role,
               reason_with_facts(state, nominee,
                                 "nominated by " + decision.person_name + " on " + decision.decided_at.substr(0, 10) +
                                     (decision.note.empty() ? std::string() : ": \"" + decision.note + "\"")));
        outcome(decision, true, name(nominee) + " becomes " + role + " of " + state.input->name);
    }

    void accept(CommunityState& state, const OwnerDecision& decision) {
        const std::string& role = decision.accepted_role;
        if (role.empty()) {
            return outcome(decision, false,
                           "no earlier plan proposed a role to " + decision.person_name + " in " + state.input->slug);
        }
        if (const std::string why = why_not_chosen(state, decision.person_id); !why.empty()) {
            return outcome(decision, false, name(decision.person_id) + " cannot keep the role: " + why);
        }
        if ((role == "owner" && state.owners >= m_rules.owners) ||
            (role == "manager" && managers_of(state) >= m_rules.managers)) {
            return outcome(decision, false, "the " + role + " role is already taken by a pin or a nomination");
        }
        assign(state, decision.person_id, role,
               reason_with_facts(state, decision.person_id,
                                 "accepted the role of " + role + " on " + decision.decided_at.substr(0, 10)));
        outcome(decision, true, name(decision.person_id) + " keeps the role of " + role);
    }

    void record_declines() {
        for (const auto& state : m_states) {
            for (const auto* decision : m_decisions.in(state.input->slug)) {
                if (decision->decision != "decline") continue;
                std::string owners;
                for (const auto& [person, role] : state.roles) {
                    if (role == "owner") owners += (owners.empty() ? "" : ", ") + name(person);
                }
                outcome(*decision, true,
                        decision->person_name + " is not proposed for " + state.input->name + "; " +
                            (owners.empty() ? std::string("it has no owner now") : "its owner is " + owners));
            }
        }
        std::sort(m_result.decisions.begin(), m_result.decisions.end(),
                  [](const DecisionOutcome& a, const DecisionOutcome& b) { return a.decision_id < b.decision_id; });
    }

    // The most active person who would own the community but for having left or declined: the successor rules
    // decide.
    void apply_successors() {
        for (auto& state : m_states) {
            if (state.owners >= m_rules.owners || m_rules.owners == 0) continue;
            const auto top = std::find_if(state.ranked.begin(), state.ranked.end(), [&](const Ranked& entry) {
                return !standing(entry.person).anonymous && !standing(entry.person).never_assign;
            });
            if (top == state.ranked.end()) continue;
            const auto* declined = m_decisions.declined(state.input->slug, top->person);
            if (!standing(top->person).departed && declined == nullptr) continue;
            const auto& departed = standing(top->person);
            const std::string lead = "take over from " + name(top->person) + ", who " +
                                     (declined != nullptr ? describe_decision(*declined) : std::string("has left")) +
                                     " (rank " + std::to_string(top->rank) + " here): ";
            bool settled = false;
            for (const auto& successor : m_mapping.successors) {
                if (successor.rule == Successor::Rule::next_active_contributor) {
                    settled = std::any_of(state.ranked.begin(), state.ranked.end(),
                                          [&](const Ranked& entry) { return owner_eligible(state, entry); });
                    if (settled) state.successor_note = lead + "the next-ranked active contributor; ";
                } else if (successor.rule == Successor::Rule::directory_manager) {
                    settled = usable_successor(state, departed.manager_person_id);
                    if (settled) {
                        assign(state, departed.manager_person_id, "owner",
                               reason_with_facts(state, departed.manager_person_id,
                                                 lead + "their manager in the directory"));
                    }
                } else {
                    settled = usable_successor(state, m_input.fallback_person_id);
                    if (settled) {
                        assign(state, m_input.fallback_person_id, "owner",
                               reason_with_facts(state, m_input.fallback_person_id,
                                                 lead + "the mapping's fallback successor"));
                    }
                }
                if (settled) break;
            }
            if (!settled) {
                message("plan.no-successor", state.input->name + ": its most active contributor " + name(top->person) +
                                                 " has left and no successor rule found anyone");
            }
        }
    }

    std::int64_t capacity(std::int64_t person) const {
        if (m_rules.max_communities_per_person == 0) return std::numeric_limits<std::int64_t>::max();
        const auto found = m_load.find(person);
        return m_rules.max_communities_per_person - (found == m_load.end() ? 0 : found->second);
    }

    // Kuhn's augmenting paths with capacities: give `community` an owner, moving others' ownerships
    // to their next candidates when that frees someone.
    bool augment(std::size_t community, std::set<std::int64_t>& visited) {
        for (const auto& entry : m_states[community].ranked) {
            if (!owner_eligible(m_states[community], entry) || !visited.insert(entry.person).second) continue;
            auto& held = m_held[entry.person];
            if (static_cast<std::int64_t>(held.size()) < capacity(entry.person)) {
                held.push_back(community);
                m_chosen[community] = entry.person;
                return true;
            }
            for (std::size_t i = 0; i < held.size(); ++i) {
                if (augment(held[i], visited)) {
                    held[i] = community;
                    m_chosen[community] = entry.person;
                    return true;
                }
            }
        }
        return false;
    }

    void cover_owners() {
        if (m_rules.owners == 0) return;
        std::vector<std::size_t> order;
        for (std::size_t i = 0; i < m_states.size(); ++i) {
            if (m_states[i].owners == 0) order.push_back(i);
        }
        std::map<std::size_t, double> best;  // the best eligible score of each community, -1 for none
        for (const std::size_t i : order) {
            best[i] = -1.0;
            for (const auto& entry : m_states[i].ranked) {
                if (owner_eligible(m_states[i], entry)) {
                    best[i] = entry.score;
                    break;
                }
            }
        }
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return best[a] > best[b]; });
        for (const std::size_t community : order) {
            std::set<std::int64_t> visited;
            augment(community, visited);
        }
        for (const std::size_t community : order) {
            auto& state = m_states[community];
            const auto chosen = m_chosen.find(community);
            if (chosen != m_chosen.end()) {
                assign(state, chosen->second, "owner", state.successor_note + facts_reason(state, *ranked_in(state, chosen->second)));
                continue;
            }
            // Everyone eligible is at the load limit: the top one owns it anyway, and the admin is told.
            for (const auto& entry : state.ranked) {
                if (!owner_eligible(state, entry)) continue;
                assign(state, entry.person, "owner",
                       state.successor_note + facts_reason(state, entry) + "; beyond the limit of " +
                           text::counted(m_rules.max_communities_per_person, "community", "communities") +
                           " per person, since everyone eligible here is at it");
                message("plan.over-limit", name(entry.person) + " owns " + state.input->name + " beyond the limit of " +
                                               std::to_string(m_rules.max_communities_per_person) +
                                               " communities per person: everyone eligible there is at the limit");
                break;
            }
        }
    }

    void fill_remaining_roles() {
        for (auto& state : m_states) {
            for (const auto& entry : state.ranked) {
                if (state.owners >= m_rules.owners) break;
                if (owner_eligible(state, entry) && capacity(entry.person) > 0) {
                    assign(state, entry.person, "owner", facts_reason(state, entry));
                }
            }
            int managers = managers_of(state);
            for (const auto& entry : state.ranked) {
                if (managers >= m_rules.managers) break;
                if (entry.not_eligible.empty() && entry.score >= m_rules.manager_threshold &&
                    !state.roles.contains(entry.person) && capacity(entry.person) > 0) {
                    assign(state, entry.person, "manager", facts_reason(state, entry));
                    ++managers;
                }
            }
        }
    }

    // Every ranked person of a community as a candidate, with the reason in words (in rank order, or by person).
    void append_candidates(const CommunityState& state, std::vector<Candidate>& out, bool by_person = false) const {
        std::vector<const Ranked*> entries;
        entries.reserve(state.ranked.size());
        for (const auto& entry : state.ranked) entries.push_back(&entry);
        if (by_person) {
            std::sort(entries.begin(), entries.end(),
                      [](const Ranked* a, const Ranked* b) { return a->person < b->person; });
        }
        for (const Ranked* ranked : entries) {
            const Ranked& entry = *ranked;
            std::string outcome = "runner-up";
            std::string reason = facts_reason(state, entry);
            if (const auto role = state.roles.find(entry.person); role != state.roles.end()) {
                outcome = role->second;
            } else if (!entry.not_eligible.empty()) {
                outcome = "not eligible";
                reason += "; " + entry.not_eligible;
            } else if (capacity(entry.person) <= 0) {
                reason += "; already holds " +
                          text::counted(m_rules.max_communities_per_person, "role", "roles") + ", the limit";
            } else if (entry.score < m_rules.manager_threshold) {
                reason += "; score below the manager threshold " + format_score(m_rules.manager_threshold);
            }
            out.push_back({state.input->community_id, entry.person, entry.rank, entry.score, outcome, reason});
        }
    }

    // With a sink (the plan writes every candidate into the workspace, a million rows on a large wiki), the
    // reasons are built on a second thread while this one hands the candidates to the sink, by community id and
    // person id: the order of plan_candidates' key, so that each row is appended to its table rather than
    // inserted somewhere inside it.
    void record_candidates() {
        if (!m_sink) {
            for (const auto& state : m_states) append_candidates(state, m_result.candidates);
            return;
        }
        std::vector<const CommunityState*> by_id;
        for (const auto& state : m_states) by_id.push_back(&state);
        std::sort(by_id.begin(), by_id.end(), [](const CommunityState* a, const CommunityState* b) {
            return a->input->community_id < b->input->community_id;
        });
        produce_aside<std::vector<Candidate>>(
            [&](const auto& hand_over) {
                std::vector<Candidate> batch;
                for (const CommunityState* state : by_id) {
                    append_candidates(*state, batch, true);
                    if (batch.size() >= 4096) {
                        if (!hand_over(std::move(batch))) return;  // the sink failed
                        batch = {};
                    }
                }
                if (!batch.empty()) hand_over(std::move(batch));
            },
            [&](const std::vector<Candidate>& batch) {
                for (const auto& candidate : batch) m_sink(candidate);
            });
    }

    const StewardshipInput& m_input;
    const Stewardship& m_rules;
    const Mapping& m_mapping;
    const DecisionsBySlug m_decisions;
    const CandidateSink& m_sink;
    std::vector<CommunityState> m_states;
    std::map<std::string, std::size_t> m_by_slug;
    std::map<std::int64_t, std::int64_t> m_load;                 // roles held, all communities
    std::map<std::int64_t, std::vector<std::size_t>> m_held;     // owner choices of cover_owners
    std::map<std::size_t, std::int64_t> m_chosen;                // community -> owner chosen by cover_owners
    StewardshipResult m_result;
};

}  // namespace

StewardshipResult assign_stewards(const StewardshipInput& input, const Mapping& mapping, const CandidateSink& sink) {
    return Assigner(input, mapping, sink).run();
}

}  // namespace baton::transform::mapping
