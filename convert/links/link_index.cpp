// The link index: temporary tables of target slugs and legacy locators, and link resolution against them.
#include "convert/links/link_index.hpp"

#include "convert/internal_links.hpp"
#include "core/text.hpp"

#include <sqlite3.h>

namespace baton::convert {

namespace {

sql::Database& create_tables(sql::Database& db) {
    db.exec("CREATE TEMP TABLE IF NOT EXISTS link_items(item_id INTEGER PRIMARY KEY, source_id INTEGER NOT NULL, "
            "community TEXT, slug TEXT, url TEXT)");
    db.exec("CREATE UNIQUE INDEX IF NOT EXISTS temp.link_items_by_slug ON link_items(community, slug)");
    db.exec("CREATE TEMP TABLE IF NOT EXISTS link_locators(source_id INTEGER NOT NULL, locator TEXT NOT NULL, "
            "item_id INTEGER NOT NULL, PRIMARY KEY (source_id, locator)) WITHOUT ROWID");
    db.exec("DELETE FROM temp.link_items; DELETE FROM temp.link_locators");
    return db;
}

// The slug an item is given before clashes are resolved.
std::string base_slug(const std::string& slug, const std::string& title, const std::string& key) {
    for (const auto* candidate : {&slug, &title, &key}) {
        std::string made = text::slugify(*candidate);
        if (!made.empty()) return made;
    }
    return "item";
}

bool looks_like_space_key(std::string_view text) {
    if (text.empty()) return false;
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '~';
        if (!ok) return false;
    }
    return true;
}

}  // namespace

LinkIndex::LinkIndex(sql::Database& db, std::int64_t plan_run, TargetScheme scheme)
    : m_plan_run(plan_run),
      m_scheme(std::move(scheme)),
      m_find(create_tables(db).prepare("SELECT l.item_id, coalesce(t.url, '') FROM temp.link_locators l JOIN "
                                       "temp.link_items t ON t.item_id = l.item_id WHERE l.source_id = ?1 AND "
                                       "l.locator = ?2")),
      m_item(db.prepare("SELECT " + page_facts_columns() +
                        " FROM items i JOIN sources s ON s.id = i.source_id WHERE i.id = ?1")),
      m_target(db.prepare("SELECT coalesce(url, '') FROM temp.link_items WHERE item_id = ?1")) {
    build(db);
}

