// The MediaWiki wikitext reader.
#pragma once

#include <string_view>

#include "convert/document.hpp"

namespace baton::convert {

// Wikitext to a document: headings, bold/italic, lists (definition lists too), internal links (attribute
// wiki-target keeps the page name for link rewriting) and external links, tables, files as images,
// <ref> notes (numbered, listed at <references/> or at the end), <nowiki>, <pre>, <syntaxhighlight>,
// lines starting with a space. Templates, parser functions, <math> and signatures are kept as flagged raw
// nodes (attribute "template" holds a template's name, the others its arguments by name or position).
// Category links are left out of the body: the MediaWiki extractor records them as the page's containers.
// Behaviour switches such as __TOC__ are dropped.
[[nodiscard]] Document read_wikitext(std::string_view text);

}  // namespace baton::convert
