// The HTML reader: libxml2 builds the tree (no network, no errors printed), a walk turns it into blocks.
#include "convert/html/html_reader.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <climits>
#include <cstring>
#include <memory>
#include <new>

#include "convert/html/block_builder.hpp"
#include "convert/html/html_extension.hpp"
#include "convert/html/inline_cleanup.hpp"
#include "convert/html/office_html.hpp"
#include "convert/url_policy.hpp"

namespace baton::convert {

namespace {

using detail::BlockBuilder;

std::string_view name_of(const xmlNode* node) {
    return node->name ? std::string_view(reinterpret_cast<const char*>(node->name)) : std::string_view();
}

std::string attribute_of(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

bool has_attribute(const xmlNode* node, const char* name) {
    return xmlHasProp(node, reinterpret_cast<const xmlChar*>(name)) != nullptr;
}

std::string text_content(const xmlNode* node) {
    xmlChar* value = xmlNodeGetContent(node);
    if (!value) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

bool is_one_of(std::string_view name, std::initializer_list<std::string_view> names) {
    for (const auto candidate : names) {
        if (candidate == name) return true;
    }
    return false;
}

// Elements dropped with everything in them: code, styling, metadata, form controls, Office's <xml> islands.
// libxml2's HTML parser drops element prefixes: <o:p> arrives as an (empty) p, <v:shape> and <v:imagedata> as
// unknown elements without text, which are unwrapped to nothing; Word's fallback <img> stays.
bool is_dropped(std::string_view name) {
    return is_one_of(name, {"script", "style", "head", "title", "meta", "link", "noscript", "template", "svg", "math",
                            "xml", "input", "button", "select", "textarea", "option", "map", "area", "base",
                            "param", "source", "track", "canvas", "basefont", "bgsound"});
}

// Embedded content that cannot be converted: kept as a raw block naming what it was.
bool is_embed(std::string_view name) {
    return is_one_of(name, {"iframe", "object", "embed", "applet", "frame", "frameset", "video", "audio"});
}

bool is_heading(std::string_view name) {
    return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

// Block elements with their own node kind.
bool is_structural_block(std::string_view name) {
    return name == "p" || is_heading(name) ||
           is_one_of(name, {"ul", "ol", "dl", "table", "pre", "blockquote", "hr", "address", "figcaption", "caption",
                            "listing", "xmp", "plaintext", "menu", "dir"});
}

// Block containers that only group their content: their children join the parent's blocks.
bool is_wrapper_block(std::string_view name) {
    return is_one_of(name, {"div", "center", "section", "article", "header", "footer", "nav", "aside", "main",
                            "figure", "form", "fieldset", "legend", "body", "html", "li", "dt", "dd", "tbody",
                            "thead", "tfoot", "tr", "td", "th", "details", "summary", "hgroup", "multicol",
                            "noframes", "blockquote"});
}

bool contains_block(const xmlNode* node) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        const auto name = name_of(child);
        if (is_structural_block(name) || is_wrapper_block(name)) return true;
        if (contains_block(child)) return true;
    }
    return false;
}

// Raw nodes made by a reader that works through HTML (WordPress shortcodes) travel as this element.
constexpr std::string_view passed_raw_tag = "baton-raw";

bool is_conditional(std::string_view name) { return name == detail::conditional_tag; }

bool is_list_marker_conditional(const xmlNode* node) {
    return is_conditional(name_of(node)) && attribute_of(node, "cond").find("supportLists") != std::string::npos;
}

// The marker text of a Word list paragraph ("1.", "·"), or "" when it has none.
bool find_word_marker(const xmlNode* node, std::string& marker) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) continue;
        if (is_list_marker_conditional(child) ||
            (name_of(child) == "span" && detail::is_word_marker_style(attribute_of(child, "style")))) {
            marker = text_content(child);
            return true;
        }
        if (find_word_marker(child, marker)) return true;
    }
    return false;
}

void copy_common_attributes(const xmlNode* element, Node& node) {
    for (const char* name : {"title", "lang", "dir"}) {
        if (has_attribute(element, name)) node.set_attribute(name, attribute_of(element, name));
    }
}

class HtmlConverter : public detail::HtmlWalker {
public:
    explicit HtmlConverter(detail::HtmlExtension* extension) : m_extension(extension) {}

    std::vector<Node> inlines_of(const xmlNode* parent) override { return finished_inlines(parent); }

    std::vector<Node> blocks_of(const xmlNode* parent, bool loose_inlines) override {
        std::vector<Node> out;
        BlockBuilder builder(out, loose_inlines);
        add_children(parent, builder);
        builder.finish();
        return out;
    }

private:
    detail::HtmlExtension* m_extension;

