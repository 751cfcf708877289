// Reads the top-level block structure of a pandoc `.native` file, for conformance tests of the converters.
#pragma once

#include <string>
#include <vector>

#include "convert/document.hpp"

namespace baton::test {

// The top-level blocks of a `pandoc -t native` document (pretty `-s` output or the compact form) as short tags: "H1".."H6" (Header and level),
// "P" (Para, Plain, and Figure: an image block, which our readers make a paragraph holding the image),
// "UL", "OL", "DL", "T" (Table), "C" (CodeBlock), "Q" (BlockQuote). Other constructors (HorizontalRule,
// RawBlock, Div, ...) are not compared and left out.
// With `captions_as_paragraphs`, a table with a caption counts as "P", "T": markups without table captions
// (DokuWiki) get the caption from pandoc's writers as a paragraph before the table.
[[nodiscard]] std::vector<std::string> native_block_tags(const std::string& native_text,
                                                         bool captions_as_paragraphs = false);

// The same tags for our document's top-level blocks (raw blocks and rules left out likewise).
[[nodiscard]] std::vector<std::string> document_block_tags(const convert::Document& document);

// Agreement of two tag sequences in percent: 2 * LCS / (|a| + |b|) * 100 (100 when both are empty).
[[nodiscard]] double sequence_agreement(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace baton::test
