// The shape of an HTML fragment for the Markdown round trip: block structure and text runs, nothing else.
#pragma once

#include <string>
#include <string_view>

namespace baton::test {

// An indented outline of `html` (parsed by libxml2's HTML parser): one line per element kept (p, h1-h6, lists
// and items, tables, rows and cells, pre, blockquote, hr, em, strong, code, a with href and title, img with src
// and alt, br) and per text run (whitespace collapsed). What Markdown cannot say differently is made equal:
// - thead/tbody are unwrapped, th is a cell like td, a row of empty cells and trailing empty cells are dropped,
//   a cell's blocks are flattened into its text (GFM cells are one line); a caption is a paragraph before its table;
// - a paragraph inside a list item is unwrapped (loose and tight lists), pre's code element is left out;
// - dl becomes what the Markdown writer writes for it: each dt a paragraph holding strong, each dd a paragraph
//   starting with ": ";
// - hrefs and srcs are compared percent-decoded; ol keeps `start` only when it is not 1.
[[nodiscard]] std::string html_shape(std::string_view html);

// Fixture bytes as UTF-8: as they are when they are UTF-8, else read as latin1 (two tidy cases are
// windows-1252/latin1; the workspace holds UTF-8).
[[nodiscard]] std::string utf8_or_latin1(const std::string& bytes);

}  // namespace baton::test
