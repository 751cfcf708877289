// The embedded default target: writes communities, members, content, comments and tasks into platform.db.
#include "loaders/sqlite/sqlite_platform_loader.hpp"

#include <filesystem>
#include <unordered_map>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/progress.hpp"
#include "loaders/sqlite/platform_schema.hpp"
#include "loaders/sqlite/upsert_table.hpp"

namespace baton::load {
namespace {

using sqlite_target::Row;
using sqlite_target::UpsertTable;
using sqlite_target::Value;

Value text_or_null(std::string value) { return value.empty() ? Value(nullptr) : Value(std::move(value)); }
Value id_or_null(std::int64_t id) { return id > 0 ? Value(id) : Value(nullptr); }

sql::Database open_platform(const std::string& path) {
    sql::Database db(path, sql::OpenMode::create, sql::Role::target);
    // Refuse a database of something else before writing anything to it (not even WAL mode).
    if (db.query_int("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name NOT IN "
                     "('platform_meta', 'communities', 'users', 'memberships', 'content', 'comments', 'tasks')") > 0) {
        throw TargetError(path + " holds tables that are not baton's platform model",
                          "name a new file with --target sqlite:PATH");
    }
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    db.exec(sqlite_target::platform_schema);
    return db;
}

// Writes one id-map row per loaded object into the workspace, in its own transaction.
class IdMap {
public:
    IdMap(workspace::Workspace& workspace, std::string target, std::int64_t run_id)
        : m_statement(workspace.db().prepare(
              "INSERT INTO id_map(target, object_kind, legacy_key, target_id, content_hash, run_id, status) "
              "VALUES (?,?,?,?,?,?,'imported') ON CONFLICT (target, object_kind, legacy_key) DO UPDATE SET "
              "target_id = excluded.target_id, content_hash = excluded.content_hash, run_id = excluded.run_id, "
              "status = 'imported'")),
          m_target(std::move(target)),
          m_run(run_id) {}

    void record(const char* kind, const std::string& legacy_key, std::int64_t target_id, const UpsertTable& table) {
        m_statement.bind(1, m_target).bind(2, kind).bind(3, legacy_key).bind(4, std::to_string(target_id));
        m_statement.bind(5, table.last_hash()).bind(6, m_run).run();
    }

private:
    sql::Statement m_statement;
    std::string m_target;
    std::int64_t m_run;
};

class PlatformLoad {
public:
    PlatformLoad(workspace::Workspace& workspace, sql::Database& platform, std::int64_t plan_run, IdMap& id_map)
        : m_ws(workspace.db()), m_platform(platform), m_plan(plan_run), m_id_map(id_map) {}

    void run(LoadResult& result) {
        load_communities(result.communities);
        load_users(result.users);
        load_memberships(result.memberships);
        load_content(result.content);
        load_comments(result.comments);
        load_tasks(result.tasks);
    }

private:
    // The plan's slug, or the first "-N" variant no other community of the target holds: loads
    // never delete, so a slug freed in one plan may still belong to an earlier community.
    std::string free_slug(const std::string& slug, const std::string& legacy_key) {
        auto holder = m_platform.prepare("SELECT legacy_key FROM communities WHERE slug = ?");
        std::string candidate = slug;
        for (int n = 2;; ++n) {
            holder.bind(1, candidate);
            const bool taken = holder.step() && holder.column_text(0) != legacy_key;
            holder.reset();
            if (!taken) return candidate;
            candidate = slug + "-" + std::to_string(n);
        }
    }

    void load_communities(LoadCounts& counts) {
        UpsertTable table(m_platform, "communities");
        auto select = m_ws.prepare(
            "SELECT c.id, s.key || '#' || coalesce(ct.key, 'site'), c.slug, c.name, coalesce(c.description, '') "
            "FROM plan_communities c JOIN sources s ON s.id = c.source_id LEFT JOIN containers ct ON ct.id = "
            "c.container_id WHERE c.plan_run = ? ORDER BY c.id");
        select.bind(1, m_plan);
        while (select.step()) {
            const std::string legacy_key = select.column_text(1);
            const Row row = {{"slug", free_slug(select.column_text(2), legacy_key)},
                             {"name", select.column_text(3)},
                             {"description", text_or_null(select.column_text(4))}};
            const std::int64_t id = table.upsert(legacy_key, row, counts);
            m_community_ids[select.column_int(0)] = {id, legacy_key};
            m_id_map.record("community", legacy_key, id, table);
        }
    }

