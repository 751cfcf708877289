// Owners and managers of a plan by a mapping's stewardship rules: facts from the workspace, roles back into it.
#include "transform/mapping/stewardship_plan.hpp"

#include <algorithm>
#include <unordered_map>

#include "core/interrupt.hpp"
#include "transform/mapping/people_directory.hpp"
#include "transform/mapping/stewardship.hpp"

namespace baton::transform::mapping {
namespace {

// Whether item `i` is a talk page (in one of MediaWiki's odd namespaces, as transform/contributions.cpp counts
// them): the few such namespaces are looked up once, so no revision runs a subquery; "0" when there are none.
std::string talk_pages_sql(sql::Database& db) {
    auto select = db.prepare(
        "SELECT id FROM containers WHERE kind = 'namespace' AND key GLOB 'namespace:[0-9]*' AND "
        "CAST(substr(key, 11) AS INTEGER) % 2 = 1 ORDER BY id");
    std::string ids;
    while (select.step()) ids += (ids.empty() ? "" : ",") + std::to_string(select.column_int(0));
    if (ids.empty()) return "0";
    return "(i.id IN (SELECT item_id FROM item_containers WHERE container_id IN (" + ids + ")))";
}

bool is_anonymous(const std::string& key) { return key.empty() || key.rfind("ip:", 0) == 0 || key == "anonymous"; }

}  // namespace

std::vector<CommunityCandidates> read_stewardship_facts(sql::Database& db, std::int64_t plan_run) {
    std::vector<CommunityCandidates> communities;
    std::map<std::int64_t, std::size_t> index;
    auto select = db.prepare(
        "SELECT c.id, c.slug, c.name, coalesce(t.pages, 0) FROM plan_communities c LEFT JOIN ("
        "SELECT p.community_id, count(*) AS pages FROM plan_placements p JOIN items i ON i.id = p.item_id "
        "WHERE p.plan_run = ?1 AND p.action = 'migrate' AND i.kind <> 'comment' GROUP BY p.community_id) t "
        "ON t.community_id = c.id WHERE c.plan_run = ?1 ORDER BY c.slug");
    select.bind(1, plan_run);
    while (select.step()) {
        index[select.column_int(0)] = communities.size();
        CommunityCandidates community;
        community.community_id = select.column_int(0);
        community.slug = select.column_text(1);
        community.name = select.column_text(2);
        community.total_pages = select.column_int(3);
        communities.push_back(std::move(community));
    }
    // Each revision's growth is its size minus the previous revision's (any author's), as in the contributions
    // table, counted in the planned community so that an item filed in two containers counts once. The revisions
    // of an item come one after the other in position order (the table's key), so the previous one is the row
    // before; only a row that does not follow its predecessor looks it up. The revisions are added up here as they
    // stream by, into the facts kept anyway: grouping them in SQL first would sort every revision.
    auto edits = db.prepare(
        "SELECT pp.community_id, r.author_id, r.position, coalesce(r.timestamp, ''), r.size, r.item_id, " +
        talk_pages_sql(db) +
        " FROM plan_placements pp JOIN items i ON i.id = pp.item_id JOIN revisions r ON r.item_id = i.id "
        "WHERE pp.plan_run = ?1 AND pp.action = 'migrate' AND i.kind <> 'comment'");
    edits.bind(1, plan_run);
    auto previous_size = db.prepare("SELECT size FROM revisions WHERE item_id = ? AND position = ?");
    std::int64_t community_id = -1;
    CommunityCandidates* community = nullptr;
    std::int64_t last_item = -1;
    std::int64_t last_position = -1;
    std::int64_t last_size = 0;  // 0 for a NULL size, as coalesce(prev.size, 0)
    for (std::int64_t rows = 1; edits.step(); ++rows) {
        if (rows % 65536 == 0) throw_if_interrupted();  // also on the plan's second connection, off the main thread
        const std::int64_t item = edits.column_int(5);
        const std::int64_t position = edits.column_int(2);
        const bool sized = !edits.column_is_null(4);
        const std::int64_t size = edits.column_int(4);
        std::int64_t before = 0;
        if (position > 0) {
            if (item == last_item && position == last_position + 1) {
                before = last_size;
            } else {
                previous_size.bind(1, item).bind(2, position - 1);
                before = previous_size.step() ? previous_size.column_int(0) : 0;
                previous_size.reset();
            }
        }
        last_item = item;
        last_position = position;
        last_size = size;
        if (edits.column_is_null(1)) continue;  // no author: only the next revision's predecessor
        if (edits.column_int(0) != community_id) {
            community_id = edits.column_int(0);
            community = &communities[index.at(community_id)];
        }
        auto& facts = community->facts[edits.column_int(1)];
        facts.pages_created += position == 0 ? 1 : 0;
        if (edits.column_int(6) != 0) {
            ++facts.talk_revisions;
        } else {
            ++facts.revisions;
            facts.bytes_added += sized ? std::max<std::int64_t>(size - before, 0) : 0;  // a NULL size adds nothing
        }
        std::string timestamp = edits.column_text(3);
        if (facts.last_edit < timestamp) facts.last_edit = std::move(timestamp);
    }
    // Comments count when they answer someone else (a comment on one's own page is not stewardship).
    auto comments = db.prepare(
        "SELECT pp.community_id, c.author_id, count(*), coalesce(max(nullif(c.created_at, '')), '') "
        "FROM plan_placements pp JOIN items c ON c.id = pp.item_id "
        "LEFT JOIN items t ON t.id = coalesce(c.reply_to_id, c.parent_id) "
        "WHERE pp.plan_run = ? AND pp.action = 'migrate' AND c.kind = 'comment' AND c.author_id IS NOT NULL "
        "AND (t.author_id IS NULL OR t.author_id <> c.author_id) GROUP BY pp.community_id, c.author_id");
    comments.bind(1, plan_run);
    while (comments.step()) {
        auto& facts = communities[index.at(comments.column_int(0))].facts[comments.column_int(1)];
        facts.comments = comments.column_int(2);
        facts.last_edit = std::max(facts.last_edit, comments.column_text(3));
    }
    return communities;
}

namespace {

std::vector<WorkspacePerson> read_people(sql::Database& db) {
    std::vector<WorkspacePerson> people;
    auto select = db.prepare(
        "SELECT id, key, coalesce(login, ''), coalesce(email, ''), coalesce(display_name, '') FROM people ORDER BY id");
    while (select.step()) {
        people.push_back({select.column_int(0), select.column_text(1), select.column_text(2), select.column_text(3),
                          select.column_text(4)});
    }
    return people;
}

class StewardshipPlanner {
public:
    StewardshipPlanner(workspace::Workspace& workspace, std::int64_t plan_run, const Mapping& mapping)
        : m_workspace(workspace), m_db(workspace.db()), m_run(plan_run), m_mapping(mapping) {}

