// A dialect's own elements on top of the HTML reader (Confluence storage format's ac:/ri: elements).
#pragma once

#include <libxml/tree.h>

#include <string_view>
#include <vector>

#include "convert/document.hpp"

namespace baton::convert::detail {

// What an extension may ask of the HTML reader for the content of its elements.
class HtmlWalker {
public:
    virtual ~HtmlWalker() = default;
    [[nodiscard]] virtual std::vector<Node> blocks_of(const xmlNode* parent, bool loose_inlines) = 0;
    [[nodiscard]] virtual std::vector<Node> inlines_of(const xmlNode* parent) = 0;
};

class HtmlExtension {
public:
    virtual ~HtmlExtension() = default;
    // Handles `element` met among blocks; false leaves it to the HTML rules. Nodes appended to `out` may be
    // blocks or inlines (inlines join the surrounding paragraph).
    virtual bool block_element(const xmlNode* element, HtmlWalker& walker, std::vector<Node>& out) = 0;
    // Handles `element` met inside inline content; false leaves it to the HTML rules.
    virtual bool inline_element(const xmlNode* element, HtmlWalker& walker, std::vector<Node>& out) = 0;
};

// The HTML reader with `extension` consulted first for every element.
[[nodiscard]] Document read_html_with(std::string_view html, HtmlExtension* extension);

}  // namespace baton::convert::detail
