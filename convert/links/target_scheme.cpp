// The target URL scheme: checked once, then expanded per item.
#include "convert/links/target_scheme.hpp"

#include "core/error.hpp"

namespace baton::convert {

namespace {

// Characters a URL may carry into nginx and Apache rules unescaped: letters, digits and -._~/:
bool plain_url_text(std::string_view text) {
    for (const char c : text) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           c == '-' || c == '.' || c == '_' || c == '~' || c == '/' || c == ':';
        if (!plain) return false;
    }
    return true;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

}  // namespace

void TargetScheme::validate() const {
    if (!base_url.empty()) {
        const bool http = base_url.starts_with("http://") || base_url.starts_with("https://");
        const auto host_at = base_url.find("//") + 2;
        if (!http || host_at >= base_url.size() || base_url[host_at] == '/' || base_url.ends_with("/") ||
            !plain_url_text(base_url)) {
            throw UsageError("--base-url \"" + base_url + "\" is not an http(s) URL of the form https://host[/path]",
                             "e.g. --base-url https://collab.example.com (no trailing slash, no query, no spaces)");
        }
    }
    std::string bare = path_pattern;
    replace_all(bare, "{community}", "");
    replace_all(bare, "{slug}", "");
    if (!path_pattern.starts_with("/") || path_pattern.find("{slug}") == std::string::npos || !plain_url_text(bare)) {
        throw UsageError("--path-pattern \"" + path_pattern + "\" must start with '/', hold {slug} (and may hold "
                         "{community}), and otherwise only letters, digits and -._~/:",
                         "e.g. --path-pattern /c/{community}/{slug}");
    }
}

std::string TargetScheme::url(std::string_view community, std::string_view slug) const {
    std::string path = path_pattern;
    replace_all(path, "{community}", community);
    replace_all(path, "{slug}", slug);
    return base_url + path;
}

std::string TargetScheme::url(std::int64_t item_id, std::string_view community, std::string_view slug) const {
    return item_url ? item_url(item_id) : url(community, slug);
}

}  // namespace baton::convert
