// One static HTML page parsed with libxml2's HTML parser: title, body, meta data, Office properties, references.
#pragma once

#include <string>
#include <vector>

#include "extractors/html/html_encoding.hpp"
#include "model/model.hpp"

namespace baton::extract::html {

// A URL a page refers to, as written in the page.
struct PageReference {
    enum class Kind { hyperlink, embedded };  // <a href>, <area href> | <img src>, <frame src>, <object data>, ...
    Kind kind = Kind::hyperlink;
    std::string target;
};

struct HtmlPage {
    PageEncoding encoding;
    std::string title;          // <title>, whitespace collapsed
    std::string first_heading;  // the first <h1>, for pages without a title
    std::string body;           // the page's markup inside <body>, as written, converted to UTF-8
    std::size_t replaced_bytes = 0;  // bytes the encoding does not define, replaced in the text
    // <meta name=... content=...> and <meta http-equiv=...>, names lowercased: "author", "keywords", ...
    model::Attributes meta;
    // Children of <o:DocumentProperties> (in Word's conditional comments): "Author", "LastSaved", ...
    model::Attributes office;
    std::vector<PageReference> references;
};

// The value of the first pair named `name` ("" when absent).
[[nodiscard]] std::string attribute_value(const model::Attributes& attributes, std::string_view name);

// Parses the page at `path`. Throws InputError when the file cannot be read; markup errors never
// stop the HTML parser (it repairs what browsers repair).
[[nodiscard]] HtmlPage parse_html_page(const std::string& path);

// Parses the children of <o:DocumentProperties> out of the text of a Word conditional comment
// ("[if gte mso 9]><xml> <o:DocumentProperties> <o:Author>..."); empty when there are none.
[[nodiscard]] model::Attributes office_document_properties(std::string_view comment);

}  // namespace baton::extract::html
