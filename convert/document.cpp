// Helpers over the document tree: names, constructors, raw-node counting, plain text.
#include "convert/document.hpp"

namespace baton::convert {

const std::string* Node::attribute(std::string_view name) const {
    for (const auto& [key, value] : attributes) {
        if (key == name) return &value;
    }
    return nullptr;
}

void Node::set_attribute(std::string name, std::string value) {
    for (auto& [key, existing] : attributes) {
        if (key == name) {
            existing = std::move(value);
            return;
        }
    }
    attributes.emplace_back(std::move(name), std::move(value));
}

bool is_block(NodeKind kind) noexcept { return kind <= NodeKind::raw_block; }

const char* kind_name(NodeKind kind) noexcept {
    switch (kind) {
        case NodeKind::paragraph: return "paragraph";
        case NodeKind::heading: return "heading";
        case NodeKind::list: return "list";
        case NodeKind::list_item: return "list-item";
        case NodeKind::table: return "table";
        case NodeKind::table_row: return "table-row";
        case NodeKind::table_cell: return "table-cell";
        case NodeKind::code_block: return "code-block";
        case NodeKind::quote: return "quote";
        case NodeKind::horizontal_rule: return "horizontal-rule";
        case NodeKind::raw_block: return "raw-block";
        case NodeKind::text: return "text";
        case NodeKind::emphasis: return "emphasis";
        case NodeKind::strong: return "strong";
        case NodeKind::code: return "code";
        case NodeKind::link: return "link";
        case NodeKind::image: return "image";
        case NodeKind::line_break: return "line-break";
        case NodeKind::raw_inline: return "raw-inline";
    }
    return "?";
}

Node make_text(std::string text) {
    Node node;
    node.kind = NodeKind::text;
    node.text = std::move(text);
    return node;
}

Node make_node(NodeKind kind, std::vector<Node> children) {
    Node node;
    node.kind = kind;
    node.children = std::move(children);
    return node;
}

Node make_raw(NodeKind kind, std::string format, std::string reason, std::string text) {
    Node node;
    node.kind = kind;
    node.raw_format = std::move(format);
    node.reason = std::move(reason);
    node.text = std::move(text);
    return node;
}

namespace {

void collect_raw(const Node& node, ConversionReport& report) {
    if (node.kind == NodeKind::raw_block || node.kind == NodeKind::raw_inline) {
        ++report.raw_nodes;
        report.reasons.push_back(node.reason);
    }
    for (const auto& child : node.children) collect_raw(child, report);
}

void append_text(const Node& node, std::string& out) {
    out += node.text;
    if (node.kind == NodeKind::line_break) out += '\n';
    if (node.kind == NodeKind::image) {
        if (const auto* alt = node.attribute("alt")) out += *alt;
    }
    for (const auto& child : node.children) append_text(child, out);
    if (is_block(node.kind) && !out.empty() && out.back() != '\n') out += '\n';
}

}  // namespace

ConversionReport report_raw_nodes(const Document& document) {
    ConversionReport report;
    for (const auto& block : document.blocks) collect_raw(block, report);
    return report;
}

std::string plain_text(const Node& node) {
    std::string out;
    append_text(node, out);
    return out;
}

}  // namespace baton::convert