    void load_users(LoadCounts& counts) {
        UpsertTable table(m_platform, "users");
        auto select = m_ws.prepare(
            "SELECT p.id, s.key || '#' || p.key, coalesce(p.login, ''), "
            "coalesce(nullif(p.display_name, ''), nullif(p.login, ''), p.key), coalesce(p.email, '') "
            "FROM people p JOIN sources s ON s.id = p.source_id WHERE p.id IN "
            "(SELECT person_id FROM plan_roles WHERE plan_run = ?1 UNION SELECT i.author_id FROM plan_placements pp "
            "JOIN items i ON i.id = pp.item_id WHERE pp.plan_run = ?1 AND pp.action = 'migrate') "
            "AND p.key NOT LIKE 'ip:%' ORDER BY p.id");
        select.bind(1, m_plan);
        while (select.step()) {
            const std::string legacy_key = select.column_text(1);
            const Row row = {{"login", text_or_null(select.column_text(2))},
                             {"display_name", select.column_text(3)},
                             {"email", text_or_null(select.column_text(4))}};
            const std::int64_t id = table.upsert(legacy_key, row, counts);
            m_user_ids[select.column_int(0)] = {id, legacy_key};
            m_id_map.record("user", legacy_key, id, table);
        }
    }

    void load_memberships(LoadCounts& counts) {
        UpsertTable table(m_platform, "memberships");
        // Owners and managers from the plan, then every other author of migrated content as a member.
        auto select = m_ws.prepare(
            "SELECT community_id, person_id, role, reason FROM plan_roles WHERE plan_run = ?1 "
            "UNION ALL SELECT DISTINCT pp.community_id, i.author_id, 'member', '' FROM plan_placements pp "
            "JOIN items i ON i.id = pp.item_id WHERE pp.plan_run = ?1 AND pp.action = 'migrate' "
            "AND i.author_id IN (SELECT id FROM people WHERE key NOT LIKE 'ip:%') AND NOT EXISTS (SELECT 1 FROM plan_roles r WHERE "
            "r.community_id = pp.community_id AND r.person_id = i.author_id) ORDER BY 1, 2");
        select.bind(1, m_plan);
        while (select.step()) {
            const auto& community = m_community_ids.at(select.column_int(0));
            const auto& user = m_user_ids.at(select.column_int(1));
            const std::string legacy_key = community.second + "@" + user.second;
            const Row row = {{"community_id", community.first},
                             {"user_id", user.first},
                             {"role", select.column_text(2)},
                             {"reason", text_or_null(select.column_text(3))}};
            m_id_map.record("membership", legacy_key, table.upsert(legacy_key, row, counts), table);
        }
    }

    void load_content(LoadCounts& counts) {
        UpsertTable table(m_platform, "content");
        auto select = m_ws.prepare(
            "SELECT s.key || '#' || i.key, pp.community_id, i.kind, coalesce(i.title, ''), coalesce(i.status, ''), "
            "coalesce(i.author_id, 0), coalesce(s.key || '#' || i.parent_key, ''), coalesce(b.format, ''), "
            "coalesce(b.text, ''), coalesce(i.created_at, ''), coalesce(i.modified_at, '') "
            "FROM plan_placements pp JOIN items i ON i.id = pp.item_id JOIN sources s ON s.id = i.source_id "
            "LEFT JOIN item_bodies b ON b.item_id = i.id "
            "WHERE pp.plan_run = ? AND pp.action = 'migrate' AND i.kind <> 'comment' ORDER BY i.id");
        select.bind(1, m_plan);
        Progress progress("load: content", 0);
        std::uint64_t count = 0;
        while (select.step()) {
            const std::string legacy_key = select.column_text(0);
            const auto author = m_user_ids.find(select.column_int(5));
            const Row row = {{"community_id", m_community_ids.at(select.column_int(1)).first},
                             {"kind", select.column_text(2)},
                             {"title", text_or_null(select.column_text(3))},
                             {"status", text_or_null(select.column_text(4))},
                             {"author_id", id_or_null(author == m_user_ids.end() ? 0 : author->second.first)},
                             {"parent_legacy_key", text_or_null(select.column_text(6))},
                             {"body_format", text_or_null(select.column_text(7))},
                             {"body", select.column_text(8)},
                             {"created_at", text_or_null(select.column_text(9))},
                             {"updated_at", text_or_null(select.column_text(10))}};
            m_id_map.record("content", legacy_key, table.upsert(legacy_key, row, counts), table);
            if (++count % 1024 == 0) {
                throw_if_interrupted();
                progress.update(count, 0);
            }
        }
        m_platform.exec(
            "UPDATE content SET parent_id = (SELECT p.id FROM content p WHERE p.legacy_key = content.parent_legacy_key) "
            "WHERE parent_legacy_key IS NOT NULL");
    }

