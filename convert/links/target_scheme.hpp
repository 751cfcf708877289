// Where migrated items live on the new platform: a base URL and a path pattern per item.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace baton::convert {

// `--base-url https://collab.example.com --path-pattern /c/{community}/{slug}`: an item's target URL is the
// base URL followed by the pattern with its community's slug and its own slug filled in. A target that names its
// pages itself (Redmine: /projects/IDENTIFIER/wiki/Title) supplies `item_url` instead.
struct TargetScheme {
    std::string base_url;                              // no trailing slash; "" for site-relative URLs
    std::string path_pattern = "/c/{community}/{slug}";
    // Set by such a target: migrated item id -> its URL there ("" when the item has no page on the target). It
    // replaces base_url and path_pattern; its URLs must hold only letters, digits, -._~/: and %HH escapes.
    std::function<std::string(std::int64_t item_id)> item_url;

    // Throws UsageError naming the option when the base URL is not http(s)://host[/path] or the pattern does
    // not start with '/', lacks {slug}, or holds characters a redirect rule could not carry (quotes, spaces, $, %).
    void validate() const;
    [[nodiscard]] std::string url(std::string_view community, std::string_view slug) const;
    // item_url(item_id) when set, else url(community, slug).
    [[nodiscard]] std::string url(std::int64_t item_id, std::string_view community, std::string_view slug) const;
};

}  // namespace baton::convert
