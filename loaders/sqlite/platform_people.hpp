// The users and memberships of a load, read from the workspace ahead of the loading thread that writes them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/produce_aside.hpp"
#include "core/sqlite.hpp"
#include "loaders/loader.hpp"

namespace baton::load::sqlite_target {

// A person the load makes a user of the platform.
struct PersonRow {
    std::int64_t person_id = 0;  // workspace id
    std::string legacy_key;      // SOURCEKEY#PERSONKEY
    std::string login, display_name, email;
    std::int64_t source_id = 0;
};

// A person's place in a community: the plan's owners and managers, then every other author of selected content
// as a member. Workspace ids, in (community, person) order.
struct RoleRow {
    std::int64_t community_id = 0;
    std::int64_t person_id = 0;
    std::string role, reason;
};

// Rows of one kind: users, or (after every user) memberships.
struct PeopleBatch {
    std::vector<PersonRow> users;
    std::vector<RoleRow> memberships;
};

// Reads the selection's users (role holders of the selected communities and authors of the selected items, none
// known only by an IP address), then its memberships, on `db` with its temp.selected_* tables (LoadSelection).
class PlatformPeople {
public:
    PlatformPeople(sql::Database& db, std::int64_t plan_run);
    // Up to `rows` users, or once every user was read up to `rows` memberships; empty at the end.
    [[nodiscard]] PeopleBatch next(std::size_t rows);

private:
    sql::Statement m_users;
    sql::Statement m_memberships;
    bool m_users_done = false;
    bool m_done = false;
};

// The rows of PlatformPeople for a load writing on `workspace`: read ahead on a read-only connection on a thread of
// its own when the workspace is in WAL mode (the selection built again there, as BodiesAhead does), so that the
// memberships' query (a sorted union over the plan's placements) runs while the users are written; else read here,
// on demand. Reading starts at construction.
class PeopleAhead {
public:
    PeopleAhead(sql::Database& workspace, std::int64_t plan_run, const LoadOptions& options);
    // The next batch, in order; empty once every row was read. Rethrows what stopped the reading.
    [[nodiscard]] PeopleBatch next();

private:
    std::unique_ptr<PlatformPeople> m_here;
    std::unique_ptr<BatchesAhead<PeopleBatch>> m_ahead;
};

}  // namespace baton::load::sqlite_target