    void load_comments(LoadCounts& counts) {
        UpsertTable table(m_platform, "comments");
        auto find_content = m_platform.prepare("SELECT id FROM content WHERE legacy_key = ?");
        auto select = m_ws.prepare(
            "SELECT s.key || '#' || i.key, s.key || '#' || i.parent_key, coalesce(i.author_id, 0), "
            "coalesce(s.key || '#' || i.reply_to_key, ''), coalesce(b.text, ''), coalesce(i.status, ''), "
            "coalesce(i.created_at, '') FROM plan_placements pp JOIN items i ON i.id = pp.item_id "
            "LEFT JOIN item_bodies b ON b.item_id = i.id "
            "JOIN sources s ON s.id = i.source_id WHERE pp.plan_run = ? AND pp.action = 'migrate' "
            "AND i.kind = 'comment' ORDER BY i.id");
        select.bind(1, m_plan);
        while (select.step()) {
            const std::string legacy_key = select.column_text(0);
            find_content.bind(1, select.column_text(1));
            const std::int64_t content_id = find_content.step() ? find_content.column_int(0) : 0;
            find_content.reset();
            if (content_id == 0) {  // the planner migrates comments only with their item; counted if not
                ++counts.skipped;
                continue;
            }
            const auto author = m_user_ids.find(select.column_int(2));
            const Row row = {{"content_id", content_id},
                             {"author_id", id_or_null(author == m_user_ids.end() ? 0 : author->second.first)},
                             {"reply_to_legacy_key", text_or_null(select.column_text(3))},
                             {"body", select.column_text(4)},
                             {"status", text_or_null(select.column_text(5))},
                             {"created_at", text_or_null(select.column_text(6))}};
            m_id_map.record("comment", legacy_key, table.upsert(legacy_key, row, counts), table);
        }
        m_platform.exec(
            "UPDATE comments SET reply_to_id = (SELECT p.id FROM comments p WHERE p.legacy_key = "
            "comments.reply_to_legacy_key) WHERE reply_to_legacy_key IS NOT NULL");
    }

    void load_tasks(LoadCounts& counts) {
        UpsertTable table(m_platform, "tasks");
        auto select = m_ws.prepare(
            "SELECT community_id, person_id, role, seq, code, title, description, coalesce(due_offset_days, 0) "
            "FROM plan_tasks WHERE plan_run = ? ORDER BY id");
        select.bind(1, m_plan);
        while (select.step()) {
            const auto& community = m_community_ids.at(select.column_int(0));
            const auto& user = m_user_ids.at(select.column_int(1));
            const std::string legacy_key = community.second + "@" + user.second + "/" + select.column_text(4);
            const Row row = {{"user_id", user.first},
                             {"community_id", community.first},
                             {"role", select.column_text(2)},
                             {"position", select.column_int(3)},
                             {"title", select.column_text(5)},
                             {"description", select.column_text(6)},
                             {"due_offset_days", select.column_int(7)}};
            m_id_map.record("task", legacy_key, table.upsert(legacy_key, row, counts), table);
        }
    }

    sql::Database& m_ws;
    sql::Database& m_platform;
    std::int64_t m_plan;
    IdMap& m_id_map;
    // Workspace id -> (target id, legacy key); bounded by communities and people, not items.
    std::unordered_map<std::int64_t, std::pair<std::int64_t, std::string>> m_community_ids;
    std::unordered_map<std::int64_t, std::pair<std::int64_t, std::string>> m_user_ids;
};

}  // namespace

SqlitePlatformLoader::SqlitePlatformLoader(std::string path) : m_path(std::move(path)) {}

LoadResult SqlitePlatformLoader::load(workspace::Workspace& workspace, std::int64_t plan_run, std::int64_t run_id,
                                      const LoadOptions& /*options*/) {
    std::error_code error;
    const auto absolute = std::filesystem::absolute(m_path, error);
    LoadResult result;
    result.target = "sqlite:" + (error ? m_path : absolute.lexically_normal().string());

    sql::Database platform = open_platform(m_path);
    IdMap id_map(workspace, result.target, run_id);
    // The target commits first: if the workspace commit is lost, the next run finds every
    // object again by its legacy key and creates nothing twice.
    sql::Transaction target_transaction(platform);
    sql::Transaction workspace_transaction(workspace.db());
    PlatformLoad(workspace, platform, plan_run, id_map).run(result);
    target_transaction.commit();
    workspace_transaction.commit();
    return result;
}

RollbackResult SqlitePlatformLoader::rollback(workspace::Workspace&, std::int64_t, std::int64_t) {
    throw UsageError("rollback of the sqlite target is not implemented yet");
}

VerifyResult SqlitePlatformLoader::verify(workspace::Workspace&) {
    throw UsageError("verify of the sqlite target is not implemented yet");
}

std::unique_ptr<Loader> create_sqlite_platform_loader(const std::string& location) {
    return std::make_unique<SqlitePlatformLoader>(location);
}

}  // namespace baton::load
