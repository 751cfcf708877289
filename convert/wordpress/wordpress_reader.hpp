// The WordPress post content reader: shortcodes, Gutenberg comments and wpautop, then the HTML reader.
#pragma once

#include <string>
#include <string_view>

#include "convert/document.hpp"

namespace baton::convert {

// WordPress post content as stored in wp_posts.post_content (and WXR's content:encoded).
// [caption] keeps its image and caption text, [embed]URL[/embed] becomes a link, [gallery] and unknown
// shortcodes become flagged raw nodes (`[[x]]` is the literal `[x]`), Gutenberg block comments go, and
// blank lines make paragraphs (single newlines line breaks) as WordPress's wpautop does.
[[nodiscard]] Document read_wordpress(std::string_view content);

namespace detail {

// The content turned into plain HTML (shortcodes replaced, paragraphs made); raw nodes travel as
// <baton-raw format=... reason=...> elements, which the HTML reader turns into raw nodes.
[[nodiscard]] std::string wordpress_to_html(std::string_view content);

}  // namespace detail

}  // namespace baton::convert
