// The columns baton owns in each table of the SQLite target, and rows of them as values: hashes, JSON images.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "core/sqlite.hpp"

namespace baton::load::sqlite_target {

using Value = std::variant<std::nullptr_t, std::int64_t, std::string>;
using Values = std::vector<Value>;  // one per owned column, in PlatformTable::owned order

// Values moved in (a braced list would copy every string, bodies included).
template <typename... Each>
[[nodiscard]] Values values_of(Each&&... each) {
    Values values;
    values.reserve(sizeof...(each));
    (values.emplace_back(std::forward<Each>(each)), ...);
    return values;
}

struct PlatformTable {
    const char* object_kind;  // as in id_map: community, user, membership, content, comment, task
    std::string_view name;    // the table
    // The columns a load writes, in hash order. Not owned: id, legacy_key, content_hash, the resolved
    // parent_id / reply_to_id (derived from the legacy keys) and tasks.status (the platform's own state).
    std::vector<std::string_view> owned;
    // Owned columns from this index on were added later: they enter the hash only when not NULL, so rows
    // loaded before keep their hash.
    std::size_t always_hashed;
    // A row of the same table this row names by legacy key (owned: key_column) and by id (derived: id_column),
    // as content's parent and a comment's reply-to.
    struct SelfReference {
        std::string_view id_column;
        std::string_view key_column;
    };
    std::optional<SelfReference> self_reference = std::nullopt;
};

[[nodiscard]] const std::vector<PlatformTable>& platform_tables();
[[nodiscard]] const PlatformTable& platform_table(std::string_view object_kind);  // throws for an unknown kind

[[nodiscard]] std::string hash_of(const PlatformTable& table, const Values& values);
[[nodiscard]] Value column_value(const sql::Statement& statement, int index);
void bind_value(sql::Statement& statement, int index, const Value& value);

// The id of the row of `table` whose legacy key is `key` (an SQL expression): its self-reference's lookup.
[[nodiscard]] std::string self_reference_id_sql(const PlatformTable& table, const std::string& key);
// Sets the self-reference's id column from its key column wherever the two disagree (the row named was
// written after the row naming it, or is gone): "" for a table without one.
[[nodiscard]] std::string resolve_self_reference_sql(const PlatformTable& table);

// "col1, col2, ..." of the owned columns.
[[nodiscard]] std::string owned_list(const PlatformTable& table);

// A whole row (every column of the table, read with `SELECT *`) as a JSON object, for the load journal.
class RowImage {
public:
    RowImage(sql::Database& db, std::string_view table);
    [[nodiscard]] std::string json_of(std::int64_t id);  // "" when there is no such row
    [[nodiscard]] const std::vector<std::string>& columns() const noexcept { return m_columns; }

private:
    std::vector<std::string> m_columns;
    sql::Statement m_select;
};

// Parses a RowImage JSON object back: the columns in `columns` order (NULL where the image has none).
[[nodiscard]] Values values_from_json(const std::string& json, const std::vector<std::string>& columns);

}  // namespace baton::load::sqlite_target
