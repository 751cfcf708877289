// Reads the top-level block structure of a pandoc `.native` file, for conformance tests of the converters.
#pragma once

#include <string>
#include <vector>

#include "convert/document.hpp"

namespace baton::test {

// The top-level blocks of a `pandoc -s -t native` document as short tags: "H1".."H6" (Header and level),
// "P" (Para, Plain, and Figure: an image block, which our readers make a paragraph holding the image),
// "UL", "OL", "DL", "T" (Table), "C" (CodeBlock), "Q" (BlockQuote). Other constructors (HorizontalRule,
// RawBlock, Div, ...) are not compared and left out.
[[nodiscard]] std::vector<std::string> native_block_tags(const std::string& native_text);

// The same tags for our document's top-level blocks (raw blocks and rules left out likewise).
[[nodiscard]] std::vector<std::string> document_block_tags(const convert::Document& document);

// Agreement of two tag sequences in percent: 2 * LCS / (|a| + |b|) * 100 (100 when both are empty).
[[nodiscard]] double sequence_agreement(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace baton::test
