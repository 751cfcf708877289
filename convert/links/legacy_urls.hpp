// The URLs an item had on its legacy site, per source kind, and the lookup keys ("locators") links are matched by.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace baton::convert {

// What a source says about where its site lived.
struct LegacySite {
    std::int64_t id = 0;
    std::string kind;      // extractor kind: wxr, mediawiki, dokuwiki, confluence, html, ...
    std::string site_url;  // sources.site_url ("" when the export names none)
    std::string host;      // lower-case host of site_url ("" when unknown)
    std::string article_prefix;  // MediaWiki: the path before the page name ("/wiki/"), from site_url
};

[[nodiscard]] LegacySite make_legacy_site(std::int64_t id, std::string kind, std::string site_url);

// The facts of an item its legacy URLs are made from.
struct LegacyItem {
    std::string key;             // items.key
    std::string kind;            // items.kind
    std::string title;
    std::string url;             // items.url (WordPress: absolute permalink; HTML: path below the tree's root)
    std::string space_key;       // Confluence: the item's space key
    std::string attachment_url;  // WordPress attachments: the file's URL
};

// One legacy URL: a decoded path, optionally with the one query parameter that names the item.
struct LegacyUrl {
    std::string path;         // decoded, starting with '/'
    std::string query_name;   // "p", "page_id", "id", "pageId", ... or ""
    std::string query_value;  // decoded

    // As a browser would send it: path and query percent-encoded where needed.
    [[nodiscard]] std::string encoded() const;
    // The lookup key: "?name=value" for a query URL, else the normalised path ("/a/b", no trailing slash).
    [[nodiscard]] std::string locator() const;
};

// Every legacy URL of `item` on `site`, the canonical one first (see docs/commands/redirects.md for the forms).
[[nodiscard]] std::vector<LegacyUrl> legacy_urls(const LegacySite& site, const LegacyItem& item);

// Lookup keys that do not come from URLs: "title:..." (MediaWiki titles, Confluence "SPACE:Title") and
// "key:..." (every item's key).
[[nodiscard]] std::vector<std::string> name_locators(const LegacySite& site, const LegacyItem& item);

// The locator an href of a body on `site` points at, or nullopt when it is not a link into the legacy site
// (another host, mailto:, a fragment of the page itself). Relative hrefs are resolved against `page`, the
// linking item's first legacy URL.
[[nodiscard]] std::optional<std::string> href_locator(const LegacySite& site, std::string_view href,
                                                      const std::optional<LegacyUrl>& page);

// Helpers, exposed for tests.
[[nodiscard]] std::string percent_decode(std::string_view text);
[[nodiscard]] std::string percent_encode_path(std::string_view text);  // keeps unreserved characters and / : @ + , ; =
[[nodiscard]] std::string normalise_path(std::string_view path);       // resolves . and .., drops // and a trailing /

}  // namespace baton::convert
