// WordPress content: shortcodes resolved or flagged, wpautop paragraphs, then the HTML reader.
#include "convert/wordpress/wordpress_reader.hpp"

#include <cctype>
#include <optional>

#include "convert/html/html_reader.hpp"
#include "convert/text_scan.hpp"
#include <map>

namespace baton::convert {

namespace detail {

namespace {

std::string escape_html(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string raw_element(std::string_view reason, std::string_view text) {
    return "<baton-raw format=\"shortcode\" reason=\"" + escape_html(reason) + "\">" + escape_html(text) +
           "</baton-raw>";
}

// Gutenberg's block delimiters: <!-- wp:name {...} --> and <!-- /wp:name -->.
std::string drop_block_comments(std::string_view content) {
    std::string out;
    std::size_t i = 0;
    while (true) {
        const auto start = content.find("<!--", i);
        if (start == std::string_view::npos) break;
        std::size_t k = start + 4;
        while (k < content.size() && content[k] == ' ') ++k;
        const bool block = content.substr(k, 3) == "wp:" || content.substr(k, 4) == "/wp:";
        const auto end = content.find("-->", start + 4);
        if (end == std::string_view::npos) break;  // an unclosed comment: the rest stays as it is
        if (!block) {
            out.append(content.substr(i, start + 4 - i));
            i = start + 4;
            continue;
        }
        out.append(content.substr(i, start - i));
        i = end + 3;
    }
    out.append(content.substr(i));
    return out;
}

struct Shortcode {
    std::string name;
    std::string attributes;  // the text between the name and ']'
    std::string inner;       // enclosed content, for [name]...[/name]
    std::size_t end = 0;     // one past the whole shortcode
    bool escaped = false;    // [[name]]: literal text
};

// Where each shortcode's closing tag was last found (npos: there is none further on), so that many
// unclosed shortcodes of one name do not rescan the rest of the content each time.
using ClosingCache = std::map<std::string, std::size_t>;

std::optional<Shortcode> parse_shortcode(std::string_view text, std::size_t at, ClosingCache& closings) {
    Shortcode code;
    std::size_t i = at + 1;
    if (i < text.size() && text[i] == '[') {
        const auto close = detail::find_within(text, "]]", i, detail::max_link_length);
        if (close == std::string_view::npos) return std::nullopt;
        code.escaped = true;
        code.inner = std::string(text.substr(at + 1, close - at));
        code.end = close + 2;
        return code;
    }
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_' || text[i] == '-')) {
        code.name += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
        ++i;
    }
    if (code.name.empty() || i >= text.size() || (text[i] != ' ' && text[i] != ']' && text[i] != '/')) return std::nullopt;
    const auto close = detail::find_within(text, "]", i, detail::max_link_length);
    if (close == std::string_view::npos || text.substr(i, close - i).find('[') != std::string_view::npos) {
        return std::nullopt;
    }
    code.attributes = std::string(text.substr(i, close - i));
    code.end = close + 1;
    if (code.attributes.ends_with('/')) {
        code.attributes.pop_back();
        return code;
    }
    const std::string closing = "[/" + code.name + "]";
    auto cached = closings.find(code.name);
    if (cached == closings.end() || (cached->second != std::string_view::npos && cached->second < code.end)) {
        cached = closings.insert_or_assign(code.name, text.find(closing, code.end)).first;
    }
    if (const auto end = cached->second; end != std::string_view::npos) {
        code.inner = std::string(text.substr(code.end, end - code.end));
        code.end = end + closing.size();
    }
    return code;
}

std::string attribute_value(const std::string& attributes, const std::string& name) {
    const auto at = attributes.find(name + "=");
    if (at == std::string::npos) return {};
    auto start = at + name.size() + 1;
    if (start < attributes.size() && (attributes[start] == '"' || attributes[start] == '\'')) {
        const char quote = attributes[start];
        const auto end = attributes.find(quote, start + 1);
        return attributes.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
    }
    const auto end = attributes.find(' ', start);
    return attributes.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

std::string replace_shortcodes(std::string_view text);

std::string replace_one(const Shortcode& code, std::string_view whole) {
    if (code.escaped) return escape_html(code.inner);
    if (code.name == "caption" || code.name == "wp_caption") {
        // The image (maybe in a link) and then the caption text: both kept, the caption as its own paragraph.
        const auto tag_end = code.inner.rfind('>');
        std::string media = tag_end == std::string::npos ? "" : code.inner.substr(0, tag_end + 1);
        std::string caption = tag_end == std::string::npos ? code.inner : code.inner.substr(tag_end + 1);
        if (caption.find_first_not_of(" \t\r\n") == std::string::npos) caption = attribute_value(code.attributes, "caption");
        return "<div>" + replace_shortcodes(media) + "<p>" + replace_shortcodes(caption) + "</p></div>";
    }
    if (code.name == "embed") {
        std::string url = code.inner;
        const auto first = url.find_first_not_of(" \t\r\n");
        url = first == std::string::npos ? "" : url.substr(first, url.find_last_not_of(" \t\r\n") - first + 1);
        if (url.empty()) return raw_element("embed without URL", whole);
        return "<p><a href=\"" + escape_html(url) + "\">" + escape_html(url) + "</a></p>";
    }
    if (code.name == "gallery") {
        const std::string ids = attribute_value(code.attributes, "ids");
        return raw_element(ids.empty() ? "gallery of the post's attachments" : "gallery of attachments " + ids, whole);
    }
    return raw_element("unknown shortcode [" + code.name + "]", whole);
}

std::string replace_shortcodes(std::string_view text) {
    std::string out;
    ClosingCache closings;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto open = text.find('[', i);
        if (open == std::string_view::npos) break;
        out.append(text.substr(i, open - i));
        const auto code = parse_shortcode(text, open, closings);
        if (!code) {
            out += '[';
            i = open + 1;
            continue;
        }
        out += replace_one(*code, text.substr(open, code->end - open));
        i = code->end;
    }
    out.append(text.substr(i));
    return out;
}

bool starts_with_block_tag(std::string_view chunk) {
    if (chunk.empty() || chunk[0] != '<') return false;
    std::string name;
    for (std::size_t i = 1; i < chunk.size() && i < 14; ++i) {
        const char c = chunk[i];
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '/' && c != '!') break;
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (name.starts_with('/')) name.erase(0, 1);
    static const char* const blocks[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "li",
                                         "table", "thead", "tbody", "tr", "td", "th", "blockquote", "pre", "figure",
                                         "hr", "address", "section", "article", "aside", "header", "footer",
                                         "nav", "form", "fieldset", "baton-raw", "!--", "iframe", "object",
                                         "style", "script", "center"};
    for (const char* block : blocks) {
        if (name == block) return true;
    }
    return false;
}

// Newlines inside <pre> must survive the paragraph split: they are swapped for a control byte meanwhile.
std::string protect_pre(std::string text) {
    std::size_t i = 0;
    while ((i = text.find("<pre", i)) != std::string::npos) {
        const auto end = text.find("</pre>", i);
        const auto stop = end == std::string::npos ? text.size() : end;
        for (auto k = i; k < stop; ++k) {
            if (text[k] == '\n') text[k] = '\x01';
        }
        i = stop;
    }
    return text;
}

std::string autop(const std::string& content) {
    std::string text = protect_pre(content);
    std::string out;
    std::size_t i = 0;
    while (i <= text.size()) {
        // A chunk ends at a blank line (newline, optional spaces, newline).
        std::size_t end = i;
        while (true) {
            end = text.find('\n', end);
            if (end == std::string::npos) break;
            std::size_t k = end + 1;
            while (k < text.size() && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r')) ++k;
            if (k < text.size() && text[k] == '\n') break;
            end = k;
        }
        const std::size_t stop = end == std::string::npos ? text.size() : end;
        std::string chunk = text.substr(i, stop - i);
        const auto first = chunk.find_first_not_of(" \t\r\n");
        if (first != std::string::npos) {
            chunk = chunk.substr(first, chunk.find_last_not_of(" \t\r\n") - first + 1);
            if (starts_with_block_tag(chunk)) {
                out += chunk + "\n";
            } else {
                std::string paragraph;
                for (const char c : chunk) {
                    if (c == '\n') paragraph += "<br>\n";
                    else if (c != '\r') paragraph += c;
                }
                out += "<p>" + paragraph + "</p>\n";
            }
        }
        if (end == std::string::npos) break;
        i = end + 1;
    }
    for (auto& c : out) {
        if (c == '\x01') c = '\n';
    }
    return out;
}

}  // namespace

std::string wordpress_to_html(std::string_view content) {
    return autop(replace_shortcodes(drop_block_comments(content)));
}

}  // namespace detail

Document read_wordpress(std::string_view content) { return read_html(detail::wordpress_to_html(content)); }

}  // namespace baton::convert
