// What people answer in the portal, validated and written with who and when.
#include "portal/decisions.hpp"

#include "core/text.hpp"

namespace baton::portal {
namespace {

constexpr const char* via_portal = "portal";

// The workspace person with this login (or key), preferring one who is declared; 0 when none.
std::int64_t person_by_login(StatementCache& db, const std::string& login) {
    auto& select = db.prepare(
        "SELECT id FROM people WHERE lower(login) = lower(?1) OR key = ?1 OR key = 'login:' || ?1 "
        "ORDER BY declared DESC, id LIMIT 1");
    select.bind(1, login);
    return select.step() ? select.column_int(0) : 0;
}

bool in_plan_directory(StatementCache& db, std::int64_t plan_run, const std::string& login) {
    auto& select = db.prepare(
        "SELECT 1 FROM plan_identities WHERE plan_run = ? AND lower(directory_login) = lower(?) LIMIT 1");
    select.bind(1, plan_run).bind(2, login);
    return select.step();
}

}  // namespace

std::string record_decision(StatementCache& db, std::int64_t plan_run, const DecisionInput& input,
                            const DirectoryLogins& directory) {
    if (input.decision != "accept" && input.decision != "decline" && input.decision != "nominate") {
        return "choose accept, decline or nominate";
    }
    if (input.note.size() > max_note_bytes) return "the note is too long (at most 4000 characters)";
    const std::string nominee = text::trim(input.nominee);
    std::int64_t nominee_id = 0;
    if (input.decision == "nominate") {
        if (nominee.empty()) return "name the person you nominate (their login)";
        if (nominee.size() > 200) return "that login is too long";
        nominee_id = person_by_login(db, nominee);
        if (nominee_id == 0 && !directory.contains(text::to_lower_ascii(nominee)) &&
            !in_plan_directory(db, plan_run, nominee)) {
            return "nobody with the login \"" + nominee + "\" is in the directory";
        }
        if (nominee_id == input.person_id) return "you cannot nominate yourself; choose accept instead";
    }
    // Named strings: a bound lvalue is not copied and must outlive run().
    const std::string nominee_login = input.decision == "nominate" ? nominee : std::string();
    const std::string note = text::trim(input.note);
    auto& insert = db.prepare(
        "INSERT INTO owner_decisions(person_id, community_slug, decision, nominee_person_id, nominee_login, note, "
        "decided_by, decided_at, via) VALUES (?,?,?,?,?,?,?,?,?)");
    insert.bind(1, input.person_id).bind(2, input.community_slug).bind(3, input.decision);
    insert.bind_id_or_null(4, nominee_id).bind_text_or_null(5, nominee_login);
    insert.bind_text_or_null(6, note).bind(7, input.decided_by).bind(8, text::utc_now_iso());
    insert.bind(9, via_portal);
    insert.run();
    return {};
}

std::string record_task_status(StatementCache& db, std::int64_t person_id, const std::string& slug,
                               const std::string& code, const std::string& status, const std::string& updated_by) {
    if (status != "open" && status != "in-progress" && status != "done" && status != "declined") {
        return "a task is open, in-progress, done or declined";
    }
    auto& insert = db.prepare(
        "INSERT INTO task_progress(person_id, community_slug, code, status, updated_by, updated_at, via) "
        "VALUES (?,?,?,?,?,?,?) ON CONFLICT (person_id, community_slug, code) DO UPDATE SET status = excluded.status, "
        "updated_by = excluded.updated_by, updated_at = excluded.updated_at, via = excluded.via");
    insert.bind(1, person_id).bind(2, slug).bind(3, code).bind(4, status).bind(5, updated_by);
    insert.bind(6, text::utc_now_iso()).bind(7, via_portal);
    insert.run();
    return {};
}

std::string record_item_choice(StatementCache& db, std::int64_t person_id, const std::string& slug,
                               std::int64_t item_id, const std::string& choice, const std::string& decided_by) {
    if (choice != "keep" && choice != "archive") return "choose keep or archive";
    auto& insert = db.prepare(
        "INSERT INTO item_choices(community_slug, item_id, choice, person_id, decided_by, decided_at, via) "
        "VALUES (?,?,?,?,?,?,?) ON CONFLICT (community_slug, item_id) DO UPDATE SET choice = excluded.choice, "
        "person_id = excluded.person_id, decided_by = excluded.decided_by, decided_at = excluded.decided_at, "
        "via = excluded.via");
    insert.bind(1, slug).bind(2, item_id).bind(3, choice).bind_id_or_null(4, person_id).bind(5, decided_by);
    insert.bind(6, text::utc_now_iso()).bind(7, via_portal);
    insert.run();
    return {};
}

}  // namespace baton::portal