    void add_children(const xmlNode* parent, BlockBuilder& builder) {
        for (const xmlNode* child = parent->children; child; child = child->next) add_node(child, builder);
    }

    void add_node(const xmlNode* node, BlockBuilder& builder) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            builder.add_inline(make_text(text_content(node)));
            return;
        }
        if (node->type != XML_ELEMENT_NODE) return;  // comments (conditional ones too), PIs, DTDs
        if (m_extension) {
            std::vector<Node> handled;
            if (m_extension->block_element(node, *this, handled)) {
                for (auto& result : handled) {
                    if (is_block(result.kind)) builder.add_block(std::move(result));
                    else builder.add_inline(std::move(result));
                }
                return;
            }
        }
        const auto name = name_of(node);
        if (is_dropped(name)) return;
        if (is_embed(name)) {
            builder.add_block(embed(node, NodeKind::raw_block));
            return;
        }
        if (is_conditional(name)) {
            if (!is_list_marker_conditional(node)) add_children(node, builder);
            return;
        }
        if (name == passed_raw_tag) {
            builder.add_block(passed_raw(node, NodeKind::raw_block));
            return;
        }
        if (name == "p") {
            paragraph(node, builder);
        } else if (is_heading(name)) {
            Node heading = make_node(NodeKind::heading, finished_inlines(node));
            heading.level = name[1] - '0';
            copy_common_attributes(node, heading);
            if (has_attribute(node, "id")) heading.set_attribute("id", attribute_of(node, "id"));
            builder.add_block(std::move(heading));
        } else if (name == "ul" || name == "ol" || name == "menu" || name == "dir") {
            builder.add_block(list(node, name == "ol" ? ListStyle::ordered : ListStyle::bullet));
        } else if (name == "dl") {
            builder.add_block(definition_list(node));
        } else if (name == "table") {
            table(node, builder);
        } else if (name == "pre" || name == "listing" || name == "xmp" || name == "plaintext") {
            builder.add_block(code_block(node));
        } else if (name == "blockquote") {
            Node quote = make_node(NodeKind::quote, blocks_of(node, false));
            copy_common_attributes(node, quote);
            builder.add_block(std::move(quote));
        } else if (name == "hr") {
            builder.add_block(make_node(NodeKind::horizontal_rule));
        } else if (name == "address" || name == "figcaption" || name == "caption") {
            auto inlines = finished_inlines(node);
            if (detail::has_content(inlines)) builder.add_block(make_node(NodeKind::paragraph, std::move(inlines)));
        } else if (is_wrapper_block(name) || contains_block(node)) {
            std::vector<Node> inner = blocks_of(node, false);
            for (auto& block : inner) builder.add_block(std::move(block));
        } else {
            std::vector<Node> inlines;
            add_inline(node, inlines);
            for (auto& inline_node : inlines) builder.add_inline(std::move(inline_node));
        }
    }

    void paragraph(const xmlNode* node, BlockBuilder& builder) {
        const auto word = detail::word_list_paragraph(attribute_of(node, "style"), attribute_of(node, "class"));
        std::string marker;
        if (word && find_word_marker(node, marker)) {
            builder.add_word_item(*word, detail::is_ordered_marker(marker), finished_inlines(node));
            return;
        }
        auto inlines = finished_inlines(node);
        if (!detail::has_content(inlines)) return;  // Word's empty <p>&nbsp;</p> spacers
        Node paragraph = make_node(NodeKind::paragraph, std::move(inlines));
        copy_common_attributes(node, paragraph);
        builder.add_block(std::move(paragraph));
    }

    std::vector<Node> finished_inlines(const xmlNode* node) {
        std::vector<Node> inlines;
        for (const xmlNode* child = node->children; child; child = child->next) add_inline(child, inlines);
        detail::normalize_inlines(inlines);
        return inlines;
    }

    void add_inline_children(const xmlNode* node, std::vector<Node>& out) {
        for (const xmlNode* child = node->children; child; child = child->next) add_inline(child, out);
    }

    void add_inline(const xmlNode* node, std::vector<Node>& out) {
        if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
            out.push_back(make_text(text_content(node)));
            return;
        }
        if (node->type != XML_ELEMENT_NODE) return;
        if (m_extension && m_extension->inline_element(node, *this, out)) return;
        const auto name = name_of(node);
        if (is_dropped(name)) return;
        if (is_embed(name)) {
            out.push_back(embed(node, NodeKind::raw_inline));
            return;
        }
        if (is_list_marker_conditional(node)) return;
        if (name == passed_raw_tag) {
            out.push_back(passed_raw(node, NodeKind::raw_inline));
            return;
        }
        if (name == "span" && detail::is_word_marker_style(attribute_of(node, "style"))) return;
        if (name == "br") {
            out.push_back(make_node(NodeKind::line_break));
        } else if (name == "img") {
            Node image = make_node(NodeKind::image);
            for (const char* attribute : {"src", "alt", "title", "width", "height"}) {
                if (has_attribute(node, attribute)) image.set_attribute(attribute, attribute_of(node, attribute));
            }
            out.push_back(std::move(image));
        } else if (name == "a") {
            if (!has_attribute(node, "href")) {
                add_inline_children(node, out);
                return;
            }
            Node link = make_node(NodeKind::link);
            link.set_attribute("href", attribute_of(node, "href"));
            copy_common_attributes(node, link);
            add_inline_children(node, link.children);
            out.push_back(std::move(link));
        } else if (is_one_of(name, {"em", "i", "cite", "var", "dfn"})) {
            wrap(NodeKind::emphasis, node, out);
        } else if (name == "strong" || name == "b") {
            wrap(NodeKind::strong, node, out);
        } else if (is_one_of(name, {"code", "tt", "kbd", "samp"})) {
            Node code = make_node(NodeKind::code);
            code.text = text_content(node);
            out.push_back(std::move(code));
        } else if (is_structural_block(name) || is_wrapper_block(name)) {
            // A block inside inline content: its text stays, on its own line.
            if (!out.empty()) out.push_back(make_text(" "));
            add_inline_children(node, out);
            out.push_back(make_text(" "));
        } else {
            add_inline_children(node, out);  // span, font, u, sub, sup, o:p, baton-if and the like: unwrapped
        }
    }

    void wrap(NodeKind kind, const xmlNode* node, std::vector<Node>& out) {
        Node wrapper = make_node(kind);
        add_inline_children(node, wrapper.children);
        if (!wrapper.children.empty()) out.push_back(std::move(wrapper));
    }

    static Node passed_raw(const xmlNode* node, NodeKind kind) {
        return make_raw(kind, attribute_of(node, "format"), attribute_of(node, "reason"), text_content(node));
    }

    // Only a URL the writers would accept is kept as the raw node's text: the raw text is shown to people.
    static Node embed(const xmlNode* node, NodeKind kind) {
        std::string target = attribute_of(node, "src");
        if (target.empty()) target = attribute_of(node, "data");
        std::string reason = "embedded content (" + std::string(name_of(node)) + ")";
        const auto url = safe_url(target, UrlUse::link);
        if (!target.empty() && !url) reason += ", unsafe URL dropped";
        return make_raw(kind, "html", std::move(reason), url.value_or(std::string()));
    }

    Node list(const xmlNode* node, ListStyle style) {
        Node list = make_node(NodeKind::list);
        list.list_style = style;
        copy_common_attributes(node, list);
        if (style == ListStyle::ordered && has_attribute(node, "start")) {
            list.set_attribute("start", attribute_of(node, "start"));
        }
        for (const xmlNode* child = node->children; child; child = child->next) {
            if (child->type == XML_ELEMENT_NODE && name_of(child) == "li") {
                Node item = make_node(NodeKind::list_item, blocks_of(child, true));
                copy_common_attributes(child, item);
                list.children.push_back(std::move(item));
                continue;
            }
            // Lists nested straight into a list (OneNote does it) and stray text: into the previous item.
            std::vector<Node> stray;
            BlockBuilder builder(stray, true);
            add_node(child, builder);
            builder.finish();
            if (stray.empty()) continue;
            if (list.children.empty()) list.children.push_back(make_node(NodeKind::list_item));
            for (auto& node_in_item : stray) list.children.back().children.push_back(std::move(node_in_item));
        }
        return list;
    }

    Node definition_list(const xmlNode* node) {
        Node list = make_node(NodeKind::list);
        list.list_style = ListStyle::definition;
        for (const xmlNode* child = node->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) continue;
            const auto name = name_of(child);
            if (name != "dt" && name != "dd") continue;
            Node item = make_node(NodeKind::list_item, blocks_of(child, true));
            item.list_style = ListStyle::definition;
            item.term = name == "dt";
            list.children.push_back(std::move(item));
        }
        return list;
    }

    Node code_block(const xmlNode* node) {
        Node code = make_node(NodeKind::code_block);
        code.text = text_content(node);
        if (code.text.starts_with('\n')) code.text.erase(0, 1);
        std::string classes = attribute_of(node, "class");
        for (const xmlNode* child = node->children; child; child = child->next) {
            if (child->type == XML_ELEMENT_NODE && name_of(child) == "code") classes += " " + attribute_of(child, "class");
        }
        if (const auto at = classes.find("language-"); at != std::string::npos) {
            const auto end = classes.find(' ', at);
            code.set_attribute("language", classes.substr(at + 9, end == std::string::npos ? end : end - at - 9));
        }
        return code;
    }

    static void collect_rows(const xmlNode* parent, bool in_head, std::vector<std::pair<const xmlNode*, bool>>& rows) {
        for (const xmlNode* child = parent->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) continue;
            const auto name = name_of(child);
            if (name == "tr") rows.emplace_back(child, in_head);
            else if (name == "thead" || name == "tbody" || name == "tfoot") collect_rows(child, name == "thead", rows);
            else if (is_conditional(name)) collect_rows(child, in_head, rows);  // Word's spacer rows
        }
    }

    static bool contains_table(const xmlNode* node) {
        for (const xmlNode* child = node->children; child; child = child->next) {
            if (child->type != XML_ELEMENT_NODE) continue;
            if (name_of(child) == "table" || contains_table(child)) return true;
        }
        return false;
    }

    void table(const xmlNode* node, BlockBuilder& builder) {
        std::vector<std::pair<const xmlNode*, bool>> rows;
        collect_rows(node, false, rows);
        std::vector<const xmlNode*> cells_seen;
        for (const auto& [row, in_head] : rows) {
            for (const xmlNode* cell = row->children; cell; cell = cell->next) {
                if (cell->type == XML_ELEMENT_NODE && (name_of(cell) == "td" || name_of(cell) == "th")) {
                    cells_seen.push_back(cell);
                }
            }
        }
        for (const xmlNode* child = node->children; child; child = child->next) {
            if (child->type == XML_ELEMENT_NODE && name_of(child) == "caption") add_node(child, builder);
        }
        const bool layout = attribute_of(node, "role") == "presentation" || cells_seen.size() == 1 ||
                            contains_table(node);
        if (layout) {  // a table that only places things: its cells' content, in reading order
            for (const xmlNode* cell : cells_seen) {
                for (auto& block : blocks_of(cell, false)) builder.add_block(std::move(block));
            }
            return;
        }
        if (cells_seen.empty()) return;
        Node table = make_node(NodeKind::table);
        copy_common_attributes(node, table);
        for (const auto& [row, in_head] : rows) {
            Node row_node = make_node(NodeKind::table_row);
            for (const xmlNode* cell = row->children; cell; cell = cell->next) {
                if (cell->type != XML_ELEMENT_NODE || (name_of(cell) != "td" && name_of(cell) != "th")) continue;
                Node cell_node = make_node(NodeKind::table_cell, blocks_of(cell, true));
                cell_node.header = in_head || name_of(cell) == "th";
                for (const char* span : {"colspan", "rowspan"}) {
                    if (has_attribute(cell, span)) cell_node.set_attribute(span, attribute_of(cell, span));
                }
                row_node.children.push_back(std::move(cell_node));
            }
            if (!row_node.children.empty()) table.children.push_back(std::move(row_node));
        }
        builder.add_block(std::move(table));
    }
};

