// One static HTML page parsed with libxml2's HTML parser: title, body, meta data, Office properties, references.
#include "extractors/html/html_page.hpp"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <fstream>
#include <iterator>
#include <limits>
#include <stdexcept>
#include <memory>

#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::extract::html {
namespace {

// No network, no error output; markup errors are repaired silently, as browsers do. Encoding
// declarations are ignored: the page is converted to UTF-8 first (detect_page_encoding, to_utf8).
constexpr int parse_options = HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_COMPACT |
                              HTML_PARSE_IGNORE_ENC;

std::string_view view(const xmlChar* text) {
    return text == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(text));
}

std::string property(xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) return {};
    std::string result(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return result;
}

std::string collapse_whitespace(std::string_view value) {
    std::string out;
    bool space = false;
    for (const char c : value) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string text_content(xmlNode* node) {
    xmlChar* content = xmlNodeGetContent(node);
    std::string text = collapse_whitespace(view(content));
    xmlFree(content);
    return text;
}

// The XML predefined entities and character references; anything else is kept as written.
std::string decode_xml_text(std::string_view value) {
    std::string out;
    for (std::size_t at = 0; at < value.size(); ++at) {
        const auto semicolon = value[at] == '&' ? value.find(';', at) : std::string_view::npos;
        if (semicolon == std::string_view::npos || semicolon - at > 10) {
            out += value[at];
            continue;
        }
        const std::string_view name = value.substr(at + 1, semicolon - at - 1);
        if (name == "amp") out += '&';
        else if (name == "lt") out += '<';
        else if (name == "gt") out += '>';
        else if (name == "quot") out += '"';
        else if (name == "apos") out += '\'';
        else if (name.size() > 1 && name[0] == '#') {
            const bool hex = name[1] == 'x' || name[1] == 'X';
            const std::string digits(name.substr(hex ? 2 : 1));
            if (digits.empty() || digits.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") != std::string::npos) {
                out += value.substr(at, semicolon - at + 1);
            } else {
                text::append_utf8(out, std::stoul(digits, nullptr, hex ? 16 : 10));
            }
        } else {
            out += value.substr(at, semicolon - at + 1);
        }
        at = semicolon;
    }
    return out;
}

struct DocFree {
    void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct ContextFree {
    void operator()(htmlParserCtxt* context) const { htmlFreeParserCtxt(context); }
};

// The page's own markup between <body ...> and </body> (after </head>, or all of it, when there is no
// <body>): kept as written, Word's <o:p> and conditional comments included.
std::string raw_body(const std::string& page) {
    const std::string lower = text::to_lower_ascii(page);
    std::size_t start = 0;
    for (std::size_t at = lower.find("<body"); at != std::string::npos; at = lower.find("<body", at + 5)) {
        const char next = at + 5 < lower.size() ? lower[at + 5] : '>';
        if (next != '>' && next != ' ' && next != '\t' && next != '\n' && next != '\r' && next != '/') continue;
        const std::size_t close = lower.find('>', at);
        start = close == std::string::npos ? lower.size() : close + 1;
        break;
    }
    if (start == 0) {
        if (const std::size_t head = lower.find("</head>"); head != std::string::npos) start = head + 7;
    }
    std::size_t end = lower.rfind("</body");
    if (end == std::string::npos || end < start) end = lower.rfind("</html");
    if (end == std::string::npos || end < start) end = lower.size();
    return page.substr(start, end - start);
}

class PageReader {
public:
    PageReader(xmlDoc* doc, HtmlPage& page) : m_doc(doc), m_page(page) {}

    // Visits every node in document order without recursion, so no nesting depth can overflow the stack.
    void walk() {
        xmlNode* node = m_doc->children;
        while (node != nullptr) {
            visit(node);
            if (node->children != nullptr && node->type == XML_ELEMENT_NODE) {
                node = node->children;
                continue;
            }
            while (node != nullptr && node->next == nullptr) {
                node = node->parent;
                if (node == reinterpret_cast<xmlNode*>(m_doc)) node = nullptr;
            }
            if (node != nullptr) node = node->next;
        }
    }

private:
    void visit(xmlNode* node) {
        if (node->type == XML_COMMENT_NODE) {
            if (m_page.office.empty()) m_page.office = office_document_properties(view(node->content));
            return;
        }
        if (node->type != XML_ELEMENT_NODE) return;
        const std::string_view name = view(node->name);
        if (name == "title") {
            if (m_page.title.empty()) m_page.title = text_content(node);
        } else if (name == "h1") {
            if (m_page.first_heading.empty()) m_page.first_heading = text_content(node);
        } else if (name == "meta") {
            std::string key = property(node, "name");
            if (key.empty()) key = property(node, "http-equiv");
            if (!key.empty() && xmlHasProp(node, reinterpret_cast<const xmlChar*>("content")) != nullptr) {
                m_page.meta.emplace_back(text::to_lower_ascii(text::trim(key)), collapse_whitespace(property(node, "content")));
            }
        } else if (name == "a" || name == "area") {
            add(node, "href", PageReference::Kind::hyperlink);
        } else if (name == "img" || name == "frame" || name == "iframe" || name == "embed" || name == "v:imagedata") {
            add(node, "src", PageReference::Kind::embedded);
        } else if (name == "object") {
            add(node, "data", PageReference::Kind::embedded);
        }
    }

    void add(xmlNode* node, const char* attribute, PageReference::Kind kind) {
        if (xmlHasProp(node, reinterpret_cast<const xmlChar*>(attribute)) == nullptr) return;
        m_page.references.push_back({kind, text::trim(property(node, attribute))});
    }

    xmlDoc* m_doc;
    HtmlPage& m_page;
};

}  // namespace

std::string attribute_value(const model::Attributes& attributes, std::string_view name) {
    for (const auto& [key, value] : attributes) {
        if (key == name) return value;
    }
    return {};
}

model::Attributes office_document_properties(std::string_view comment) {
    model::Attributes properties;
    const std::size_t open = comment.find("<o:DocumentProperties");
    if (open == std::string_view::npos) return properties;
    const std::size_t close = comment.find("</o:DocumentProperties", open);
    std::string_view block = comment.substr(open, close == std::string_view::npos ? std::string_view::npos : close - open);
    block.remove_prefix(std::min(block.size(), block.find('>') + 1));
    for (std::size_t at = block.find("<o:"); at != std::string_view::npos; at = block.find("<o:", at + 1)) {
        const std::size_t name_end = block.find_first_of(" />", at);
        if (name_end == std::string_view::npos) break;
        const std::string_view name = block.substr(at + 3, name_end - at - 3);
        const std::size_t value_start = block.find('>', at);
        if (name.empty() || value_start == std::string_view::npos || block[value_start - 1] == '/') continue;
        const std::string closing = "</o:" + std::string(name) + ">";
        const std::size_t value_end = block.find(closing, value_start);
        if (value_end == std::string_view::npos) continue;
        properties.emplace_back(std::string(name),
                                text::trim(decode_xml_text(block.substr(value_start + 1, value_end - value_start - 1))));
        at = value_end;
    }
    return properties;
}

HtmlPage parse_html_page(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw InputError(ExitCode::input_unreadable, {path, 0, 0}, "cannot open the page",
                         "check that the file is readable by this user");
    }
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    HtmlPage page;
    page.encoding = detect_page_encoding(bytes);
    std::string utf8;
    try {
        utf8 = to_utf8(bytes, page.encoding, page.replaced_bytes);
    } catch (const std::invalid_argument&) {
        page.encoding.name = "windows-1252";  // an encoding iconv does not know: read as browsers' default
        page.encoding.declared_wrong = true;
        utf8 = to_utf8(bytes, page.encoding, page.replaced_bytes);
    }
    if (utf8.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw InputError(ExitCode::malformed_input, {path, 0, 0}, "the page is over 2 GB",
                         "split the page or leave it out of the tree");
    }
    page.body = raw_body(utf8);
    if (utf8.empty()) return page;
    std::unique_ptr<htmlParserCtxt, ContextFree> context(htmlNewParserCtxt());
    if (!context) throw std::bad_alloc();
    std::unique_ptr<xmlDoc, DocFree> doc(htmlCtxtReadMemory(context.get(), utf8.data(), static_cast<int>(utf8.size()),
                                                            path.c_str(), "UTF-8", parse_options));
    if (!doc) {
        throw InputError(ExitCode::malformed_input, {path, 0, 0}, "the HTML parser could not read the page",
                         "open the page in a browser to check it");
    }
    PageReader(doc.get(), page).walk();
    return page;
}

}  // namespace baton::extract::html
