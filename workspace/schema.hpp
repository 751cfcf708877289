// The workspace schema as an ordered list of upgrade steps; a workspace's version is the steps applied.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace baton::sql {
class Database;
}

namespace baton::workspace {

struct SchemaStep {
    int version;               // the version the workspace has after this step
    std::string_view purpose;  // one line for the upgrade log
    std::string_view sql;
};

[[nodiscard]] const std::vector<SchemaStep>& schema_steps();
[[nodiscard]] int latest_schema_version();

// Applies every step after `from` up to `to`, each in its own transaction, setting user_version.
void apply_schema_steps(sql::Database& db, int from, int to);

// What the steps make of an empty database, as one script of CREATE and INSERT statements, in the order the steps
// made them: a new workspace runs it instead of the steps, whose ALTER TABLEs each make SQLite parse the whole
// schema again (about 5 ms of a new workspace's start). Generated from the steps by schema_snapshot_text() and
// kept in workspace/schema_snapshot.cpp; a test fails when the two differ (BATON_UPDATE_GOLDEN=1 rewrites it).
struct SchemaSnapshot {
    int version;
    std::string_view script;
};
[[nodiscard]] const SchemaSnapshot& latest_schema_snapshot();
[[nodiscard]] std::string schema_snapshot_text(sql::Database& db);  // of `db` as the steps left it

// A new, empty database at the latest version: the snapshot when it is current, else the steps.
void create_latest_schema(sql::Database& db);

}  // namespace baton::workspace
