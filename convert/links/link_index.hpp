// Internal links resolved through the workspace: legacy URLs, titles and keys to items, items to target URLs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "convert/document.hpp"
#include "convert/links/legacy_urls.hpp"
#include "convert/links/target_scheme.hpp"
#include "core/sqlite.hpp"

namespace baton::convert {

// The page a link is on.
struct LinkPage {
    std::int64_t item_id = 0;
    std::int64_t source_id = 0;
    std::string key;
    std::string body_format;            // item_bodies.format: how wiki-target values are read
    std::string community;              // the plan's community slug of the page ("" without a plan or placement)
    std::string space_key;              // Confluence: links without a space are to this one
    std::optional<LegacyUrl> legacy_url;  // the page's own legacy URL, for relative hrefs
    const LegacySite* site = nullptr;
};

// What the page of an item is made from: LinkIndex::page reads it, a caller that reads items anyway can read it
// with them (page_facts_columns, read_page_facts) and make pages on any thread.
struct PageFacts {
    std::int64_t source_id = 0;
    LegacyItem item;        // key, kind, title, url and space_key
    std::string community;  // the plan's community slug ("" when not migrated)
};

// The columns of PageFacts for a SELECT over items `i` joined with their sources `s` (on a connection with the
// index's temporary tables), and the facts read back from them, starting at column `first`.
[[nodiscard]] const std::string& page_facts_columns();
[[nodiscard]] PageFacts read_page_facts(const sql::Statement& statement, int first);

struct LinkResolution {
    enum class Status {
        not_internal,  // another site, mailto:, a fragment of this page, a file or interwiki link: not checked
        resolved,      // an item of the same source; `target_url` is its URL on the target when it is migrated
        missing,       // names no current item of the source
        not_migrated,  // names an item the plan leaves out
    };
    Status status = Status::not_internal;
    std::string target_url;  // resolved and planned: the new URL, with the link's #fragment
    std::string shown;       // what an owner is shown for an unresolved link: the wiki target or the href
};

// Built once per run: two temporary tables (the items' target slugs and URLs, and every legacy locator of
// every current item), so memory stays flat and each link costs two indexed lookups. With `plan_run` 0 links
// are only checked; with a plan, migrated items get `scheme`'s URL with their community's slug and a slug
// of their own, unique in the community (the item's slug, else its title, slugified; -2, -3 ... on clashes), or
// the URL the target supplies through `scheme.item_url` (an item it gives no URL counts as not migrated).
class LinkIndex {
public:
    LinkIndex(sql::Database& db, std::int64_t plan_run, TargetScheme scheme);
    LinkIndex(const LinkIndex&) = delete;
    LinkIndex& operator=(const LinkIndex&) = delete;

    [[nodiscard]] bool planned() const noexcept { return m_plan_run > 0; }
    [[nodiscard]] const TargetScheme& scheme() const noexcept { return m_scheme; }

    // The page context of item `item_id` (its body format as given).
    [[nodiscard]] LinkPage page(std::int64_t item_id, const std::string& body_format);
    // The same from facts read with the caller's own rows: no query, safe on several threads at once.
    [[nodiscard]] LinkPage page(std::int64_t item_id, const std::string& body_format, const PageFacts& facts) const;
    [[nodiscard]] LinkResolution resolve(const LinkPage& page, const Node& link);
    // The target URL of an item, "" when it is not migrated (or there is no plan).
    [[nodiscard]] std::string target_url(std::int64_t item_id);
    [[nodiscard]] const LegacySite* site(std::int64_t source_id) const;

private:
    void build(sql::Database& db);
    [[nodiscard]] std::optional<std::string> wiki_locator(const LinkPage& page, const std::string& target) const;

    std::int64_t m_plan_run = 0;
    TargetScheme m_scheme;
    std::map<std::int64_t, LegacySite> m_sites;
    sql::Statement m_find;
    sql::Statement m_item;
    sql::Statement m_target;
};

// Counts of one body's links, and the unresolved ones in document order.
struct LinkReport {
    std::int64_t checked = 0;
    std::int64_t rewritten = 0;
    std::vector<std::string> unresolved;  // "Target" for missing items, "Target (not migrated)" for left-out ones
};

// Checks one link and, when the index has a plan and it resolves, points it at its target URL; counted in `report`.
void rewrite_link(Node& link, LinkIndex& index, const LinkPage& page, LinkReport& report);
// Checks every link of `document` (in visit_links order, document.hpp) with rewrite_link.
LinkReport rewrite_links(Document& document, LinkIndex& index, const LinkPage& page);

}  // namespace baton::convert
