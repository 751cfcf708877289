// Reads the users and memberships of a load, on a thread of its own when the workspace allows a second reader.
#include "loaders/sqlite/platform_people.hpp"

#include <pthread.h>

#include "loaders/common/load_selection.hpp"

namespace baton::load::sqlite_target {
namespace {

constexpr std::size_t rows_per_batch = 2048;

// The users and memberships the selection needs: role holders of the selected communities and authors
// of the selected items.
constexpr const char* authors_of_selected =
    "SELECT pp.community_id, i.author_id FROM plan_placements pp JOIN items i ON i.id = pp.item_id "
    "WHERE pp.plan_run = ?1 AND pp.item_id IN (SELECT id FROM temp.selected_items) AND i.author_id IS NOT NULL";

}  // namespace

PlatformPeople::PlatformPeople(sql::Database& db, std::int64_t plan_run)
    : m_users(db.prepare(
          "SELECT p.id, s.key || '#' || p.key, coalesce(p.login, ''), "
          "coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), coalesce(p.email, ''), p.source_id "
          "FROM people p JOIN sources s ON s.id = p.source_id WHERE p.id IN "
          "(SELECT person_id FROM plan_roles WHERE plan_run = ?1 AND community_id IN "
          "(SELECT id FROM temp.selected_communities) UNION SELECT author_id FROM (" +
          std::string(authors_of_selected) + ")) AND p.key NOT LIKE 'ip:%' ORDER BY p.id")),
      m_memberships(db.prepare(
          "SELECT community_id, person_id, role, coalesce(reason, '') FROM plan_roles WHERE plan_run = ?1 AND "
          "community_id IN (SELECT id FROM temp.selected_communities) UNION ALL SELECT DISTINCT a.community_id, "
          "a.author_id, 'member', '' FROM (" + std::string(authors_of_selected) + ") a WHERE a.author_id IN (SELECT "
          "id FROM people WHERE key NOT LIKE 'ip:%') AND NOT EXISTS (SELECT 1 FROM plan_roles r WHERE r.plan_run = "
          "?1 AND r.community_id = a.community_id AND r.person_id = a.author_id) ORDER BY 1, 2")) {
    m_users.bind(1, plan_run);
    m_memberships.bind(1, plan_run);
}

PeopleBatch PlatformPeople::next(std::size_t rows) {
    PeopleBatch batch;
    if (!m_users_done) {
        while (batch.users.size() < rows && m_users.step()) {
            batch.users.push_back({m_users.column_int(0), m_users.column_text(1), m_users.column_text(2),
                                   m_users.column_text(3), m_users.column_text(4), m_users.column_int(5)});
        }
        if (batch.users.size() == rows) return batch;
        m_users_done = true;
        m_users.reset();
        if (!batch.users.empty()) return batch;
    }
    if (m_done) return batch;
    while (batch.memberships.size() < rows && m_memberships.step()) {
        batch.memberships.push_back({m_memberships.column_int(0), m_memberships.column_int(1),
                                     m_memberships.column_text(2), m_memberships.column_text(3)});
    }
    if (batch.memberships.size() < rows) {
        m_done = true;
        m_memberships.reset();
    }
    return batch;
}

PeopleAhead::PeopleAhead(sql::Database& workspace, std::int64_t plan_run, const LoadOptions& options) {
    if (!workspace.in_wal_mode()) {
        m_here = std::make_unique<PlatformPeople>(workspace, plan_run);
        return;
    }
    m_ahead = std::make_unique<BatchesAhead<PeopleBatch>>(
        [path = workspace.path(), plan_run, options](const auto& hand_over) {
            pthread_setname_np(pthread_self(), "baton-people");
            sql::Database aside(path, sql::OpenMode::read_only);
            const LoadSelection selection(aside, plan_run, options);
            PlatformPeople people(aside, plan_run);
            for (auto batch = people.next(rows_per_batch); !batch.users.empty() || !batch.memberships.empty();
                 batch = people.next(rows_per_batch)) {
                if (!hand_over(std::move(batch))) return;  // the load stopped
            }
        });
}

PeopleBatch PeopleAhead::next() {
    if (m_here) return m_here->next(rows_per_batch);
    auto batch = m_ahead->next();
    return batch ? std::move(*batch) : PeopleBatch();
}

}  // namespace baton::load::sqlite_target
