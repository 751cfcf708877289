// The document tree every reader produces and every writer consumes: a small closed set of blocks and inlines.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace baton::convert {

// Ordered name/value pairs carried by every node (href, src, alt, title, id, lang, ...).
using NodeAttributes = std::vector<std::pair<std::string, std::string>>;

enum class NodeKind {
    // blocks
    paragraph,
    heading,          // level 1-6
    list,             // list_style says bullet, ordered or definition
    list_item,        // in a definition list, `term` tells a term from a definition
    table,
    table_row,
    table_cell,       // `header` for a header cell
    code_block,       // text = the code
    quote,
    horizontal_rule,
    raw_block,        // text = what could not be converted; format and reason say what and why
    // inlines
    text,             // text = the characters
    emphasis,
    strong,
    code,             // text = the code
    link,             // attribute href (may be missing when the URL was refused)
    image,            // attributes src, alt, title
    line_break,
    raw_inline,
};

enum class ListStyle { bullet, ordered, definition };

struct Node {
    NodeKind kind = NodeKind::paragraph;
    std::string text;
    std::vector<Node> children;
    NodeAttributes attributes;
    int level = 0;                          // heading level
    ListStyle list_style = ListStyle::bullet;
    bool header = false;                    // table cell: a header cell
    bool term = false;                      // list item of a definition list: a term
    std::string raw_format;                 // raw nodes: the markup they hold ("wikitext", "html", "shortcode")
    std::string reason;                     // raw nodes: why it was not converted ("template", "unknown shortcode")

    [[nodiscard]] const std::string* attribute(std::string_view name) const;
    void set_attribute(std::string name, std::string value);
};

// A converted body: its blocks in order.
struct Document {
    std::vector<Node> blocks;
};

// Calls `visit` with every link node of `document` (Document or const Document), depth first, each link before the
// links inside it: the order rewrite_links and the link marks of write_html_marked share.
template <class DocumentType, class Visit>
void visit_links(DocumentType& document, Visit&& visit) {
    const auto walk = [&](auto& node, const auto& self) -> void {
        if (node.kind == NodeKind::link) visit(node);
        for (auto& child : node.children) self(child, self);
    };
    for (auto& block : document.blocks) walk(block, walk);
}

[[nodiscard]] bool is_block(NodeKind kind) noexcept;
[[nodiscard]] const char* kind_name(NodeKind kind) noexcept;

[[nodiscard]] Node make_text(std::string text);
[[nodiscard]] Node make_node(NodeKind kind, std::vector<Node> children = {});
[[nodiscard]] Node make_raw(NodeKind kind, std::string format, std::string reason, std::string text);

// What a conversion could not convert: every raw node counted, with its reason.
struct ConversionReport {
    std::size_t raw_nodes = 0;
    std::vector<std::string> reasons;  // one per raw node, in document order
};

[[nodiscard]] ConversionReport report_raw_nodes(const Document& document);

// The text of a node and its descendants (raw nodes included), for tests and titles.
[[nodiscard]] std::string plain_text(const Node& node);

}  // namespace baton::convert
