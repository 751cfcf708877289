// Internal link targets: collected from the tree, turned into the title or key of the item they name.
#include "convert/internal_links.hpp"
#include "core/text.hpp"

#include <cctype>

namespace baton::convert {

namespace {

void collect(const Node& node, std::vector<std::string>& out) {
    if (node.kind == NodeKind::link) {
        if (const auto* target = node.attribute("wiki-target")) out.push_back(*target);
    }
    for (const auto& child : node.children) collect(child, out);
}

}  // namespace

std::vector<std::string> wiki_targets(const Document& document) {
    std::vector<std::string> out;
    for (const auto& block : document.blocks) collect(block, out);
    return out;
}

std::optional<TargetLookup> mediawiki_lookup(const std::string& target) {
    std::string title = target.substr(0, target.find('#'));
    for (auto& c : title) {
        if (c == '_') c = ' ';
    }
    title = text::trim(title);
    if (title.empty()) return std::nullopt;  // [[#anchor]]: this page
    const auto colon = title.find(':');
    if (colon != std::string::npos) {
        std::string prefix = title.substr(0, colon);
        for (auto& c : prefix) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        // Files are uploads, not pages of the dump's main text; interwiki prefixes are other sites.
        if (prefix == "file" || prefix == "image" || prefix == "media" || prefix == "wikipedia" || prefix == "wp") {
            return std::nullopt;
        }
    }
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    return TargetLookup{TargetLookup::By::title, title};
}

std::optional<TargetLookup> dokuwiki_lookup(const std::string& target, const std::string& item_key) {
    std::string id = target.substr(0, target.find('#'));
    id = text::trim(id);
    if (id.empty()) return std::nullopt;
    std::string clean;
    for (const char c : id) clean += c == ' ' ? '_' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string current_ns = item_key.starts_with("page:") ? item_key.substr(5) : item_key;
    const auto last = current_ns.rfind(':');
    current_ns = last == std::string::npos ? "" : current_ns.substr(0, last);
    if (clean.starts_with(':')) {
        clean.erase(0, 1);  // absolute
    } else if (clean.starts_with(".:") || clean.starts_with("..:")) {
        std::string ns = current_ns;
        while (clean.starts_with("..:")) {
            const auto up = ns.rfind(':');
            ns = up == std::string::npos ? "" : ns.substr(0, up);
            clean.erase(0, 3);
        }
        if (clean.starts_with(".:")) clean.erase(0, 2);
        clean = ns.empty() ? clean : ns + ":" + clean;
    } else if (clean.find(':') == std::string::npos && !current_ns.empty()) {
        clean = current_ns + ":" + clean;  // a bare id is in the linking page's namespace
    }
    if (clean.ends_with(':')) clean += "start";  // a namespace link opens its start page
    return TargetLookup{TargetLookup::By::key, "page:" + clean};
}

}  // namespace baton::convert
