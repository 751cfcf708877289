// Wiki pages the plan no longer migrates, after a Redmine load: moved under "Archive", deleted or kept.
#include "loaders/redmine/page_deletions.hpp"

#include <Poco/JSON/Object.h>

#include <sstream>
#include <vector>

#include "core/text.hpp"

namespace baton::load::redmine {
namespace {

struct Gone {
    std::string legacy_key;
    std::string target_id;  // PROJECT/Title
    std::string content_hash;
    std::string target_hash;
    std::int64_t source_id = 0;
};

std::string before_image(const WikiPage& page) {
    Poco::JSON::Object object;
    object.set("text", page.text).set("parent_title", page.parent_title);
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

}  // namespace

void apply_deleted_policy(RedmineApi& api, sql::Database& db, LoadRecords& records, std::int64_t plan_run,
                          const LoadOptions& options, LoadCounts& content) {
    if (options.limit > 0 || !options.item_keys.empty() || !options.communities.empty()) return;
    std::vector<Gone> gone;
    {
        // Pages (not attachments) mapped from a source whose item the plan no longer migrates.
        auto select = db.prepare(
            "SELECT m.legacy_key, m.target_id, coalesce(m.content_hash, ''), coalesce(m.target_hash, ''), m.source_id "
            "FROM id_map m JOIN sources s ON s.id = m.source_id WHERE m.target = ? AND m.object_kind = 'content' AND "
            "m.status NOT IN ('failed', 'ignored') AND m.target_id NOT LIKE 'attachment/%' AND "
            "substr(m.legacy_key, 1, length(s.key) + 1) = s.key || '#' AND NOT EXISTS (SELECT 1 FROM items i WHERE "
            "i.source_id = m.source_id AND i.key = substr(m.legacy_key, length(s.key) + 2) AND i.id IN (SELECT "
            "item_id FROM plan_placements WHERE plan_run = ? AND action = 'migrate')) ORDER BY m.legacy_key");
        select.bind(1, records.target()).bind(2, plan_run);
        while (select.step()) {
            gone.push_back({select.column_text(0), select.column_text(1), select.column_text(2), select.column_text(3),
                            select.column_int(4)});
        }
    }
    auto set_status = db.prepare("UPDATE id_map SET status = ?, run_id = ?, updated_at = ? WHERE target = ? AND "
                                 "object_kind = 'content' AND legacy_key = ?");
    auto forget = db.prepare("DELETE FROM id_map WHERE target = ? AND object_kind = 'content' AND legacy_key = ?");
    const std::int64_t run_id = records.run_id();
    for (const auto& page_ref : gone) {
        const auto slash = page_ref.target_id.find('/');
        if (slash == std::string::npos) continue;
        const std::string project = page_ref.target_id.substr(0, slash);
        const std::string title = page_ref.target_id.substr(slash + 1);
        const auto page = api.wiki_page(project, title);
        const bool archived = page && page->parent_title == archive_page_title;
        if (!page || options.deleted_policy == "keep" || (options.deleted_policy == "archive" && archived)) {
            if (!options.dry_run) {
                set_status.bind(1, "ignored").bind(2, run_id).bind(3, text::utc_now_iso()).bind(4, records.target());
                set_status.bind(5, page_ref.legacy_key).run();
            }
            continue;
        }
        const std::string hash = page->hash();
        if (hash != page_ref.content_hash && hash != page_ref.target_hash) {
            ++content.conflicts;
            if (!options.dry_run) {
                records.conflict("content", page_ref.legacy_key, page_ref.target_id, {},
                                 "is gone from the plan but was edited in Redmine after baton loaded it; it was not " +
                                     std::string(options.deleted_policy == "delete" ? "deleted" : "archived"));
            }
            continue;
        }
        ++content.deleted;
        if (options.dry_run) continue;
        const std::string before = before_image(*page);
        if (options.deleted_policy == "delete") {
            records.journal("content", page_ref.legacy_key, page_ref.target_id, "deleted", before);
            api.delete_wiki_page(project, title);
            forget.bind(1, records.target()).bind(2, page_ref.legacy_key).run();
            continue;
        }
        if (!api.wiki_page(project, archive_page_title)) {
            // Journalled as created under its own key, so rollback removes it after putting the pages back.
            records.journal("content", "baton:archive#" + project, project + "/" + archive_page_title, "created", {});
            api.put_wiki_page(project, archive_page_title,
                              "Pages whose items are no longer migrated by baton's plan.\n\n{{child_pages}}",
                              "created by baton load --deleted archive", {});
        }
        records.journal("content", page_ref.legacy_key, page_ref.target_id, "archived", before);
        api.set_wiki_parent(project, title, page->text, archive_page_title, "archived by baton load");
        set_status.bind(1, "ignored").bind(2, run_id).bind(3, text::utc_now_iso()).bind(4, records.target());
        set_status.bind(5, page_ref.legacy_key).run();
    }
}

}  // namespace baton::load::redmine
