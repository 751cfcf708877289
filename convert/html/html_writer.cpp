// The sanitised HTML writer: the allow-list is the closed model plus attribute and URL checks.
#include "convert/html/html_writer.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "convert/url_policy.hpp"
#include "core/text.hpp"

namespace baton::convert {

namespace {

bool all_digits(std::string_view value) {
    return !value.empty() && value.size() <= 6 &&
           std::all_of(value.begin(), value.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

bool is_token(std::string_view value) {
    return !value.empty() && value.size() <= 40 && std::all_of(value.begin(), value.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '+';
    });
}

void append_attribute(std::string& out, std::string_view name, std::string_view value) {
    out += ' ';
    out += name;
    out += "=\"";
    text::append_html_escaped(out, value);
    out += '"';
}

// The attributes every element may keep.
void append_common_attributes(std::string& out, const Node& node) {
    for (const auto& [name, value] : node.attributes) {
        if (name == "title") append_attribute(out, name, value);
        else if ((name == "lang" || name == "dir") && is_token(value)) append_attribute(out, name, value);
    }
}

class HtmlWriter {
public:
    // With `marks`, every link of `links` (a link node -> its index in visit_links order) gets its tags marked.
    HtmlWriter(std::vector<LinkMark>* marks = nullptr, const std::unordered_map<const Node*, std::size_t>* links = nullptr)
        : m_marks(marks), m_links(links) {}

    std::string take() { return std::move(m_out); }

    void blocks(const std::vector<Node>& nodes) {
        for (const auto& node : nodes) block(node);
    }

private:
    std::string m_out;
    std::vector<LinkMark>* m_marks;
    const std::unordered_map<const Node*, std::size_t>* m_links;

    void attribute(std::string_view name, std::string_view value) { append_attribute(m_out, name, value); }
    void common_attributes(const Node& node) { append_common_attributes(m_out, node); }

    void open(std::string_view tag, const Node& node) {
        m_out += '<';
        m_out += tag;
        common_attributes(node);
        m_out += '>';
    }

    void close(std::string_view tag) {
        m_out += "</";
        m_out += tag;
        m_out += '>';
    }

    void inlines(const std::vector<Node>& nodes) {
        for (const auto& node : nodes) inline_node(node);
    }

    void children(const Node& node) {
        // A block may hold blocks (list items, cells, quotes) or inlines (paragraphs, headings).
        for (const auto& child : node.children) {
            if (is_block(child.kind)) block(child);
            else inline_node(child);
        }
    }

    void raw(std::string_view tag, const Node& node) {
        m_out += '<';
        m_out += tag;
        m_out += " class=\"baton-raw\"";
        attribute("data-format", node.raw_format);
        attribute("data-reason", node.reason);
        m_out += '>';
        text::append_html_escaped(m_out, node.text);
        close(tag);
    }

    void block(const Node& node) {
        switch (node.kind) {
            case NodeKind::paragraph:
                open("p", node);
                children(node);
                close("p");
                break;
            case NodeKind::heading: {
                const std::string tag = "h" + std::to_string(std::clamp(node.level, 1, 6));
                open(tag, node);
                children(node);
                close(tag);
                break;
            }
            case NodeKind::list: list(node); break;
            case NodeKind::list_item: {
                const char* tag = node.term ? "dt" : (node.list_style == ListStyle::definition ? "dd" : "li");
                open(tag, node);
                children(node);
                close(tag);
                break;
            }
            case NodeKind::table: table(node); break;
            case NodeKind::table_row:
                open("tr", node);
                children(node);
                close("tr");
                break;
            case NodeKind::table_cell: cell(node); return;  // cells of a row stay on its line
            case NodeKind::code_block: {
                m_out += "<pre><code";
                if (const auto* language = node.attribute("language"); language && is_token(*language)) {
                    attribute("class", "language-" + *language);
                }
                m_out += '>';
                text::append_html_escaped(m_out, node.text);
                m_out += "</code></pre>";
                break;
            }
            case NodeKind::quote:
                open("blockquote", node);
                children(node);
                close("blockquote");
                break;
            case NodeKind::horizontal_rule: m_out += "<hr>"; break;
            case NodeKind::raw_block: raw("pre", node); break;
            default: inline_node(node); return;
        }
        m_out += '\n';
    }

    void list(const Node& node) {
        const char* tag = node.list_style == ListStyle::ordered   ? "ol"
                          : node.list_style == ListStyle::bullet  ? "ul"
                                                                  : "dl";
        m_out += '<';
        m_out += tag;
        common_attributes(node);
        if (const auto* start = node.attribute("start"); start && all_digits(*start) && *start != "1") {
            attribute("start", *start);
        }
        m_out += ">\n";
        for (const auto& item : node.children) {
            if (item.kind != NodeKind::list_item) {
                block(item);
                continue;
            }
            const char* item_tag = node.list_style != ListStyle::definition ? "li" : (item.term ? "dt" : "dd");
            open(item_tag, item);
            children(item);
            close(item_tag);
            m_out += '\n';
        }
        close(tag);
    }

    void table(const Node& node) {
        open("table", node);
        m_out += '\n';
        if (const auto* caption = node.attribute("caption"); caption && !caption->empty()) {
            m_out += "<caption>";
            text::append_html_escaped(m_out, *caption);
            m_out += "</caption>\n";
        }
        for (const auto& row : node.children) block(row);
        close("table");
    }

    void cell(const Node& node) {
        const char* tag = node.header ? "th" : "td";
        m_out += '<';
        m_out += tag;
        common_attributes(node);
        for (const auto& [name, value] : node.attributes) {
            if ((name == "colspan" || name == "rowspan") && all_digits(value)) attribute(name, value);
        }
        m_out += '>';
        children(node);
        close(tag);
    }

    void inline_node(const Node& node) {
        switch (node.kind) {
            case NodeKind::text: text::append_html_escaped(m_out, node.text); break;
            case NodeKind::emphasis:
                open("em", node);
                inlines(node.children);
                close("em");
                break;
            case NodeKind::strong:
                open("strong", node);
                inlines(node.children);
                close("strong");
                break;
            case NodeKind::code:
                m_out += "<code>";
                text::append_html_escaped(m_out, node.text);
                m_out += "</code>";
                break;
            case NodeKind::link: link(node); break;
            case NodeKind::image: image(node); break;
            case NodeKind::line_break: m_out += "<br>\n"; break;
            case NodeKind::raw_inline: raw("code", node); break;
            default: block(node); break;
        }
    }

    void link(const Node& node) {
        const std::size_t open_at = m_out.size();
        const bool tagged = append_link_open(m_out, node);
        const std::size_t index = m_marks ? m_links->at(&node) : 0;
        if (m_marks) m_marks->push_back({index, false, open_at, m_out.size() - open_at});
        inlines(node.children);
        const std::size_t close_at = m_out.size();
        if (tagged) m_out += "</a>";
        if (m_marks) m_marks->push_back({index, true, close_at, m_out.size() - close_at});
    }

    void image(const Node& node) {
        const auto* src = node.attribute("src");
        const auto url = src ? safe_url(*src, UrlUse::image) : std::nullopt;
        const auto* alt = node.attribute("alt");
        if (!url) {
            if (alt) text::append_html_escaped(m_out, *alt);
            return;
        }
        m_out += "<img";
        attribute("src", *url);
        attribute("alt", alt ? *alt : std::string());
        common_attributes(node);
        for (const auto& [name, value] : node.attributes) {
            if ((name == "width" || name == "height") && all_digits(value)) attribute(name, value);
        }
        m_out += '>';
    }
};

}  // namespace

bool append_link_open(std::string& out, const Node& link) {
    const auto* href = link.attribute("href");
    const auto url = href ? safe_url(*href, UrlUse::link) : std::nullopt;
    if (!url) return false;  // a refused or missing target: the text stays, the link goes
    out += "<a";
    append_attribute(out, "href", *url);
    append_common_attributes(out, link);
    out += '>';
    return true;
}

std::string write_html(const Document& document) {
    HtmlWriter writer;
    writer.blocks(document.blocks);
    return writer.take();
}

std::string write_html_marked(const Document& document, std::vector<LinkMark>& marks) {
    std::unordered_map<const Node*, std::size_t> links;
    visit_links(document, [&](const Node& link) { links.emplace(&link, links.size()); });
    marks.clear();
    HtmlWriter writer(&marks, &links);
    writer.blocks(document.blocks);
    return writer.take();
}

}  // namespace baton::convert