void LinkIndex::build(sql::Database& db) {
    auto sources = db.prepare("SELECT id, kind, coalesce(site_url, '') FROM sources");
    while (sources.step()) {
        const auto id = sources.column_int(0);
        m_sites.emplace(id, make_legacy_site(id, sources.column_text(1), sources.column_text(2)));
    }
    auto items = db.prepare(
        "SELECT i.id, i.source_id, i.key, i.kind, coalesce(i.title, ''), coalesce(i.slug, ''), coalesce(i.url, ''), "
        "CASE WHEN s.kind = 'confluence' THEN coalesce((SELECT substr(c.key, 7) FROM item_containers ic JOIN "
        "containers c ON c.id = ic.container_id WHERE ic.item_id = i.id AND c.key LIKE 'space:%' LIMIT 1), '') "
        "ELSE '' END, "
        "CASE WHEN i.kind = 'attachment' AND i.attributes IS NOT NULL THEN coalesce((SELECT json_extract(value, '$[1]') "
        "FROM json_each(i.attributes) WHERE json_extract(value, '$[0]') = 'attachment_url' LIMIT 1), '') ELSE '' END, "
        "pc.slug "
        "FROM items i JOIN sources s ON s.id = i.source_id "
        "LEFT JOIN plan_placements pp ON pp.item_id = i.id AND pp.plan_run = ?1 AND pp.action = 'migrate' "
        "LEFT JOIN plan_communities pc ON pc.id = pp.community_id "
        "WHERE i.removed_run IS NULL AND i.kind NOT IN ('comment', 'pingback', 'trackback') ORDER BY i.id");
    auto add_item = db.prepare("INSERT OR IGNORE INTO temp.link_items(item_id, source_id, community, slug, url) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)");
    auto add_locator = db.prepare("INSERT OR IGNORE INTO temp.link_locators(source_id, locator, item_id) "
                                  "VALUES (?1, ?2, ?3)");
    // In a transaction of its own unless the caller (a loader) already has one open.
    std::optional<sql::Transaction> transaction;
    if (sqlite3_get_autocommit(db.handle()) != 0) transaction.emplace(db);
    items.bind(1, m_plan_run);
    while (items.step()) {
        const auto item_id = items.column_int(0);
        const auto source_id = items.column_int(1);
        LegacyItem item;
        item.key = items.column_text(2);
        item.kind = items.column_text(3);
        item.title = items.column_text(4);
        const std::string slug = items.column_text(5);
        item.url = items.column_text(6);
        item.space_key = items.column_text(7);
        item.attachment_url = items.column_text(8);
        const bool migrated = !items.column_is_null(9);
        const std::string community = migrated ? items.column_text(9) : std::string();
        if (migrated) {
            // The first free slug: base, base-2 ... base-9, then base-<item id>, which no other item has.
            const std::string base = base_slug(slug, item.title, item.key);
            for (int attempt = 1;; ++attempt) {
                const std::string candidate = attempt == 1 ? base
                                              : attempt < 10 ? base + "-" + std::to_string(attempt)
                                                             : base + "-" + std::to_string(item_id);
                add_item.bind(1, item_id).bind(2, source_id).bind(3, community).bind(4, candidate);
                const std::string url = m_scheme.url(item_id, community, candidate);
                if (url.empty()) {
                    add_item.bind(5, nullptr);  // the target gives this item no page: not migrated, for links
                } else {
                    add_item.bind(5, url);
                }
                add_item.run();
                if (db.changes() > 0 || attempt >= 10) break;
            }
        } else {
            add_item.bind(1, item_id).bind(2, source_id).bind(3, nullptr).bind(4, nullptr).bind(5, nullptr);
            add_item.run();
        }
        const auto site = m_sites.find(source_id);
        if (site == m_sites.end()) continue;
        for (const auto& url : legacy_urls(site->second, item)) {
            add_locator.bind(1, source_id).bind(2, url.locator()).bind(3, item_id);
            add_locator.run();
        }
        for (const auto& locator : name_locators(site->second, item)) {
            add_locator.bind(1, source_id).bind(2, locator).bind(3, item_id);
            add_locator.run();
        }
    }
    if (transaction) transaction->commit();
}

const LegacySite* LinkIndex::site(std::int64_t source_id) const {
    const auto found = m_sites.find(source_id);
    return found == m_sites.end() ? nullptr : &found->second;
}

const std::string& page_facts_columns() {
    static const std::string columns =
        "i.source_id, i.key, i.kind, coalesce(i.title, ''), coalesce(i.url, ''), "
        "coalesce((SELECT t.community FROM temp.link_items t WHERE t.item_id = i.id), ''), "
        "CASE WHEN s.kind = 'confluence' THEN coalesce((SELECT substr(c.key, 7) FROM item_containers ic JOIN "
        "containers c ON c.id = ic.container_id WHERE ic.item_id = i.id AND c.key LIKE 'space:%' LIMIT 1), '') "
        "ELSE '' END";
    return columns;
}

PageFacts read_page_facts(const sql::Statement& statement, int first) {
    PageFacts facts;
    facts.source_id = statement.column_int(first);
    facts.item.key = statement.column_text(first + 1);
    facts.item.kind = statement.column_text(first + 2);
    facts.item.title = statement.column_text(first + 3);
    facts.item.url = statement.column_text(first + 4);
    facts.community = statement.column_text(first + 5);
    facts.item.space_key = statement.column_text(first + 6);
    return facts;
}

LinkPage LinkIndex::page(std::int64_t item_id, const std::string& body_format) {
    m_item.bind(1, item_id);
    const std::optional<PageFacts> facts = m_item.step() ? std::optional(read_page_facts(m_item, 0)) : std::nullopt;
    m_item.reset();
    if (facts) return page(item_id, body_format, *facts);
    LinkPage page;  // no such item: links on it are not checked
    page.item_id = item_id;
    page.body_format = body_format;
    return page;
}

