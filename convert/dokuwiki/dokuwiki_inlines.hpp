// DokuWiki inline syntax, shared by the block parser for paragraphs, list items, cells and quotes.
#pragma once

#include <string_view>
#include <vector>

#include "convert/document.hpp"

namespace baton::convert::detail {

struct DokuWikiContext {
    std::vector<Node> footnotes;  // list items, numbered from 1
};

[[nodiscard]] std::vector<Node> parse_dokuwiki_inlines(std::string_view text, DokuWikiContext& context);

}  // namespace baton::convert::detail
