// The tree writer.
#include "convert/tree_writer.hpp"

namespace baton::convert {

namespace {

std::string quoted(const std::string& text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '\n') out += "\\n";
        else if (c == '"' || c == '\\') out += std::string("\\") + c;
        else out += c;
    }
    return out + '"';
}

void write_node(const Node& node, int depth, std::string& out) {
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    out += kind_name(node.kind);
    if (node.kind == NodeKind::heading) out += " " + std::to_string(node.level);
    if (node.kind == NodeKind::list) {
        out += node.list_style == ListStyle::bullet ? " bullet" : node.list_style == ListStyle::ordered ? " ordered" : " definition";
    }
    if (node.term) out += " term";
    if (node.header) out += " header";
    if (!node.raw_format.empty()) out += " format=" + quoted(node.raw_format);
    if (!node.reason.empty()) out += " reason=" + quoted(node.reason);
    for (const auto& [name, value] : node.attributes) out += " " + name + "=" + quoted(value);
    if (!node.text.empty()) out += " " + quoted(node.text);
    out += '\n';
    for (const auto& child : node.children) write_node(child, depth + 1, out);
}

}  // namespace

std::string write_tree(const Document& document) {
    std::string out;
    for (const auto& block : document.blocks) write_node(block, 0, out);
    return out;
}

}  // namespace baton::convert
