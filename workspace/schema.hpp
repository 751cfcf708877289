// The workspace schema as an ordered list of upgrade steps; a workspace's version is the steps applied.
#pragma once

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

}  // namespace baton::workspace