    std::vector<DecisionOutcome> run(const std::vector<OwnerDecision>& decisions, const StewardshipFacts& facts) {
        StewardshipInput input;
        input.reference_date = reference_date(m_workspace);
        input.mapping_file = m_mapping.file;
        m_people = read_people(m_db);
        for (const auto& person : m_people) {
            PersonStanding standing;
            standing.person_id = person.id;
            standing.key = person.key;
            standing.name = !person.display_name.empty() ? person.display_name
                            : !person.login.empty()      ? person.login
                                                         : person.key;
            standing.anonymous = is_anonymous(person.key);
            for (const auto& never : m_mapping.stewardship.never_assign) {
                standing.never_assign = standing.never_assign || names_person(never, person);
            }
            input.people[person.id] = standing;
        }
        for (const auto& never : m_mapping.stewardship.never_assign) {
            if (std::none_of(m_people.begin(), m_people.end(),
                             [&](const WorkspacePerson& person) { return names_person(never, person); })) {
                m_messages.push_back({"plan.unknown-person",
                                      "the never-assign entry \"" + never + "\" names nobody in the workspace", {}, 0});
            }
        }
        if (!m_mapping.identity.directory.empty()) match_directory(input);
        input.communities = facts();
        merge_same_people(input);
        for (const auto& pin : m_mapping.stewardship.pins) {
            const std::int64_t person = resolve(pin.person, "pin", pin.line);
            if (person != 0) input.pins.push_back({pin.community, person, pin.role, pin.line});
        }
        for (const auto& successor : m_mapping.successors) {
            if (successor.rule == Successor::Rule::fallback) {
                input.fallback_person_id = resolve(successor.person, "fallback successor", 0);
            }
        }
        for (auto decision : decisions) {
            decision.person_id = canonical(decision.person_id);
            if (decision.decision == "nominate" && decision.nominee_person_id == 0) {
                const auto found = m_person_of_login.find(decision.nominee);  // a directory login
                if (found != m_person_of_login.end()) {
                    decision.nominee_person_id = found->second;
                    decision.nominee_name = input.people[found->second].name;
                }
            }
            decision.nominee_person_id = canonical(decision.nominee_person_id);
            input.decisions.push_back(std::move(decision));
        }
        auto candidate = m_db.prepare(
            "INSERT INTO plan_candidates(plan_run, community_id, person_id, rank, score, outcome, reason) "
            "VALUES (?,?,?,?,?,?,?)");
        const StewardshipResult result = assign_stewards(input, m_mapping, [&](const Candidate& entry) {
            candidate.bind(1, m_run).bind(2, entry.community_id).bind(3, entry.person_id);
            candidate.bind(4, static_cast<std::int64_t>(entry.rank)).bind(5, entry.score).bind(6, entry.outcome);
            candidate.bind(7, entry.reason).run();
        });
        write(result);
        return result.decisions;
    }

private:
    std::int64_t canonical(std::int64_t person) const {
        const auto found = m_canonical.find(person);
        return found == m_canonical.end() ? person : found->second;
    }

