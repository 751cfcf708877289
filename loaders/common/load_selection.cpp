// The part of the plan a load writes: --community, --limit and --ids as temporary tables of the workspace.
#include "loaders/common/load_selection.hpp"

#include "core/error.hpp"

namespace baton::load {

LoadSelection::LoadSelection(workspace::Workspace& workspace, std::int64_t plan_run, const LoadOptions& options)
    : LoadSelection(workspace.db(), plan_run, options) {}

LoadSelection::LoadSelection(sql::Database& db, std::int64_t plan_run, const LoadOptions& options) {
    whole_items = options.limit <= 0 && options.item_keys.empty();
    whole_plan = whole_items && options.communities.empty();
    db.exec("DROP TABLE IF EXISTS temp.selected_communities; DROP TABLE IF EXISTS temp.selected_items; "
            "DROP TABLE IF EXISTS temp.selected_keys; "
            "CREATE TEMP TABLE selected_communities(id INTEGER PRIMARY KEY); "
            "CREATE TEMP TABLE selected_items(id INTEGER PRIMARY KEY); "
            "CREATE TEMP TABLE selected_keys(key TEXT PRIMARY KEY)");
    if (options.communities.empty()) {
        auto all = db.prepare("INSERT INTO selected_communities SELECT id FROM plan_communities WHERE plan_run = ?");
        all.bind(1, plan_run).run();
    } else {
        auto one = db.prepare("INSERT OR IGNORE INTO selected_communities SELECT id FROM plan_communities "
                              "WHERE plan_run = ? AND slug = ?");
        auto known = db.prepare("SELECT 1 FROM plan_communities WHERE plan_run = ? AND slug = ?");
        for (const auto& slug : options.communities) {
            known.bind(1, plan_run).bind(2, slug);
            const bool exists = known.step();
            known.reset();
            if (!exists) {
                throw UsageError("the plan has no community \"" + slug + "\"",
                                 "see the slugs with `baton plan --json` or in the report");
            }
            one.bind(1, plan_run).bind(2, slug).run();
        }
    }
    const std::string placed =
        "SELECT pp.item_id FROM plan_placements pp JOIN items i ON i.id = pp.item_id JOIN sources s ON "
        "s.id = i.source_id WHERE pp.plan_run = ?1 AND pp.action = 'migrate' AND pp.community_id IN "
        "(SELECT id FROM selected_communities)";
    if (whole_items) {
        auto all = db.prepare("INSERT INTO selected_items " + placed);
        all.bind(1, plan_run).run();
    } else {
        std::string filter;
        if (!options.item_keys.empty()) {
            auto key = db.prepare("INSERT OR IGNORE INTO selected_keys VALUES (?)");
            for (const auto& k : options.item_keys) key.bind(1, k).run();
            filter = " AND (i.key IN (SELECT key FROM selected_keys) OR s.key || '#' || i.key IN "
                     "(SELECT key FROM selected_keys))";
        }
        auto named = db.prepare("INSERT INTO selected_items " + placed + filter +
                                " AND i.kind <> 'comment' ORDER BY i.id" +
                                (options.limit > 0 ? " LIMIT " + std::to_string(options.limit) : std::string()));
        named.bind(1, plan_run).run();
        // Comments named themselves, then the comments of every kept item.
        if (!filter.empty()) {
            auto comments = db.prepare("INSERT OR IGNORE INTO selected_items " + placed + filter +
                                       " AND i.kind = 'comment'");
            comments.bind(1, plan_run).run();
        }
        auto of_kept = db.prepare(
            "INSERT OR IGNORE INTO selected_items " + placed +
            " AND i.kind = 'comment' AND EXISTS (SELECT 1 FROM items p WHERE p.source_id = i.source_id AND "
            "p.key = i.parent_key AND p.id IN (SELECT id FROM selected_items))");
        of_kept.bind(1, plan_run).run();
        if (!options.item_keys.empty()) {
            auto unknown = db.prepare(
                "SELECT key FROM selected_keys k WHERE NOT EXISTS (SELECT 1 FROM selected_items si JOIN items i ON "
                "i.id = si.id JOIN sources s ON s.id = i.source_id WHERE i.key = k.key OR s.key || '#' || i.key = "
                "k.key) LIMIT 1");
            if (unknown.step()) {
                throw UsageError("--ids: the plan migrates no item \"" + unknown.column_text(0) + "\"" +
                                     (options.communities.empty() ? "" : " in the chosen communities"),
                                 "name items by their key as `baton dump` shows it, e.g. post:45");
            }
        }
    }
    items = db.query_int("SELECT count(*) FROM selected_items");
}

}  // namespace baton::load