const xmlNode* find_body(const xmlNode* node) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        if (name_of(node) == "body") return node;
        if (const xmlNode* body = find_body(node->children)) return body;
    }
    return nullptr;
}

struct DocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};

struct ContextFree {
    void operator()(htmlParserCtxt* context) const { htmlFreeParserCtxt(context); }
};

}  // namespace

Document read_html(std::string_view html) { return detail::read_html_with(html, nullptr); }

Document detail::read_html_with(std::string_view html, HtmlExtension* extension) {
    Document document;
    const std::string marked = detail::mark_downlevel_conditionals(html);
    if (marked.find_first_not_of(" \t\r\n") == std::string::npos || marked.size() > INT_MAX) return document;
    const std::unique_ptr<htmlParserCtxt, ContextFree> context(htmlNewParserCtxt());
    if (!context) throw std::bad_alloc();
    const std::unique_ptr<xmlDoc, DocFree> doc(htmlCtxtReadMemory(
        context.get(), marked.data(), static_cast<int>(marked.size()), nullptr, "UTF-8",
        HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT));
    if (!doc) return document;
    // libxml2 stops at 256 nested elements ("Excessive depth"): what follows is lost, and said so.
    const xmlError* error = xmlCtxtGetLastError(context.get());
    const bool truncated = error && error->message && std::strstr(error->message, "Excessive depth") != nullptr;
    const xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!root) return document;
    const xmlNode* body = find_body(root);
    HtmlConverter converter(extension);
    document.blocks = converter.blocks_of(body ? body : root, false);
    if (truncated) {
        document.blocks.push_back(make_raw(NodeKind::raw_block, "html",
                                           "elements nested more than 256 deep: the rest of the text was not read", ""));
    }
    return document;
}

}  // namespace baton::convert
