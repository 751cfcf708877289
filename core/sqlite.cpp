// A thin RAII layer over the SQLite C API: errors become baton::WorkspaceError with SQLite's message.
#include "core/sqlite.hpp"

#include <sqlite3.h>

#include <mutex>
#include <utility>

#include "core/error.hpp"

namespace baton::sql {
namespace {

[[noreturn]] void fail(sqlite3* db, const std::string& what, Role role) {
    std::string message = what;
    if (db != nullptr) message += ": " + std::string(sqlite3_errmsg(db));
    if (role == Role::target) throw TargetError(message);
    throw WorkspaceError(message);
}

}  // namespace

namespace {

// Memory-use statistics make SQLite take a global mutex on every allocation; baton never reads
// them, and bulk writes allocate a lot. Must run before SQLite initialises.
void configure_sqlite_once() {
    static std::once_flag once;
    std::call_once(once, [] {
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        sqlite3_initialize();
    });
}

}  // namespace

Database::Database(const std::string& path, OpenMode mode, Role role) : m_path(path), m_role(role) {
    configure_sqlite_once();
    int flags = SQLITE_OPEN_NOMUTEX;
    switch (mode) {
        case OpenMode::read_only: flags |= SQLITE_OPEN_READONLY; break;
        case OpenMode::read_write: flags |= SQLITE_OPEN_READWRITE; break;
        case OpenMode::create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
    }
    if (sqlite3_open_v2(path.c_str(), &m_db, flags, nullptr) != SQLITE_OK) {
        std::string message = "cannot open database " + path;
        if (m_db != nullptr) {
            message += ": " + std::string(sqlite3_errmsg(m_db));
            sqlite3_close(m_db);
            m_db = nullptr;
        }
        fail(nullptr, message, role);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, 5000);
}

Database::~Database() {
    if (m_db != nullptr) sqlite3_close_v2(m_db);
}

Database::Database(Database&& other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)), m_role(other.m_role) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        if (m_db != nullptr) sqlite3_close_v2(m_db);
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_role = other.m_role;
    }
    return *this;
}

void Database::exec(std::string_view sql) {
    std::string text(sql);
    char* error = nullptr;
    if (sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        std::string message = error != nullptr ? error : "unknown error";
        sqlite3_free(error);
        fail(nullptr, "SQL failed on " + m_path + ": " + message, m_role);
    }
}

Statement Database::prepare(std::string_view sql) { return Statement(m_db, sql, m_role); }

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(m_db); }

int Database::changes() const { return sqlite3_changes(m_db); }

std::int64_t Database::query_int(std::string_view sql, std::int64_t fallback) {
    Statement statement = prepare(sql);
    return statement.step() ? statement.column_int(0) : fallback;
}

bool Database::in_wal_mode() {
    Statement mode = prepare("PRAGMA journal_mode");
    return mode.step() && mode.column_text(0) == "wal";
}

Statement::Statement(sqlite3* db, std::string_view sql, Role role) : m_db(db), m_role(role) {
    if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &m_stmt, nullptr) != SQLITE_OK) {
        fail(db, "cannot prepare SQL `" + std::string(sql.substr(0, 120)) + "`", m_role);
    }
}

Statement::~Statement() {
    if (m_stmt != nullptr) sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr)), m_role(other.m_role) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        if (m_stmt != nullptr) sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = std::exchange(other.m_stmt, nullptr);
        m_role = other.m_role;
    }
    return *this;
}

void Statement::check_bind(int rc, int index) {
    if (rc != SQLITE_OK) fail(m_db, "cannot bind parameter " + std::to_string(index), m_role);
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(m_stmt, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    check_bind(sqlite3_bind_double(m_stmt, index, value), index);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    // A non-null pointer even for empty strings, so '' stays '' and not NULL.
    const char* data = value.empty() ? "" : value.data();
    check_bind(sqlite3_bind_text64(m_stmt, index, data, value.size(), SQLITE_STATIC, SQLITE_UTF8), index);
    return *this;
}

Statement& Statement::bind(int index, std::string&& value) {
    check_bind(sqlite3_bind_text64(m_stmt, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
    return *this;
}

Statement& Statement::bind(int index, std::nullptr_t) {
    check_bind(sqlite3_bind_null(m_stmt, index), index);
    return *this;
}

Statement& Statement::bind_text_or_null(int index, std::string_view value) {
    return value.empty() ? bind(index, nullptr) : bind(index, value);
}

Statement& Statement::bind_text_or_null(int index, std::string&& value) {
    return value.empty() ? bind(index, nullptr) : bind(index, std::move(value));
}

Statement& Statement::bind_id_or_null(int index, std::int64_t id) {
    return id > 0 ? bind(index, id) : bind(index, nullptr);
}

bool Statement::step() {
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    const std::string sql = sqlite3_sql(m_stmt) != nullptr ? sqlite3_sql(m_stmt) : "";
    sqlite3_reset(m_stmt);
    fail(m_db, "SQL step failed in `" + sql.substr(0, 120) + "`", m_role);
}

void Statement::run() {
    while (step()) {
    }
    reset();
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

std::int64_t Statement::column_int(int index) const { return sqlite3_column_int64(m_stmt, index); }

double Statement::column_double(int index) const { return sqlite3_column_double(m_stmt, index); }

std::string Statement::column_text(int index) const {
    const auto* text = sqlite3_column_text(m_stmt, index);
    if (text == nullptr) return {};
    return {reinterpret_cast<const char*>(text), static_cast<std::size_t>(sqlite3_column_bytes(m_stmt, index))};
}

bool Statement::column_is_null(int index) const { return sqlite3_column_type(m_stmt, index) == SQLITE_NULL; }

bool Statement::column_is_integer(int index) const { return sqlite3_column_type(m_stmt, index) == SQLITE_INTEGER; }

Transaction::Transaction(Database& db) : m_db(db) { m_db.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (m_open) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
            // Nothing more can be done in a destructor; SQLite rolls back on close anyway.
        }
    }
}

void Transaction::commit() {
    m_db.exec("COMMIT");
    m_open = false;
}

}  // namespace baton::sql
