// The sanitised HTML writer.
#pragma once

#include <string>

#include "convert/document.hpp"

namespace baton::convert {

// HTML from the closed document model: only the elements the model knows, only allow-listed attributes
// (title, lang, dir; href/src through safe_url; numeric width, height, colspan, rowspan, start), every text
// and attribute escaped. Raw nodes are written as escaped text in <pre>/<code class="baton-raw">.
[[nodiscard]] std::string write_html(const Document& document);

}  // namespace baton::convert
