// Where migrated items live on the new platform: a base URL and a path pattern per item.
#pragma once

#include <string>
#include <string_view>

namespace baton::convert {

// `--base-url https://collab.example.com --path-pattern /c/{community}/{slug}`: an item's target URL is the
// base URL followed by the pattern with its community's slug and its own slug filled in.
struct TargetScheme {
    std::string base_url;                              // no trailing slash; "" for site-relative URLs
    std::string path_pattern = "/c/{community}/{slug}";

    // Throws UsageError naming the option when the base URL is not http(s)://host[/path] or the pattern does
    // not start with '/', lacks {slug}, or holds characters a redirect rule could not carry (quotes, spaces, $, %).
    void validate() const;
    [[nodiscard]] std::string url(std::string_view community, std::string_view slug) const;
};

}  // namespace baton::convert
