// Wiki titles and page URLs of a Redmine load, assigned in one pass over the plan before any page is written.
#include "loaders/redmine/page_titles.hpp"

#include <sqlite3.h>

#include <memory>
#include <optional>

#include "core/text.hpp"
#include "loaders/redmine/redmine_names.hpp"

namespace baton::load::redmine {

void assign_page_titles(sql::Database& db, std::int64_t plan_run, const std::string& target,
                        const std::string& base_url) {
    const std::string plan = std::to_string(plan_run);
    // In a transaction of its own unless the caller already has one open.
    std::optional<sql::Transaction> transaction;
    if (sqlite3_get_autocommit(db.handle()) != 0) transaction.emplace(db);
    // Two pages of a community with the same title: the later one gets its item key in its title.
    db.exec("DROP TABLE IF EXISTS temp.redmine_first_titles; DROP TABLE IF EXISTS temp.redmine_pages; "
            "DROP TABLE IF EXISTS temp.redmine_titles");
    db.exec("CREATE TEMP TABLE redmine_first_titles AS SELECT pp.community_id, i.title, min(i.id) AS first_id "
            "FROM plan_placements pp JOIN items i ON i.id = pp.item_id WHERE pp.plan_run = " + plan +
            " AND pp.action = 'migrate' AND i.kind NOT IN ('comment', 'attachment') GROUP BY 1, 2");
    db.exec("CREATE INDEX temp.redmine_first_titles_key ON redmine_first_titles(community_id, title)");
    // Which item holds which page: from the id map, and as this pass assigns titles.
    db.exec("CREATE TEMP TABLE redmine_pages(target_id TEXT PRIMARY KEY, legacy_key TEXT NOT NULL)");
    db.exec("CREATE TEMP TABLE redmine_titles(item_id INTEGER PRIMARY KEY, community_id INTEGER NOT NULL, "
            "identifier TEXT NOT NULL, title TEXT, url TEXT)");
    auto fill = db.prepare("INSERT OR IGNORE INTO temp.redmine_pages SELECT target_id, legacy_key FROM id_map "
                           "WHERE target = ? AND object_kind = 'content' AND target_id NOT LIKE 'attachment/%'");
    fill.bind(1, target).run();
    auto page_holder = db.prepare("SELECT legacy_key FROM temp.redmine_pages WHERE target_id = ?");
    auto claim_page = db.prepare("INSERT OR IGNORE INTO temp.redmine_pages(target_id, legacy_key) VALUES (?, ?)");
    auto add = db.prepare("INSERT INTO temp.redmine_titles(item_id, community_id, identifier, title, url) "
                          "VALUES (?, ?, ?, ?, ?)");
    auto pages = db.prepare(
        "SELECT i.id, s.key || '#' || i.key, i.key, pp.community_id, pc.slug, coalesce(i.title, ''), "
        "coalesce((SELECT f.first_id FROM redmine_first_titles f WHERE f.community_id = pp.community_id AND "
        "f.title IS i.title), i.id) = i.id "
        "FROM plan_placements pp JOIN items i ON i.id = pp.item_id JOIN sources s ON s.id = i.source_id "
        "JOIN plan_communities pc ON pc.id = pp.community_id "
        "WHERE pp.plan_run = ? AND pp.action = 'migrate' AND i.kind NOT IN ('comment', 'attachment') ORDER BY i.id");
    pages.bind(1, plan_run);
    while (pages.step()) {
        const std::string legacy_key = pages.column_text(1);
        const std::string item_key = pages.column_text(2);
        const std::string identifier = project_identifier(pages.column_text(4));
        std::string title = wiki_title(pages.column_text(5), item_key);
        if (pages.column_int(6) == 0) title = wiki_title(title + " " + text::slugify(item_key), item_key);
        // Different titles can make the same wiki title ("A/B", "A B"): a page another item holds is not taken over.
        const auto holder = [&](const std::string& candidate) {
            page_holder.bind(1, identifier + "/" + candidate);
            std::string key = page_holder.step() ? page_holder.column_text(0) : std::string();
            page_holder.reset();
            return key;
        };
        if (const std::string other = holder(title); !other.empty() && other != legacy_key) {
            title = wiki_title(title + " " + text::slugify(item_key), item_key);
        }
        if (holder(title).empty()) claim_page.bind(1, identifier + "/" + title).bind(2, legacy_key).run();
        add.bind(1, pages.column_int(0)).bind(2, pages.column_int(3)).bind(3, identifier).bind(4, title);
        add.bind(5, wiki_page_url(base_url, identifier, title)).run();
    }
    // Attachments: on their item's page, or in their project's Files.
    db.exec("INSERT INTO temp.redmine_titles(item_id, community_id, identifier, title, url) "
            "SELECT a.id, pp.community_id, coalesce(p.identifier, ''), NULL, p.url FROM plan_placements pp "
            "JOIN items a ON a.id = pp.item_id LEFT JOIN temp.redmine_titles p ON p.item_id = a.parent_id "
            "WHERE pp.plan_run = " + plan + " AND pp.action = 'migrate' AND a.kind = 'attachment' AND "
            "coalesce(a.parent_key, '') <> '' ORDER BY a.id");
    auto files = db.prepare(
        "SELECT a.id, pp.community_id, pc.slug FROM plan_placements pp JOIN items a ON a.id = pp.item_id "
        "JOIN plan_communities pc ON pc.id = pp.community_id WHERE pp.plan_run = ? AND pp.action = 'migrate' AND "
        "a.kind = 'attachment' AND coalesce(a.parent_key, '') = '' ORDER BY a.id");
    files.bind(1, plan_run);
    while (files.step()) {
        const std::string identifier = project_identifier(files.column_text(2));
        add.bind(1, files.column_int(0)).bind(2, files.column_int(1)).bind(3, identifier).bind(4, nullptr);
        add.bind(5, std::string(base_url) + "/projects/" + identifier + "/files").run();
    }
    if (transaction) transaction->commit();
}

std::string wiki_page_url(std::string_view base_url, std::string_view identifier, std::string_view title) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string url = std::string(base_url) + "/projects/" + std::string(identifier) + "/wiki/";
    for (const char c : title) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '.' || c == '_' || c == '~';
        if (plain) {
            url += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            url += '%';
            url += digits[byte >> 4];
            url += digits[byte & 0xF];
        }
    }
    return url;
}

convert::TargetScheme redmine_scheme(sql::Database& db) {
    convert::TargetScheme scheme;
    auto lookup = std::make_shared<sql::Statement>(
        db.prepare("SELECT coalesce(url, '') FROM temp.redmine_titles WHERE item_id = ?"));
    scheme.item_url = [lookup](std::int64_t item_id) {
        lookup->bind(1, item_id);
        std::string url = lookup->step() ? lookup->column_text(0) : std::string();
        lookup->reset();
        return url;
    };
    return scheme;
}

}  // namespace baton::load::redmine
