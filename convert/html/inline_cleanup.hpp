// Whitespace handling for inline runs, as browsers render them: collapsed, trimmed at the edges.
#pragma once

#include <vector>

#include "convert/document.hpp"

namespace baton::convert::detail {

// Collapses whitespace runs inside and across text nodes, trims the start and the end of the run and
// around line breaks, merges neighbouring text nodes and drops empty ones (emphasis left empty too).
void normalize_inlines(std::vector<Node>& inlines);

// Whether an inline run shows anything: text other than (no-break) spaces, an image, code or a raw node.
[[nodiscard]] bool has_content(const std::vector<Node>& inlines);

}  // namespace baton::convert::detail
