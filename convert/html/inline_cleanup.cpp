// Whitespace collapsing and trimming of inline runs.
#include "convert/html/inline_cleanup.hpp"

namespace baton::convert::detail {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

void collapse(std::vector<Node>& inlines, bool& after_space) {
    std::vector<Node> out;
    out.reserve(inlines.size());
    for (auto& node : inlines) {
        if (node.kind == NodeKind::text) {
            std::string text;
            text.reserve(node.text.size());
            for (const char c : node.text) {
                if (is_space(c)) {
                    if (!after_space) text += ' ';
                    after_space = true;
                } else {
                    text += c;
                    after_space = false;
                }
            }
            if (text.empty()) continue;
            if (!out.empty() && out.back().kind == NodeKind::text && out.back().attributes.empty()) {
                out.back().text += text;
                continue;
            }
            node.text = std::move(text);
        } else if (node.kind == NodeKind::line_break) {
            if (!out.empty() && out.back().kind == NodeKind::text && out.back().text.ends_with(' ')) {
                out.back().text.pop_back();
                if (out.back().text.empty()) out.pop_back();
            }
            after_space = true;
        } else if (node.kind == NodeKind::emphasis || node.kind == NodeKind::strong || node.kind == NodeKind::link) {
            collapse(node.children, after_space);
            if (node.children.empty() && node.kind != NodeKind::link) continue;
        } else if (node.kind == NodeKind::image || node.kind == NodeKind::code || node.kind == NodeKind::raw_inline) {
            after_space = false;
        }
        out.push_back(std::move(node));
    }
    inlines = std::move(out);
}

// Removes trailing spaces at the end of the run, looking into the last wrapper.
void trim_end(std::vector<Node>& inlines) {
    while (!inlines.empty()) {
        Node& last = inlines.back();
        if (last.kind == NodeKind::text) {
            while (!last.text.empty() && last.text.back() == ' ') last.text.pop_back();
            if (!last.text.empty()) return;
            inlines.pop_back();
        } else if (last.kind == NodeKind::line_break) {
            inlines.pop_back();
        } else if (last.kind == NodeKind::emphasis || last.kind == NodeKind::strong || last.kind == NodeKind::link) {
            trim_end(last.children);
            if (!last.children.empty() || last.kind == NodeKind::link) return;
            inlines.pop_back();
        } else {
            return;
        }
    }
}

bool content_in(const Node& node) {
    switch (node.kind) {
        case NodeKind::text:
            for (std::size_t i = 0; i < node.text.size(); ++i) {
                const auto c = static_cast<unsigned char>(node.text[i]);
                if (c == 0xC2 && i + 1 < node.text.size() && static_cast<unsigned char>(node.text[i + 1]) == 0xA0) {
                    ++i;
                    continue;
                }
                if (!is_space(static_cast<char>(c))) return true;
            }
            return false;
        case NodeKind::image:
        case NodeKind::code:
        case NodeKind::raw_inline:
            return true;
        default:
            for (const auto& child : node.children) {
                if (content_in(child)) return true;
            }
            return false;
    }
}

}  // namespace

void normalize_inlines(std::vector<Node>& inlines) {
    bool after_space = true;  // a run starts trimmed
    collapse(inlines, after_space);
    trim_end(inlines);
}

bool has_content(const std::vector<Node>& inlines) {
    for (const auto& node : inlines) {
        if (content_in(node)) return true;
    }
    return false;
}

}  // namespace baton::convert::detail
