// What the wikitext reader's passes share: protected spans (nowiki, code, templates, refs) and the notes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "convert/document.hpp"

namespace baton::convert::detail {

// Protected spans are cut out of the text before parsing and replaced by a marker: an opening control
// byte, the span's index in decimal, and the closing byte 0x03. Control bytes are removed from the
// input first, so markers cannot be forged.
enum class Marker : char {
    nowiki = '\x02',     // literal text
    code_block = '\x04', // <pre>, <syntaxhighlight>, <source>: a code block
    raw = '\x05',        // a template, parser function or <math>: a raw node
    note = '\x06',       // <ref>: a numbered note
    quote = '\x07',      // <blockquote>: its (already protected) inner text
};
// A line holding only this byte is where <references/> stood.
inline constexpr char references_marker = '\x01';
inline constexpr char marker_end = '\x03';

struct ProtectedSpan {
    Marker marker = Marker::nowiki;
    std::string text;       // literal text, code, raw wikitext or note wikitext
    std::string reason;     // raw spans: why
    NodeAttributes attributes;  // language of code; name and arguments of templates
};

struct WikitextContext {
    std::vector<ProtectedSpan> spans;
    std::vector<std::string> categories;
    std::vector<Node> notes;  // list items, in note order, not yet written
    std::size_t notes_written = 0;
    std::vector<std::pair<std::string, std::size_t>> note_names;  // <ref name=x>: its number
    int external_links = 0;   // [http://x] links are numbered like MediaWiki does
    int block_depth = 0;      // nesting of block parses (quotes, table cells, notes)
    int inline_depth = 0;     // nesting of inline parses (link labels)
};

// Parses one run of inline wikitext (newlines become spaces; the caller splits lines where they matter).
[[nodiscard]] std::vector<Node> parse_wikitext_inlines(std::string_view text, WikitextContext& context);

// Parses wikitext blocks (used for the document, table cells, block quotes and notes).
[[nodiscard]] std::vector<Node> parse_wikitext_blocks(std::string_view text, WikitextContext& context);

// Cuts the protected spans out of `text` (comments are dropped) and returns the text with markers.
[[nodiscard]] std::string protect_wikitext(std::string_view text, WikitextContext& context);

// Decodes one HTML entity starting at text[at] == '&'; returns the bytes consumed (0: not an entity).
std::size_t decode_entity(std::string_view text, std::size_t at, std::string& out);

}  // namespace baton::convert::detail
