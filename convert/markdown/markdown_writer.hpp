// The CommonMark/GFM Markdown writer.
#pragma once

#include <string>

#include "convert/document.hpp"

namespace baton::convert {

// CommonMark with GFM pipe tables: ATX headings, fenced code, every Markdown-significant character in text
// escaped, URLs through safe_url (a refused link keeps its text). Raw nodes become fenced code ("raw-FORMAT")
// or inline code, so nothing unconverted is rendered as markup.
[[nodiscard]] std::string write_markdown(const Document& document);

}  // namespace baton::convert
