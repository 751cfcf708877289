// The sanitised HTML writer.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "convert/document.hpp"

namespace baton::convert {

// HTML from the closed document model: only the elements the model knows, only allow-listed attributes
// (title, lang, dir; href/src through safe_url; numeric width, height, colspan, rowspan, start), every text
// and attribute escaped. Raw nodes are written as escaped text in <pre>/<code class="baton-raw">.
[[nodiscard]] std::string write_html(const Document& document);

// Where a link's tags are in written HTML: its opening `<a ...>` (length 0 when the link was written without a tag:
// no href, or one safe_url refused) or its `</a>` (likewise). `link` is the link's index in visit_links order.
struct LinkMark {
    std::size_t link = 0;
    bool close = false;
    std::size_t at = 0;
    std::size_t length = 0;
};

// write_html, also marking the tags of every link written, in the order they were written (an outer link's open,
// the links inside it, its close): a loader can re-point the links later without the tree (link_marks.hpp).
[[nodiscard]] std::string write_html_marked(const Document& document, std::vector<LinkMark>& marks);

// Appends the opening tag write_html gives `link` (`<a href=... title=...>`); false, appending nothing, when it gets
// none (no href, or a refused one).
bool append_link_open(std::string& out, const Node& link);

}  // namespace baton::convert
