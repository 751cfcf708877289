// Wikitext tables ({| ... |}), cells parsed as wikitext blocks.
#pragma once

#include <string>
#include <vector>

#include "convert/mediawiki/wikitext_context.hpp"

namespace baton::convert::detail {

// The lines of one table, from its "{|" line up to (not including) its closing "|}". Returns the table
// (one block; a caption is the table's "caption" attribute).
[[nodiscard]] std::vector<Node> parse_wikitext_table(const std::vector<std::string>& lines, WikitextContext& context);

}  // namespace baton::convert::detail
