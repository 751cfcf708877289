// Legacy URLs per source kind, and hrefs turned into the same lookup keys.
#include "convert/links/legacy_urls.hpp"

#include <array>

#include "core/text.hpp"

namespace baton::convert {

namespace {

bool unreserved(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
           c == '_' || c == '~';
}

std::string percent_encode(std::string_view text, std::string_view also_keep) {
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        if (unreserved(c) || also_keep.find(c) != std::string_view::npos) {
            out += c;
        } else {
            const auto byte = static_cast<unsigned char>(c);
            out += '%';
            out += digits[byte >> 4];
            out += digits[byte & 0xF];
        }
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string decode_query_value(std::string_view value) {
    std::string spaced(value);
    for (auto& c : spaced) {
        if (c == '+') c = ' ';
    }
    return percent_decode(spaced);
}

// The parameter of a query string that names an item on this kind of site: WordPress ?p=, ?page_id=,
// ?attachment_id=; MediaWiki ?title=; DokuWiki ?id=, ?media=; Confluence ?pageId=.
std::optional<std::pair<std::string, std::string>> naming_parameter(const LegacySite& site, std::string_view query) {
    static const std::array<std::pair<std::string_view, std::string_view>, 7> names = {{
        {"wxr", "p"}, {"wxr", "page_id"}, {"wxr", "attachment_id"}, {"mediawiki", "title"},
        {"dokuwiki", "id"}, {"dokuwiki", "media"}, {"confluence", "pageId"}}};
    while (!query.empty()) {
        const auto amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        const auto equals = pair.find('=');
        if (equals == std::string_view::npos) continue;
        const std::string_view name = pair.substr(0, equals);
        for (const auto& [kind, known] : names) {
            if (kind != site.kind || known != name) continue;
            std::string value = decode_query_value(pair.substr(equals + 1));
            if (site.kind == "mediawiki") {
                for (auto& c : value) {
                    if (c == ' ') c = '_';
                }
            } else if (site.kind == "dokuwiki") {
                value = text::to_lower_ascii(value);
            }
            if (!value.empty()) return std::make_pair(std::string(name), value);
        }
    }
    return std::nullopt;
}

struct SplitUrl {
    std::string host;  // lower case, "" for a relative URL
    std::string path;  // raw
    std::string query;
    bool absolute = false;  // had a scheme or started with //
    bool other_scheme = false;
};

SplitUrl split_url(std::string_view url) {
    SplitUrl out;
    url = url.substr(0, url.find('#'));
    const auto colon = url.find(':');
    const auto boundary = url.find_first_of("/?#");
    if (colon != std::string_view::npos && (boundary == std::string_view::npos || colon < boundary)) {
        const std::string scheme = text::to_lower_ascii(url.substr(0, colon));
        if (scheme != "http" && scheme != "https") {
            out.other_scheme = true;
            return out;
        }
        url = url.substr(colon + 1);
    }
    if (url.starts_with("//")) {
        out.absolute = true;
        url = url.substr(2);
        const auto end = url.find_first_of("/?");
        std::string authority(url.substr(0, end));
        if (const auto at = authority.rfind('@'); at != std::string::npos) authority.erase(0, at + 1);
        out.host = text::to_lower_ascii(authority);
        url = end == std::string_view::npos ? std::string_view() : url.substr(end);
    }
    const auto question = url.find('?');
    out.path = std::string(url.substr(0, question));
    if (question != std::string_view::npos) out.query = std::string(url.substr(question + 1));
    return out;
}

bool same_host(std::string_view a, std::string_view b) {
    const auto bare = [](std::string_view host) {
        if (host.starts_with("www.")) host.remove_prefix(4);
        for (const std::string_view port : {":80", ":443"}) {
            if (host.ends_with(port)) host.remove_suffix(port.size());
        }
        return host;
    };
    return !a.empty() && bare(a) == bare(b);
}

void add_unique(std::vector<LegacyUrl>& urls, LegacyUrl url) {
    if (url.path.empty()) return;
    for (const auto& known : urls) {
        if (known.locator() == url.locator()) return;
    }
    urls.push_back(std::move(url));
}

// A URL the export gives (WordPress permalinks and file URLs), as a legacy URL of `site`.
void add_given_url(const LegacySite& site, std::string_view given, std::vector<LegacyUrl>& urls) {
    const SplitUrl split = split_url(given);
    if (split.other_scheme || (split.path.empty() && split.query.empty())) return;
    LegacyUrl url;
    url.path = split.path.empty() ? "/" : percent_decode(split.path);
    if (!url.path.starts_with("/")) url.path.insert(0, "/");
    if (const auto parameter = naming_parameter(site, split.query)) {
        url.query_name = parameter->first;
        url.query_value = parameter->second;
    }
    add_unique(urls, std::move(url));
}

std::string numeric_id(std::string_view key) {
    const auto colon = key.find(':');
    if (colon == std::string_view::npos) return {};
    const std::string_view id = key.substr(colon + 1);
    if (id.empty() || id.find_first_not_of("0123456789") != std::string_view::npos) return {};
    return std::string(id);
}

}  // namespace

LegacySite make_legacy_site(std::int64_t id, std::string kind, std::string site_url) {
    LegacySite site;
    site.id = id;
    site.kind = std::move(kind);
    site.site_url = std::move(site_url);
    const SplitUrl split = split_url(site.site_url);
    if (split.absolute) site.host = split.host;
    if (site.kind == "mediawiki") {
        const std::string path = split.absolute ? split.path : std::string();
        const auto slash = path.rfind('/');
        site.article_prefix = slash == std::string::npos ? "/wiki/" : path.substr(0, slash + 1);
    }
    return site;
}

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size()) {
            const int high = hex_value(text[i + 1]);
            const int low = hex_value(text[i + 2]);
            if (high >= 0 && low >= 0) {
                out += static_cast<char>(high * 16 + low);
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

std::string percent_encode_path(std::string_view text) { return percent_encode(text, "/:@+,;=!$&'()*"); }

std::string normalise_path(std::string_view path) {
    std::vector<std::string_view> parts;
    while (!path.empty()) {
        const auto slash = path.find('/');
        const std::string_view part = path.substr(0, slash);
        path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
        if (part.empty() || part == ".") continue;
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
            continue;
        }
        parts.push_back(part);
    }
    std::string out;
    for (const auto part : parts) {
        out += '/';
        out += part;
    }
    return out.empty() ? "/" : out;
}

std::string LegacyUrl::encoded() const {
    std::string out = percent_encode_path(path);
    if (!query_name.empty()) out += "?" + query_name + "=" + percent_encode(query_value, ":/");
    return out;
}

std::string LegacyUrl::locator() const {
    if (!query_name.empty()) return "?" + query_name + "=" + query_value;
    return normalise_path(path);
}

std::vector<LegacyUrl> legacy_urls(const LegacySite& site, const LegacyItem& item) {
    std::vector<LegacyUrl> urls;
    if (site.kind == "wxr") {
        if (!item.url.empty()) add_given_url(site, item.url, urls);
        if (const std::string id = numeric_id(item.key); !id.empty() && item.key.starts_with("post:")) {
            add_unique(urls, {"/", "p", id});
            if (item.kind == "page") add_unique(urls, {"/", "page_id", id});
            if (item.kind == "attachment") add_unique(urls, {"/", "attachment_id", id});
        }
        if (!item.attachment_url.empty()) add_given_url(site, item.attachment_url, urls);
    } else if (site.kind == "mediawiki") {
        if (!item.title.empty()) {
            std::string title = item.title;
            for (auto& c : title) {
                if (c == ' ') c = '_';
            }
            add_unique(urls, {site.article_prefix + title, "", ""});
            if (site.article_prefix.ends_with("/index.php/")) {
                add_unique(urls, {site.article_prefix.substr(0, site.article_prefix.size() - 1), "title", title});
            }
        }
    } else if (site.kind == "dokuwiki") {
        if (item.key.starts_with("page:")) add_unique(urls, {"/doku.php", "id", item.key.substr(5)});
        if (item.key.starts_with("media:")) add_unique(urls, {"/lib/exe/fetch.php", "media", item.key.substr(6)});
    } else if (site.kind == "confluence") {
        if (item.kind == "page" && !item.space_key.empty() && !item.title.empty()) {
            std::string title = item.title;
            for (auto& c : title) {
                if (c == ' ') c = '+';
            }
            add_unique(urls, {"/display/" + item.space_key + "/" + title, "", ""});
        }
        if (const std::string id = numeric_id(item.key); !id.empty() && (item.kind == "page" || item.kind == "blogpost")) {
            add_unique(urls, {"/pages/viewpage.action", "pageId", id});
        }
    } else if (site.kind == "html") {
        if (!item.url.empty()) {
            add_unique(urls, {"/" + item.url, "", ""});
            const auto slash = item.url.rfind('/');
            const std::string file = item.url.substr(slash == std::string::npos ? 0 : slash + 1);
            const std::string lowered = text::to_lower_ascii(file);
            if (lowered == "index.html" || lowered == "index.htm" || lowered == "default.htm") {
                add_unique(urls, {"/" + item.url.substr(0, item.url.size() - file.size()), "", ""});
            }
        }
    }
    return urls;
}

std::vector<std::string> name_locators(const LegacySite& site, const LegacyItem& item) {
    std::vector<std::string> out = {"key:" + item.key};
    if (site.kind == "mediawiki" && !item.title.empty()) out.push_back("title:" + item.title);
    if (site.kind == "confluence" && !item.title.empty() && (item.kind == "page" || item.kind == "blogpost")) {
        out.push_back("title:" + item.space_key + ":" + item.title);
    }
    return out;
}

std::optional<std::string> href_locator(const LegacySite& site, std::string_view href,
                                        const std::optional<LegacyUrl>& page) {
    const std::string trimmed = text::trim(href);
    if (trimmed.empty() || trimmed.starts_with("#")) return std::nullopt;
    SplitUrl split = split_url(trimmed);
    if (split.other_scheme) return std::nullopt;
    if (split.absolute && !same_host(site.host, split.host)) return std::nullopt;
    std::string path = percent_decode(split.path);
    if (!split.absolute && !path.starts_with("/")) {
        std::string base = page ? page->path : std::string("/");
        if (path.empty()) {
            path = base;  // "?p=12": the page's own path with another query
        } else {
            base = base.substr(0, base.rfind('/') + 1);
            path = (base.empty() ? std::string("/") : base) + path;
        }
    }
    if (const auto parameter = naming_parameter(site, split.query)) {
        return "?" + parameter->first + "=" + parameter->second;
    }
    return normalise_path(path);
}

}  // namespace baton::convert
