// The MediaWiki wikitext reader.
#pragma once

#include <string_view>

#include "convert/document.hpp"

namespace baton::convert {

// Wikitext to a document: headings, bold/italic, lists (definition lists too), internal links (attribute
// wiki-target keeps the page name for link rewriting) and external links, tables, files as images,
// <ref> notes (numbered, listed at <references/> or at the end), <nowiki>, <pre>, <syntaxhighlight>,
// lines starting with a space. Templates, parser functions, <math> and signatures are kept as flagged raw
// nodes (a template's name and arguments in its attributes); category links become the attribute list
// of a raw "categories" node at the end, so nothing is dropped without a trace.
[[nodiscard]] Document read_wikitext(std::string_view text);

}  // namespace baton::convert
