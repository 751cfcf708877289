// Internal links of a converted body, checked against the items of its source.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "convert/document.hpp"

namespace baton::convert {

// The `wiki-target` of every link of the document (page names, DokuWiki ids, Confluence SPACE:Title,
// attachment:NAME), in document order. Media (images, DokuWiki's wiki-media) are files, not pages: not listed.
[[nodiscard]] std::vector<std::string> wiki_targets(const Document& document);

// How an item key is looked up for a link target; nullopt when the target is not checked (fragments of
// the page itself, interwiki, attachments, files).
struct TargetLookup {
    enum class By { title, key } by = By::title;
    std::string value;
};

// MediaWiki: a page title (underscores as spaces, first letter upper case, the fragment left out).
[[nodiscard]] std::optional<TargetLookup> mediawiki_lookup(const std::string& target);
// DokuWiki: the item key page:<id> (lower case, spaces as underscores, relative to the linking page's namespace).
[[nodiscard]] std::optional<TargetLookup> dokuwiki_lookup(const std::string& target, const std::string& item_key);

}  // namespace baton::convert