    // People of several sources matched to one directory entry are one person: their facts in a community are
    // added up under the first of them (the lowest id), who stands for them in roles and limits.
    void merge_same_people(StewardshipInput& input) const {
        if (m_canonical.empty()) return;
        for (auto& community : input.communities) {
            std::unordered_map<std::int64_t, ContributionFacts> merged;
            for (const auto& [person, facts] : community.facts) {
                auto& into = merged[canonical(person)];
                into.pages_created += facts.pages_created;
                into.revisions += facts.revisions;
                into.bytes_added += facts.bytes_added;
                into.comments += facts.comments;
                into.talk_revisions += facts.talk_revisions;
                into.last_edit = std::max(into.last_edit, facts.last_edit);
            }
            community.facts = std::move(merged);
        }
    }

    // The one person a mapping reference names; none or several are reported, never guessed (people the
    // directory shows to be one are one).
    std::int64_t resolve(const std::string& reference, const std::string& what, std::int64_t line) {
        std::vector<std::int64_t> found;
        for (const auto& person : m_people) {
            if (names_person(reference, person) &&
                std::find(found.begin(), found.end(), canonical(person.id)) == found.end()) {
                found.push_back(canonical(person.id));
            }
        }
        if (found.size() == 1) return found.front();
        m_messages.push_back({found.empty() ? "plan.unknown-person" : "plan.ambiguous-person",
                              "the " + what + " \"" + reference + "\" names " +
                                  (found.empty() ? std::string("nobody in the workspace")
                                                 : std::to_string(found.size()) + " people; use a person key") +
                                  "; ignored",
                              line > 0 ? m_mapping.file : std::string(), line});
        return 0;
    }

