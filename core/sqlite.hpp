// A thin RAII layer over the SQLite C API: databases, prepared statements, transactions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace baton::sql {

enum class OpenMode { read_only, read_write, create };

// Which fatal error a failure of this database is: the workspace's (exit 8) or a target's (exit 10).
enum class Role { workspace, target };

class Statement;

class Database {
public:
    Database(const std::string& path, OpenMode mode, Role role = Role::workspace);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;

    void exec(std::string_view sql);
    [[nodiscard]] Statement prepare(std::string_view sql);
    [[nodiscard]] std::int64_t last_insert_rowid() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] const std::string& path() const noexcept { return m_path; }
    // One integer from a query returning one row; `fallback` when it returns none.
    [[nodiscard]] std::int64_t query_int(std::string_view sql, std::int64_t fallback = 0);
    // Whether it is in WAL mode: only then can a second connection read beside this one's open write transaction.
    [[nodiscard]] bool in_wal_mode();
    [[nodiscard]] sqlite3* handle() const noexcept { return m_db; }
    [[nodiscard]] Role role() const noexcept { return m_role; }

private:
    sqlite3* m_db = nullptr;
    std::string m_path;
    Role m_role = Role::workspace;
};

// A prepared statement. Bound lvalue strings are not copied: they must outlive the next step();
// temporaries are copied.
class Statement {
public:
    Statement(sqlite3* db, std::string_view sql, Role role = Role::workspace);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    // A temporary string is copied by SQLite, so binding the result of a call is safe.
    Statement& bind(int index, std::string&& value);
    Statement& bind(int index, std::nullptr_t);
    // Binds NULL for an empty string: optional text columns stay NULL rather than ''.
    Statement& bind_text_or_null(int index, std::string_view value);
    Statement& bind_text_or_null(int index, std::string&& value);  // a temporary: copied, like bind()
    Statement& bind_text_or_null(int index, const std::string& value) {
        return bind_text_or_null(index, std::string_view(value));
    }
    Statement& bind_text_or_null(int index, const char* value) { return bind_text_or_null(index, std::string_view(value)); }
    Statement& bind_id_or_null(int index, std::int64_t id);  // NULL for id <= 0

    bool step();  // true while a row is available
    void run();   // step to completion, then reset for reuse
    void reset();

    [[nodiscard]] std::int64_t column_int(int index) const;
    [[nodiscard]] double column_double(int index) const;
    [[nodiscard]] std::string column_text(int index) const;
    [[nodiscard]] bool column_is_null(int index) const;
    [[nodiscard]] bool column_is_integer(int index) const;  // stored as an INTEGER (not text, real or NULL)

private:
    void check_bind(int rc, int index);
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    Role m_role = Role::workspace;
};

// BEGIN IMMEDIATE on construction; rolls back unless commit() was called.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Database& m_db;
    bool m_open = true;
};

}  // namespace baton::sql
