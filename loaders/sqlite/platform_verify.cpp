// `baton verify` on the SQLite target: reads every table back and compares it with the id map.
#include "loaders/sqlite/platform_verify.hpp"

#include "loaders/sqlite/platform_tables.hpp"
#include "loaders/sqlite/sqlite_platform_loader.hpp"

namespace baton::load::sqlite_target {

VerifyResult verify_target(workspace::Workspace& workspace, sql::Database& platform, const std::string& target,
                           std::size_t max_lines) {
    VerifyResult result;
    result.target = target;
    std::int64_t lines_left = static_cast<std::int64_t>(max_lines);
    auto note = [&](const std::string& line) {
        if (lines_left-- > 0) result.differences.push_back(line);
    };
    // Read inside a transaction that is rolled back: an older target gains its newer columns only for the look.
    platform.exec("BEGIN");
    ensure_platform_schema(platform);
    for (const auto& table : platform_tables()) {
        auto read = platform.prepare("SELECT id, " + owned_list(table) + " FROM " + std::string(table.name) +
                                     " WHERE legacy_key = ?");
        auto mapped = workspace.db().prepare(
            "SELECT legacy_key, target_id, coalesce(target_hash, content_hash, ''), status FROM id_map "
            "WHERE target = ? AND object_kind = ? AND status <> 'failed' ORDER BY legacy_key");
        mapped.bind(1, target).bind(2, table.object_kind);
        while (mapped.step()) {
            ++result.checked;
            const std::string legacy_key = mapped.column_text(0);
            read.bind(1, legacy_key);
            if (!read.step()) {
                ++result.missing;
                note("missing: " + std::string(table.object_kind) + " " + legacy_key + " (target id " +
                     mapped.column_text(1) + ") is in the id map but not in the target");
            } else {
                Values values;
                for (std::size_t i = 0; i < table.owned.size(); ++i) {
                    values.push_back(column_value(read, static_cast<int>(i) + 1));
                }
                const std::string id = std::to_string(read.column_int(0));
                if (id != mapped.column_text(1)) {
                    ++result.different;
                    note("different: " + std::string(table.object_kind) + " " + legacy_key + " has target id " + id +
                         ", the id map says " + mapped.column_text(1));
                } else if (hash_of(table, values) != mapped.column_text(2)) {
                    ++result.different;
                    note("different: " + std::string(table.object_kind) + " " + legacy_key + " (target id " + id +
                         ") differs from what baton wrote (edited in the target?)");
                }
            }
            read.reset();
        }
        auto rows = platform.prepare("SELECT id, legacy_key FROM " + std::string(table.name) + " ORDER BY id");
        auto known = workspace.db().prepare(
            "SELECT 1 FROM id_map WHERE target = ? AND object_kind = ? AND legacy_key = ?");
        while (rows.step()) {
            const std::string legacy_key = rows.column_text(1);
            known.bind(1, target).bind(2, table.object_kind).bind(3, legacy_key);
            if (!known.step()) {
                ++result.unexpected;
                note("unexpected: " + std::string(table.object_kind) + " " + legacy_key + " (target id " +
                     std::to_string(rows.column_int(0)) + ") is in the target but not in the id map");
            }
            known.reset();
        }
    }
    platform.exec("ROLLBACK");
    return result;
}

}  // namespace baton::load::sqlite_target