    void match_directory(StewardshipInput& input) {
        const PeopleDirectory directory = read_people_directory(m_mapping.identity.directory);
        m_messages.insert(m_messages.end(), directory.problems.begin(), directory.problems.end());
        std::vector<WorkspacePerson> named;
        for (const auto& person : m_people) {
            if (!is_anonymous(person.key)) named.push_back(person);
        }
        const auto matches = match_people(named, directory, m_mapping.identity, m_messages);
        auto& person_of_login = m_person_of_login;  // the lowest person id matched to each login
        for (const auto& match : matches) {
            if (match.entry != nullptr) person_of_login.emplace(match.entry->login, match.person_id);
        }
        for (const auto& match : matches) {
            if (match.entry != nullptr && person_of_login.at(match.entry->login) != match.person_id) {
                m_canonical[match.person_id] = person_of_login.at(match.entry->login);
            }
        }
        auto insert = m_db.prepare(
            "INSERT INTO plan_identities(plan_run, person_id, matched_by, directory_login, status, department, detail) "
            "VALUES (?,?,?,?,?,?,?)");
        for (const auto& match : matches) {
            auto& standing = input.people[match.person_id];
            insert.bind(1, m_run).bind(2, match.person_id).bind(3, match.matched_by);
            if (match.entry == nullptr) {
                standing.unmatched = true;
                insert.bind(4, nullptr).bind(5, nullptr).bind(6, nullptr);
            } else {
                standing.departed = match.entry->status == "departed";
                standing.active_in_directory = !standing.departed;
                if (const auto manager = person_of_login.find(match.entry->manager); manager != person_of_login.end()) {
                    standing.manager_person_id = manager->second;
                }
                insert.bind(4, match.entry->login).bind(5, match.entry->status);
                insert.bind_text_or_null(6, match.entry->department);
            }
            insert.bind(7, match.detail).run();
        }
    }

    void write(const StewardshipResult& result) {
        auto role = m_db.prepare(
            "INSERT INTO plan_roles(plan_run, community_id, person_id, role, rank, score, reason) VALUES (?,?,?,?,?,?,?)");
        for (const auto& assignment : result.roles) {
            role.bind(1, m_run).bind(2, assignment.community_id).bind(3, assignment.person_id).bind(4, assignment.role);
            role.bind(5, static_cast<std::int64_t>(assignment.rank)).bind(6, assignment.score);
            role.bind(7, assignment.reason).run();
        }
        std::vector<PlanMessage> all = m_messages;
        all.insert(all.end(), result.messages.begin(), result.messages.end());
        for (const auto& plan_message : all) {
            model::Message message;
            message.severity = model::Severity::warning;
            message.code = plan_message.code;
            message.text = plan_message.text;
            message.position.file = plan_message.file;
            message.position.line = plan_message.line;
            m_workspace.record_message(m_run, 0, message);
        }
    }

    workspace::Workspace& m_workspace;
    sql::Database& m_db;
    std::int64_t m_run;
    const Mapping& m_mapping;
    std::vector<WorkspacePerson> m_people;
    std::vector<PlanMessage> m_messages;
    std::map<std::string, std::int64_t> m_person_of_login;  // directory login -> the person matched to it
    std::map<std::int64_t, std::int64_t> m_canonical;  // person -> the person standing for them (same directory entry)
};

}  // namespace

std::string reference_date(workspace::Workspace& workspace) {
    auto select = workspace.db().prepare(
        "SELECT coalesce(max(m), '') FROM ("
        "SELECT max(nullif(r.timestamp, '')) AS m FROM revisions r JOIN items i ON i.id = r.item_id "
        "WHERE i.removed_run IS NULL UNION ALL "
        "SELECT max(coalesce(nullif(modified_at, ''), nullif(created_at, ''))) FROM items WHERE removed_run IS NULL)");
    return select.step() ? select.column_text(0) : std::string();
}

std::vector<DecisionOutcome> plan_stewardship(workspace::Workspace& workspace, std::int64_t plan_run,
                                              const Mapping& mapping, const std::vector<OwnerDecision>& decisions,
                                              const StewardshipFacts& facts) {
    return StewardshipPlanner(workspace, plan_run, mapping).run(decisions, facts);
}

std::vector<DecisionOutcome> plan_stewardship(workspace::Workspace& workspace, std::int64_t plan_run,
                                              const Mapping& mapping, const std::vector<OwnerDecision>& decisions) {
    return plan_stewardship(workspace, plan_run, mapping, decisions,
                            [&] { return read_stewardship_facts(workspace.db(), plan_run); });
}

}  // namespace baton::transform::mapping
