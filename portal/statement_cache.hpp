// Prepared statements kept per workspace connection: the portal runs the same few dozen queries on every request,
// and preparing them again each time cost more than running them.
#pragma once

#include <string>
#include <unordered_map>

#include "core/sqlite.hpp"

namespace baton::portal {

class StatementCache {
public:
    explicit StatementCache(sql::Database& db) : m_db(db) {}
    StatementCache(const StatementCache&) = delete;
    StatementCache& operator=(const StatementCache&) = delete;

    // The statement for `sql`, prepared on first use, reset (bindings are rebound by the caller). A statement is
    // not to be used again while an earlier use of the same text is still stepping.
    sql::Statement& prepare(const std::string& sql) {
        auto found = m_statements.find(sql);
        if (found == m_statements.end()) return m_statements.emplace(sql, m_db.prepare(sql)).first->second;
        found->second.reset();
        return found->second;
    }
    // Resets every statement, so that none keeps a read snapshot open between requests.
    void reset_all() {
        for (auto& [text, statement] : m_statements) statement.reset();
    }
    [[nodiscard]] sql::Database& db() noexcept { return m_db; }

private:
    sql::Database& m_db;
    std::unordered_map<std::string, sql::Statement> m_statements;
};

}  // namespace baton::portal
