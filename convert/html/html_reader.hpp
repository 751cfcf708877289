// The HTML reader (libxml2's HTML parser, never fetching anything), Office/Word HTML included.
#pragma once

#include <string_view>

#include "convert/document.hpp"

namespace baton::convert {

// HTML (a fragment or a whole page) to a document. Scripts, styles, forms and Office's <xml> islands are
// dropped (libxml2 drops element prefixes, so <o:p> is an empty paragraph and VML shapes have no text); iframes, objects and embeds become raw blocks; Word list paragraphs
// (mso-list) become real lists; <font>, <span> and other presentational inlines are unwrapped; tables used
// for layout (role=presentation, a single cell, or nested tables) are unwrapped into their cells' blocks.
[[nodiscard]] Document read_html(std::string_view html);

}  // namespace baton::convert
