// The floor of the load benchmark: every row `baton load` wrote (read back from its platform.db), inserted
// with one prepared INSERT per table, row by row in one transaction, into an empty platform.db: the cost of
// the writes alone, without reading the plan, lookups, hashes, journal or id map.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "core/sqlite.hpp"
#include "loaders/sqlite/platform_schema.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: load_floor LOADED-PLATFORM.db EMPTY-TARGET.db\n");
        return 2;
    }
    using namespace baton;
    const std::string target = argv[2];
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(target + suffix);
    sql::Database source(argv[1], sql::OpenMode::read_only);
    // Read every row once first, so the timed part finds them in the page cache as the load found the plan.
    std::int64_t bytes = source.query_int("SELECT sum(length(CAST(body AS BLOB))) FROM content");
    bytes += source.query_int("SELECT sum(length(CAST(body AS BLOB))) FROM comments");
    std::fprintf(stderr, "bodies: %lld bytes\n", static_cast<long long>(bytes));
    const auto start = std::chrono::steady_clock::now();
    sql::Database db(target, sql::OpenMode::create, sql::Role::target);
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
    db.exec(load::sqlite_target::platform_schema);
    db.exec("BEGIN");
    std::int64_t rows = 0;
    for (const char* table : {"communities", "users", "memberships", "content", "comments", "tasks"}) {
        std::vector<std::string> columns;
        auto info = source.prepare(std::string("SELECT name FROM pragma_table_info('") + table + "') ORDER BY cid");
        while (info.step()) columns.push_back(info.column_text(0));
        std::string list;
        std::string marks;
        for (const auto& column : columns) {
            list += (list.empty() ? "" : ", ") + column;
            marks += marks.empty() ? "?" : ", ?";
        }
        auto insert = db.prepare(std::string("INSERT INTO ") + table + "(" + list + ") VALUES (" + marks + ")");
        auto select = source.prepare("SELECT " + list + " FROM " + table + " ORDER BY id");
        while (select.step()) {
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const int at = static_cast<int>(i);
                if (select.column_is_null(at)) insert.bind(at + 1, nullptr);
                else if (select.column_is_integer(at)) insert.bind(at + 1, select.column_int(at));
                else insert.bind(at + 1, select.column_text(at));
            }
            insert.run();
            ++rows;
        }
    }
    db.exec("COMMIT");
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::printf("%lld %.3f\n", static_cast<long long>(rows), seconds);
    return 0;
}
