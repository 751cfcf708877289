// What the workspace holds, per source and item kind, and how recent runs ended (`baton status`).
#include "workspace/status.hpp"

#include <sstream>

#include "core/text.hpp"

namespace baton::workspace {
namespace {

std::int64_t count_for_source(sql::Database& db, const char* sql, std::int64_t source_id) {
    auto statement = db.prepare(sql);
    statement.bind(1, source_id);
    return statement.step() ? statement.column_int(0) : 0;
}

void collect_source(sql::Database& db, SourceStatus& status) {
    const std::int64_t id = status.source.id;
    auto items = db.prepare(
        "SELECT kind, coalesce(status, ''), count(*) FROM items WHERE source_id = ? AND removed_run IS NULL "
        "GROUP BY kind, status ORDER BY kind, status");
    items.bind(1, id);
    while (items.step()) status.items[items.column_text(0)][items.column_text(1)] = items.column_int(2);
    status.removed_items =
        count_for_source(db, "SELECT count(*) FROM items WHERE source_id = ? AND removed_run IS NOT NULL", id);
    status.people = count_for_source(db, "SELECT count(*) FROM people WHERE source_id = ?", id);
    status.containers = count_for_source(db, "SELECT count(*) FROM containers WHERE source_id = ?", id);
    status.revisions = count_for_source(
        db, "SELECT count(*) FROM revisions r JOIN items i ON i.id = r.item_id WHERE i.source_id = ?", id);
    status.warnings = count_for_source(
        db, "SELECT count(*) FROM messages WHERE source_id = ?1 AND severity = 'warning' AND run_id = "
            "(SELECT last_run FROM sources WHERE id = ?1)", id);
    status.errors = count_for_source(
        db, "SELECT count(*) FROM messages WHERE source_id = ?1 AND severity = 'error' AND run_id = "
            "(SELECT last_run FROM sources WHERE id = ?1)", id);
}

void collect_plan(sql::Database& db, PlanStatus& plan) {
    plan.run_id = db.query_int(
        "SELECT max(p.run_id) FROM plans p JOIN runs r ON r.id = p.run_id WHERE r.outcome = 'succeeded'", 0);
    if (plan.run_id == 0) return;
    const auto count = [&](const char* sql) {
        auto statement = db.prepare(sql);
        statement.bind(1, plan.run_id);
        return statement.step() ? statement.column_int(0) : 0;
    };
    plan.communities = count("SELECT count(*) FROM plan_communities WHERE plan_run = ?");
    plan.people_with_roles = count("SELECT count(DISTINCT person_id) FROM plan_roles WHERE plan_run = ?");
    plan.placed_items = count("SELECT count(*) FROM plan_placements WHERE plan_run = ? AND action = 'migrate'");
    plan.excluded_items = count("SELECT count(*) FROM plan_placements WHERE plan_run = ? AND action = 'exclude'");
    plan.tasks = count("SELECT count(*) FROM plan_tasks WHERE plan_run = ?");
}

template <typename Map>
std::string json_counts(const Map& counts) {
    std::string json = "{";
    for (const auto& [name, count] : counts) {
        if (json.size() > 1) json += ", ";
        json += text::json_string(name) + ": " + std::to_string(count);
    }
    return json + "}";
}

void collect_loaded(sql::Database& db, std::vector<LoadedStatus>& loaded) {
    auto select = db.prepare(
        "SELECT m.target, m.object_kind, sum(m.status = 'imported'), sum(m.status = 'needs-update'), "
        "sum(m.status = 'failed'), sum(m.status = 'ignored'), sum(m.status = 'needs-update' AND EXISTS (SELECT 1 FROM "
        "load_conflicts c WHERE c.target = m.target AND c.object_kind = m.object_kind AND c.legacy_key = "
        "m.legacy_key AND c.run_id = m.run_id)) FROM id_map m GROUP BY m.target, m.object_kind ORDER BY 1, 2");
    while (select.step()) {
        loaded.push_back({select.column_text(0), select.column_text(1), select.column_int(2), select.column_int(3),
                          select.column_int(4), select.column_int(5), select.column_int(6)});
    }
}

}  // namespace

WorkspaceStatus collect_status(Workspace& workspace, int recent_runs) {
    auto& db = workspace.db();
    WorkspaceStatus status;
    status.path = workspace.path();
    status.schema_version = workspace.schema_version();
    for (auto& source : workspace.sources()) {
        SourceStatus source_status;
        source_status.source = std::move(source);
        collect_source(db, source_status);
        for (const auto& [kind, by_status] : source_status.items) {
            for (const auto& [item_status, count] : by_status) status.items_by_kind[kind] += count;
        }
        status.revisions += source_status.revisions;
        status.people += source_status.people;
        status.sources.push_back(std::move(source_status));
    }
    auto containers = db.prepare("SELECT kind, count(*) FROM containers GROUP BY kind ORDER BY kind");
    while (containers.step()) status.containers_by_kind[containers.column_text(0)] = containers.column_int(1);
    collect_plan(db, status.plan);
    collect_loaded(db, status.loaded);
    status.runs = workspace.recent_runs(recent_runs);
    return status;
}

std::string status_as_text(const WorkspaceStatus& status) {
    std::ostringstream out;
    out << "workspace " << status.path << " (schema " << status.schema_version << ")\n";
    if (status.sources.empty()) out << "no sources yet: run `baton extract KIND:PATH`\n";
    for (const auto& source : status.sources) {
        const auto& info = source.source.info;
        out << "\nsource " << source.source.id << ": " << info.kind << ' ' << info.key;
        if (!info.title.empty()) out << " \"" << info.title << '"';
        out << "\n  read from " << info.locator;
        if (!info.format_version.empty()) out << " (version " << info.format_version << ')';
        out << "\n  people " << source.people << ", containers " << source.containers << ", revisions "
            << source.revisions << '\n';
        for (const auto& [kind, by_status] : source.items) {
            std::int64_t total = 0;
            std::string detail;
            for (const auto& [item_status, count] : by_status) {
                total += count;
                detail += (detail.empty() ? "" : ", ") + (item_status.empty() ? "(none)" : item_status) + ' ' +
                          std::to_string(count);
            }
            out << "  " << kind << ": " << total << " (" << detail << ")\n";
        }
        if (source.removed_items > 0) out << "  no longer in the export: " << source.removed_items << '\n';
        out << "  latest run: " << source.warnings << " warnings, " << source.errors << " errors\n";
    }
    if (status.plan.run_id > 0) {
        out << "\nplan (run " << status.plan.run_id << "): " << status.plan.communities << " communities, "
            << status.plan.people_with_roles << " people with roles, " << status.plan.placed_items
            << " items to migrate, " << status.plan.excluded_items << " excluded, " << status.plan.tasks
            << " onboarding tasks\n";
    }
    std::string loaded_target;
    for (const auto& loaded : status.loaded) {
        if (loaded.target != loaded_target) out << "\nloaded into " << (loaded_target = loaded.target) << ":\n";
        out << "  " << loaded.object_kind << ": " << loaded.imported << " imported, " << loaded.needs_update
            << " needs update, " << loaded.failed << " failed, " << loaded.conflicts << " conflicts";
        if (loaded.ignored > 0) out << ", " << loaded.ignored << " gone from the plan";
        out << '\n';
    }
    if (!status.runs.empty()) out << "\nrecent runs:\n";
    for (const auto& run : status.runs) {
        out << "  #" << run.id << ' ' << run.command << ' ' << run.outcome;
        if (run.exit_code != 0) out << " (exit " << run.exit_code << ')';
        out << "  " << run.started_at;
        if (!run.error.empty()) out << "\n      " << run.error;
        out << '\n';
    }
    return out.str();
}

std::string status_as_json(const WorkspaceStatus& status) {
    std::ostringstream out;
    out << "{\n  \"workspace\": " << text::json_string(status.path) << ",\n  \"schema_version\": "
        << status.schema_version << ",\n  \"items\": " << json_counts(status.items_by_kind)
        << ",\n  \"revisions\": " << status.revisions << ",\n  \"people\": " << status.people
        << ",\n  \"containers\": " << json_counts(status.containers_by_kind) << ",\n  \"sources\": [";
    bool first = true;
    for (const auto& source : status.sources) {
        const auto& info = source.source.info;
        out << (first ? "\n" : ",\n") << "    {\"id\": " << source.source.id << ", \"kind\": "
            << text::json_string(info.kind) << ", \"key\": " << text::json_string(info.key)
            << ", \"locator\": " << text::json_string(info.locator) << ", \"title\": " << text::json_string(info.title)
            << ", \"format_version\": " << text::json_string(info.format_version) << ", \"items\": {";
        bool first_kind = true;
        for (const auto& [kind, by_status] : source.items) {
            out << (first_kind ? "" : ", ") << text::json_string(kind) << ": " << json_counts(by_status);
            first_kind = false;
        }
        out << "}, \"removed_items\": " << source.removed_items << ", \"people\": " << source.people
            << ", \"containers\": " << source.containers << ", \"revisions\": " << source.revisions
            << ", \"warnings\": " << source.warnings << ", \"errors\": " << source.errors << '}';
        first = false;
    }
    out << (status.sources.empty() ? "]" : "\n  ]") << ",\n  \"plan\": ";
    if (status.plan.run_id == 0) {
        out << "null";
    } else {
        out << "{\"run\": " << status.plan.run_id << ", \"communities\": " << status.plan.communities
            << ", \"people_with_roles\": " << status.plan.people_with_roles << ", \"placed_items\": "
            << status.plan.placed_items << ", \"excluded_items\": " << status.plan.excluded_items
            << ", \"tasks\": " << status.plan.tasks << '}';
    }
    out << ",\n  \"loaded\": [";
    for (std::size_t i = 0; i < status.loaded.size(); ++i) {
        const auto& loaded = status.loaded[i];
        out << (i == 0 ? "\n" : ",\n") << "    {\"target\": " << text::json_string(loaded.target)
            << ", \"object_kind\": " << text::json_string(loaded.object_kind) << ", \"imported\": " << loaded.imported
            << ", \"needs_update\": " << loaded.needs_update << ", \"failed\": " << loaded.failed
            << ", \"ignored\": " << loaded.ignored << ", \"conflicts\": " << loaded.conflicts << '}';
    }
    out << (status.loaded.empty() ? "]" : "\n  ]");
    out << ",\n  \"runs\": [";
    first = true;
    for (const auto& run : status.runs) {
        out << (first ? "\n" : ",\n") << "    {\"id\": " << run.id << ", \"command\": " << text::json_string(run.command)
            << ", \"outcome\": " << text::json_string(run.outcome) << ", \"exit_code\": " << run.exit_code
            << ", \"started_at\": " << text::json_string(run.started_at) << ", \"ended_at\": "
            << text::json_string(run.ended_at) << ", \"error\": " << text::json_string(run.error) << '}';
        first = false;
    }
    out << (status.runs.empty() ? "]" : "\n  ]") << "\n}\n";
    return out.str();
}

}  // namespace baton::workspace
