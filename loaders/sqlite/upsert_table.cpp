// Upserts rows by legacy key, telling created from updated from unchanged by a hash of the values.
#include "loaders/sqlite/upsert_table.hpp"

#include "core/text.hpp"

namespace baton::load::sqlite_target {
namespace {

void bind_value(sql::Statement& statement, int index, const Value& value) {
    std::visit([&](const auto& v) { statement.bind(index, v); }, value);
}

std::string hash_of(const Row& row) {
    text::Fingerprint print;
    for (const auto& [column, value] : row) {
        print.add(column);
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::nullptr_t>) print.add("\x01null");
                else if constexpr (std::is_same_v<T, std::int64_t>) print.add(std::to_string(v));
                else print.add(v);
            },
            value);
    }
    return print.hex();
}

}  // namespace

UpsertTable::UpsertTable(sql::Database& db, std::string table)
    : m_db(db),
      m_table(std::move(table)),
      m_find(db.prepare("SELECT id, content_hash FROM " + m_table + " WHERE legacy_key = ?")) {}

void UpsertTable::prepare(const Row& row) {
    std::string columns = "legacy_key, content_hash";
    std::string placeholders = "?1, ?2";
    std::string assignments = "content_hash = ?2";
    int index = 3;
    for (const auto& [column, value] : row) {
        columns += ", " + column;
        placeholders += ", ?" + std::to_string(index);
        assignments += ", " + column + " = ?" + std::to_string(index);
        ++index;
    }
    m_insert = std::make_unique<sql::Statement>(
        m_db.prepare("INSERT INTO " + m_table + "(" + columns + ") VALUES (" + placeholders + ")"));
    m_update = std::make_unique<sql::Statement>(
        m_db.prepare("UPDATE " + m_table + " SET " + assignments + " WHERE legacy_key = ?1"));
}

std::int64_t UpsertTable::upsert(const std::string& legacy_key, const Row& row, LoadCounts& counts) {
    if (!m_insert) prepare(row);
    m_last_hash = hash_of(row);
    const std::string& hash = m_last_hash;
    m_find.bind(1, legacy_key);
    const bool exists = m_find.step();
    const std::int64_t existing_id = exists ? m_find.column_int(0) : 0;
    const bool same = exists && m_find.column_text(1) == hash;
    m_find.reset();
    if (same) {
        ++counts.unchanged;
        return existing_id;
    }
    auto& statement = exists ? *m_update : *m_insert;
    statement.bind(1, legacy_key).bind(2, hash);
    int index = 3;
    for (const auto& [column, value] : row) bind_value(statement, index++, value);
    statement.run();
    if (exists) {
        ++counts.updated;
        return existing_id;
    }
    ++counts.created;
    return m_db.last_insert_rowid();
}

}  // namespace baton::load::sqlite_target
