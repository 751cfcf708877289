// The Confluence storage format reader (XHTML with ac: macros and ri: resources).
#pragma once

#include <string_view>

#include "convert/document.hpp"

namespace baton::convert {

// Confluence storage format to a document, through the HTML reader (CDATA sections become text first).
// Macros: code/noformat -> code blocks (language kept); info, note, warning, tip, panel -> quotes (attribute
// `panel`); excerpt, section, column, expand, div -> their body; toc, children, anchor -> dropped (generated);
// any other macro -> a flagged raw block ("macro NAME"). ac:link to pages (href = the title with spaces as
// '+', wiki-target = SPACE:Title), attachments and URLs; ac:image of attachments and URLs; task lists as bullet
// lists ("[x] "/"[ ] "); emoticons as text; user links as "@user", flagged.
[[nodiscard]] Document read_confluence(std::string_view storage);

}  // namespace baton::convert