LinkPage LinkIndex::page(std::int64_t item_id, const std::string& body_format, const PageFacts& facts) const {
    LinkPage page;
    page.item_id = item_id;
    page.body_format = body_format;
    page.source_id = facts.source_id;
    page.key = facts.item.key;
    page.community = facts.community;
    page.space_key = facts.item.space_key;
    page.site = site(page.source_id);
    if (page.site) {
        const auto urls = legacy_urls(*page.site, facts.item);
        if (!urls.empty()) page.legacy_url = urls.front();
    }
    return page;
}

std::optional<std::string> LinkIndex::wiki_locator(const LinkPage& page, const std::string& target) const {
    if (page.body_format == "wikitext") {
        const auto lookup = mediawiki_lookup(target);
        if (!lookup) return std::nullopt;
        return "title:" + lookup->value;
    }
    if (page.body_format == "dokuwiki") {
        const auto lookup = dokuwiki_lookup(target, page.key);
        if (!lookup) return std::nullopt;
        return "key:" + lookup->value;
    }
    if (page.body_format == "confluence-storage") {
        if (target.starts_with("attachment:")) return std::nullopt;  // files are not checked
        const auto colon = target.find(':');
        if (colon != std::string::npos && looks_like_space_key(std::string_view(target).substr(0, colon))) {
            return "title:" + target;
        }
        return "title:" + page.space_key + ":" + target;
    }
    return std::nullopt;
}

LinkResolution LinkIndex::resolve(const LinkPage& page, const Node& link) {
    LinkResolution result;
    if (!page.site) return result;
    std::optional<std::string> locator;
    std::string fragment;
    if (const auto* target = link.attribute("wiki-target")) {
        locator = wiki_locator(page, *target);
        result.shown = *target;
        if (const auto hash = target->find('#'); hash != std::string::npos && hash + 1 < target->size()) {
            fragment = target->substr(hash);
            if (page.body_format == "wikitext") {
                for (auto& c : fragment) {
                    if (c == ' ') c = '_';
                }
            }
        }
    } else if (const auto* href = link.attribute("href")) {
        locator = href_locator(*page.site, *href, page.legacy_url);
        result.shown = *href;
        if (const auto hash = href->find('#'); hash != std::string::npos && hash + 1 < href->size()) {
            fragment = href->substr(hash);
        }
    }
    if (!locator) return result;
    m_find.bind(1, page.source_id).bind(2, *locator);
    if (m_find.step()) {
        const std::string url = m_find.column_text(1);
        if (!planned() || !url.empty()) {
            result.status = LinkResolution::Status::resolved;
            if (!url.empty()) result.target_url = url + fragment;
        } else {
            result.status = LinkResolution::Status::not_migrated;
        }
    } else {
        result.status = LinkResolution::Status::missing;
    }
    m_find.reset();
    return result;
}

std::string LinkIndex::target_url(std::int64_t item_id) {
    m_target.bind(1, item_id);
    std::string url = m_target.step() ? m_target.column_text(0) : std::string();
    m_target.reset();
    return url;
}

void rewrite_link(Node& link, LinkIndex& index, const LinkPage& page, LinkReport& report) {
    const LinkResolution resolution = index.resolve(page, link);
    switch (resolution.status) {
        case LinkResolution::Status::not_internal:
            return;
        case LinkResolution::Status::resolved:
            ++report.checked;
            if (!resolution.target_url.empty()) {
                link.set_attribute("href", resolution.target_url);
                ++report.rewritten;
            }
            return;
        case LinkResolution::Status::missing:
            ++report.checked;
            report.unresolved.push_back(resolution.shown);
            return;
        case LinkResolution::Status::not_migrated:
            ++report.checked;
            report.unresolved.push_back(resolution.shown + " (not migrated)");
            return;
    }
}

LinkReport rewrite_links(Document& document, LinkIndex& index, const LinkPage& page) {
    LinkReport report;
    visit_links(document, [&](Node& link) { rewrite_link(link, index, page, report); });
    return report;
}

}  // namespace baton::convert
