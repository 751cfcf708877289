// Upserts rows by legacy key, telling created from updated from unchanged by a hash of the values.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/sqlite.hpp"
#include "loaders/loader.hpp"

namespace baton::load::sqlite_target {

using Value = std::variant<std::nullptr_t, std::int64_t, std::string>;
using Row = std::vector<std::pair<std::string, Value>>;  // column -> value, same columns on every call

class UpsertTable {
public:
    UpsertTable(sql::Database& db, std::string table);
    // Returns the row id in the target.
    std::int64_t upsert(const std::string& legacy_key, const Row& row, LoadCounts& counts);
    // The hash of the values the last upsert wrote (or found unchanged).
    [[nodiscard]] const std::string& last_hash() const noexcept { return m_last_hash; }

private:
    void prepare(const Row& row);
    sql::Database& m_db;
    std::string m_table;
    sql::Statement m_find;
    std::unique_ptr<sql::Statement> m_insert;
    std::unique_ptr<sql::Statement> m_update;
    std::string m_last_hash;
};

}  // namespace baton::load::sqlite_target
