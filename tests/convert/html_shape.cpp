// HTML fragments reduced to their block structure and text runs (for comparing our HTML with cmark-gfm's).
#include "html_shape.hpp"

#include <libxml/HTMLparser.h>

#include "convert/utf8.hpp"

#include <algorithm>
#include <cstring>
#include <memory>
#include <vector>

namespace baton::test {

namespace {

struct Shape {
    std::string tag;  // "" for text
    std::string text;
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<Shape> children;
};

std::string decode_percent(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
            out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string attribute(xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

bool is_one_of(const std::string& tag, std::initializer_list<const char*> tags) {
    for (const char* t : tags) {
        if (tag == t) return true;
    }
    return false;
}

bool block_tag(const std::string& tag) {
    return is_one_of(tag, {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "table", "tr", "td", "pre",
                           "blockquote", "hr", "dl", "dt", "dd", "div"});
}

void append_text(std::vector<Shape>& out, const std::string& text) {
    if (!out.empty() && out.back().tag.empty()) out.back().text += text;
    else out.push_back({"", text, {}, {}});
}

// Converts libxml2's nodes into shapes, dropping and unwrapping what the comparison ignores.
void convert(xmlNode* node, std::vector<Shape>& out, bool in_pre) {
    for (; node; node = node->next) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            append_text(out, reinterpret_cast<const char*>(node->content));
            continue;
        }
        if (node->type != XML_ELEMENT_NODE) continue;
        std::string tag = reinterpret_cast<const char*>(node->name);
        if (tag == "th") tag = "td";
        if (is_one_of(tag, {"html", "body", "thead", "tbody", "tfoot", "span", "div"}) || (in_pre && tag == "code")) {
            convert(node->children, out, in_pre);
            continue;
        }
        if (is_one_of(tag, {"head", "script", "style"})) continue;
        Shape shape;
        shape.tag = tag;
        if (tag == "a") {
            shape.attributes.emplace_back("href", decode_percent(attribute(node, "href")));
            if (const auto title = attribute(node, "title"); !title.empty()) shape.attributes.emplace_back("title", title);
        } else if (tag == "img") {
            shape.attributes.emplace_back("src", decode_percent(attribute(node, "src")));
            shape.attributes.emplace_back("alt", attribute(node, "alt"));
        } else if (tag == "ol") {
            if (const auto start = attribute(node, "start"); !start.empty() && start != "1") {
                shape.attributes.emplace_back("start", start);
            }
        }
        convert(node->children, shape.children, in_pre || tag == "pre");
        out.push_back(std::move(shape));
    }
}

std::string collapse(const std::string& text) {
    std::string out;
    bool space = false;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
    }
    if (space && !out.empty()) out += ' ';
    return out;
}

// Children of a block: text collapsed, trimmed at the block's edges and next to blocks and <br>.
void tidy_text(std::vector<Shape>& children, bool keep_whitespace) {
    std::vector<Shape> merged;
    for (auto& child : children) {
        if (child.tag.empty()) append_text(merged, child.text);
        else merged.push_back(std::move(child));
    }
    children = std::move(merged);
    if (keep_whitespace) {
        for (auto& child : children) {
            if (child.tag.empty()) {
                while (!child.text.empty() && child.text.back() == '\n') child.text.pop_back();
            }
        }
        return;
    }
    for (auto& child : children) {
        if (child.tag.empty()) child.text = collapse(child.text);
    }
    for (std::size_t i = 0; i < children.size(); ++i) {
        if (!children[i].tag.empty()) continue;
        auto& text = children[i].text;
        const bool after_break = i == 0 || block_tag(children[i - 1].tag) || children[i - 1].tag == "br";
        const bool before_break = i + 1 == children.size() || block_tag(children[i + 1].tag) || children[i + 1].tag == "br";
        if (after_break && text.starts_with(' ')) text.erase(0, 1);
        if (before_break && text.ends_with(' ')) text.pop_back();
    }
    std::erase_if(children, [](const Shape& child) { return child.tag.empty() && child.text.empty(); });
}

void flatten_into(const Shape& shape, std::vector<Shape>& out) {
    for (const auto& child : shape.children) {
        if (child.tag.empty()) {
            append_text(out, child.text);
        } else if (block_tag(child.tag) || child.tag == "br") {
            append_text(out, " ");
            flatten_into(child, out);
            append_text(out, " ");
        } else {
            out.push_back(child);
        }
    }
}

std::string plain(const Shape& shape) {
    if (shape.tag.empty()) return shape.text;
    std::string out;
    for (const auto& child : shape.children) out += plain(child);
    return out;
}

bool space_char(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Whitespace at the inside edges of em, strong and a moves outside: HTML renders both the same, Markdown
// can only write the outside form.
void hoist_spaces(std::vector<Shape>& nodes) {
    std::vector<Shape> out;
    for (auto& node : nodes) {
        hoist_spaces(node.children);
        if (!is_one_of(node.tag, {"em", "strong", "a", "del"}) || node.children.empty()) {
            out.push_back(std::move(node));
            continue;
        }
        bool before = false;
        bool after = false;
        if (auto& first = node.children.front(); first.tag.empty() && !first.text.empty() && space_char(first.text.front())) {
            before = true;
            first.text.erase(0, first.text.find_first_not_of(" \n\t\r") == std::string::npos ? first.text.size()
                                                                                           : first.text.find_first_not_of(" \n\t\r"));
        }
        if (auto& last = node.children.back(); last.tag.empty() && !last.text.empty() && space_char(last.text.back())) {
            after = true;
            while (!last.text.empty() && space_char(last.text.back())) last.text.pop_back();
        }
        if (before) append_text(out, " ");
        out.push_back(std::move(node));
        if (after) append_text(out, " ");
    }
    nodes = std::move(out);
}

// In a cell (one line in GFM), what the Markdown writer writes as text for blocks it flattens: list markers
// ("1.", "-") and a nested table's pipes and delimiter row. Ignored on both sides.
std::string without_marker_words(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        const bool digits_marker = word.size() >= 2 && (word.back() == '.' || word.back() == ')') &&
                                   word.find_first_not_of("0123456789") == word.size() - 1;
        const bool marker = digits_marker || word == "-" || word == "*" || word == "|" || word == "---";
        if (!marker) out += word + (end < text.size() ? " " : "");
        else if (end < text.size() && !out.empty() && out.back() != ' ') out += ' ';
        start = end + 1;
    }
    return out;
}

void normalise(std::vector<Shape>& nodes, bool in_pre);

void normalise_children(Shape& shape, bool in_pre) {
    const bool pre = in_pre || shape.tag == "pre";
    if (shape.tag == "td") {
        std::vector<Shape> flat;
        flatten_into(shape, flat);
        for (auto& child : flat) {
            if (child.tag.empty()) child.text = without_marker_words(collapse(child.text));
        }
        shape.children = std::move(flat);
    }
    if (shape.tag == "li") {
        std::vector<Shape> unwrapped;
        for (auto& child : shape.children) {
            if (child.tag == "p") {
                append_text(unwrapped, " ");
                for (auto& grandchild : child.children) {
                    if (grandchild.tag.empty()) append_text(unwrapped, grandchild.text);
                    else unwrapped.push_back(std::move(grandchild));
                }
                append_text(unwrapped, " ");
            } else {
                unwrapped.push_back(std::move(child));
            }
        }
        shape.children = std::move(unwrapped);
    }
    normalise(shape.children, pre);
    tidy_text(shape.children, pre);
}

// dl as the Markdown writer writes it (CommonMark has none): a dt is a paragraph holding strong, a dd a
// paragraph starting with ": " (its blocks, as the writer's indented lines, paragraphs after it). Empty lists
// go: Markdown cannot write them.
void expand_definition_lists(std::vector<Shape>& nodes) {
    std::vector<Shape> out;
    for (auto& node : nodes) {
        expand_definition_lists(node.children);
        if ((node.tag == "ul" || node.tag == "ol") &&
            std::none_of(node.children.begin(), node.children.end(), [](const Shape& child) { return child.tag == "li"; })) {
            continue;
        }
        if (node.tag != "dl") {
            out.push_back(std::move(node));
            continue;
        }
        for (auto& item : node.children) {
            if (item.tag == "dt") {
                Shape strong{"strong", "", {}, std::move(item.children)};
                out.push_back({"p", "", {}, {std::move(strong)}});
            } else if (item.tag == "dd") {
                Shape paragraph{"p", "", {}, {}};
                append_text(paragraph.children, ": ");
                std::vector<Shape> after;
                for (auto& child : item.children) {
                    if (!after.empty() || (block_tag(child.tag) && !paragraph.children.empty() &&
                                           (paragraph.children.size() > 1 || child.tag != "p"))) {
                        after.push_back(std::move(child));
                    } else if (child.tag == "p") {
                        for (auto& grandchild : child.children) paragraph.children.push_back(std::move(grandchild));
                    } else {
                        paragraph.children.push_back(std::move(child));
                    }
                }
                out.push_back(std::move(paragraph));
                for (auto& block : after) out.push_back(std::move(block));
            }
        }
    }
    nodes = std::move(out);
}

void normalise(std::vector<Shape>& nodes, bool in_pre) {
    std::vector<Shape> out;
    for (auto& node : nodes) {
        if (node.tag == "table") {
            std::vector<Shape> rows;
            for (auto& child : node.children) {
                if (child.tag == "caption") out.push_back({"p", "", {}, std::move(child.children)});
                else if (child.tag == "tr") rows.push_back(std::move(child));
            }
            node.children = std::move(rows);
        }
        out.push_back(std::move(node));
    }
    nodes = std::move(out);
    for (auto& node : nodes) {
        if (!node.tag.empty()) normalise_children(node, in_pre);
    }
    for (auto& node : nodes) {
        if (node.tag == "tr") {
            while (!node.children.empty() && node.children.back().tag == "td" && plain(node.children.back()).empty() &&
                   node.children.back().children.empty()) {
                node.children.pop_back();
            }
        }
    }
    std::erase_if(nodes, [](const Shape& node) { return node.tag == "tr" && node.children.empty(); });
}

void print(const Shape& shape, int depth, std::string& out) {
    out.append(static_cast<std::size_t>(depth) * 2, ' ');
    if (shape.tag.empty()) {
        out += "\"" + shape.text + "\"\n";
        return;
    }
    out += shape.tag;
    for (const auto& [name, value] : shape.attributes) out += " " + name + "=\"" + value + "\"";
    out += '\n';
    for (const auto& child : shape.children) print(child, depth + 1, out);
}

}  // namespace

std::string utf8_or_latin1(const std::string& bytes) {
    if (convert::first_invalid_utf8(bytes) == std::string::npos) return bytes;
    std::string out;
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x80) {
            out += c;
        } else {
            out += static_cast<char>(0xC0 | (byte >> 6));
            out += static_cast<char>(0x80 | (byte & 0x3F));
        }
    }
    return out;
}

std::string html_shape(std::string_view html) {
    const std::string wrapped = "<html><body>" + std::string(html) + "</body></html>";
    std::unique_ptr<xmlDoc, decltype(&xmlFreeDoc)> document(
        htmlReadMemory(wrapped.data(), static_cast<int>(wrapped.size()), nullptr, "UTF-8",
                       HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING),
        &xmlFreeDoc);
    if (!document) return "(unparsable)\n";
    std::vector<Shape> shapes;
    convert(xmlDocGetRootElement(document.get()), shapes, false);
    expand_definition_lists(shapes);
    hoist_spaces(shapes);
    normalise(shapes, false);
    tidy_text(shapes, false);
    std::string out;
    for (const auto& shape : shapes) print(shape, 0, out);
    return out;
}

}  // namespace baton::test
