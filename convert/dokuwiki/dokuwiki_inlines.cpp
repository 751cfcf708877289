// DokuWiki inline syntax: formatting toggles, links, media, footnotes, nowiki, line breaks.
#include "convert/dokuwiki/dokuwiki_inlines.hpp"

#include <cctype>

#include "convert/html/inline_cleanup.hpp"
#include "convert/text_scan.hpp"

namespace baton::convert::detail {

namespace {

bool has_scheme(std::string_view target) {
    for (const char* scheme : {"http://", "https://", "ftp://", "mailto:", "file://", "//"}) {
        if (target.starts_with(scheme)) return true;
    }
    return false;
}

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

// A page or media id as a relative URL: namespaces become folders (DokuWiki's userewrite style).
std::string id_url(std::string_view id) {
    std::string out;
    for (const char c : trim(id)) out += c == ':' ? '/' : c;
    while (!out.empty() && out.front() == '/') out.erase(0, 1);
    return out;
}

bool is_image_name(std::string_view name) {
    std::string lower;
    for (const char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* extension : {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp"}) {
        if (lower.ends_with(extension)) return true;
    }
    return false;
}

struct Frame {
    NodeKind kind;
    std::vector<Node> children;
};

class DokuInlineParser {
public:
    DokuInlineParser(std::string_view text, DokuWikiContext& context, int depth)
        : m_text(text), m_context(context), m_depth(depth) {
        m_frames.push_back({NodeKind::paragraph, {}});
    }

    std::vector<Node> parse() {
        std::size_t i = 0;
        while (i < m_text.size()) {
            const std::string_view rest = m_text.substr(i);
            if (rest.starts_with("**")) {
                toggle(NodeKind::strong);
                i += 2;
            } else if (rest.starts_with("//") && (i == 0 || m_text[i - 1] != ':')) {
                toggle(NodeKind::emphasis);
                i += 2;
            } else if (rest.starts_with("__")) {
                i += 2;  // underline: no such node, the text stays
            } else if (rest.starts_with("''")) {
                i = monospace(i);
            } else if (rest.starts_with("%%")) {
                i = literal(i + 2, "%%");
            } else if (rest.starts_with("<nowiki>")) {
                i = literal(i + 8, "</nowiki>");
            } else if (rest.starts_with("\\\\") && (rest.size() == 2 || rest[2] == ' ' || rest[2] == '\n')) {
                flush();
                out().push_back(make_node(NodeKind::line_break));
                i += 2;
            } else if (rest.starts_with("[[") && m_depth < max_inline_depth) {
                i = link(i);
            } else if (rest.starts_with("{{")) {
                i = media(i);
            } else if (rest.starts_with("((") && m_depth < max_inline_depth) {
                i = footnote(i);
            } else if (rest.starts_with("~~") && macro_length(rest) > 0) {
                i += macro_length(rest);  // ~~NOTOC~~ and the like: switches, not content
            } else if (rest.starts_with("http://") || rest.starts_with("https://")) {
                i = bare_url(i);
            } else if (rest.starts_with('<')) {
                i = tag(i);
            } else {
                m_pending += (m_text[i] == '\n' || m_text[i] == '\t') ? ' ' : m_text[i];
                ++i;
            }
        }
        flush();
        while (m_frames.size() > 1) close_top();
        std::vector<Node> result = std::move(m_frames.front().children);
        normalize_inlines(result);
        return result;
    }

private:
    std::string_view m_text;
    DokuWikiContext& m_context;
    int m_depth;
    std::vector<Frame> m_frames;
    std::string m_pending;

    std::vector<Node>& out() { return m_frames.back().children; }

    void flush() {
        if (!m_pending.empty()) out().push_back(make_text(std::move(m_pending)));
        m_pending.clear();
    }

    void close_top() {
        Frame frame = std::move(m_frames.back());
        m_frames.pop_back();
        if (!frame.children.empty()) out().push_back(make_node(frame.kind, std::move(frame.children)));
    }

    void toggle(NodeKind kind) {
        flush();
        for (std::size_t k = m_frames.size(); k-- > 1;) {
            if (m_frames[k].kind != kind) continue;
            std::vector<NodeKind> reopen;
            while (m_frames.size() > k + 1) {
                reopen.push_back(m_frames.back().kind);
                close_top();
            }
            close_top();
            for (auto it = reopen.rbegin(); it != reopen.rend(); ++it) m_frames.push_back({*it, {}});
            return;
        }
        if (m_frames.size() < max_open_formatting) m_frames.push_back({kind, {}});
    }

    // '' monospace '': its text as code (%%...%% inside is literal too).
    std::size_t monospace(std::size_t at) {
        const auto end = find_within(m_text, "''", at + 2, max_link_length);
        if (end == std::string_view::npos) {
            m_pending += "''";
            return at + 2;
        }
        std::string code;
        const std::string_view inner = m_text.substr(at + 2, end - at - 2);
        for (std::size_t k = 0; k < inner.size(); ++k) {
            if (inner.substr(k, 2) == "%%") {
                ++k;
                continue;
            }
            code += inner[k];
        }
        flush();
        Node node = make_node(NodeKind::code);
        node.text = std::move(code);
        out().push_back(std::move(node));
        return end + 2;
    }

    std::size_t literal(std::size_t from, std::string_view closing) {
        const auto end = m_text.find(closing, from);
        const std::size_t stop = end == std::string_view::npos ? m_text.size() : end;
        m_pending += std::string(m_text.substr(from, stop - from));
        return end == std::string_view::npos ? m_text.size() : end + closing.size();
    }

    std::size_t link(std::size_t at) {
        const auto end = find_within(m_text, "]]", at + 2, max_link_length);
        if (end == std::string_view::npos) {
            m_pending += "[[";
            return at + 2;
        }
        flush();
        const std::string_view inner = m_text.substr(at + 2, end - at - 2);
        const auto bar = inner.find('|');
        const std::string target = trim(inner.substr(0, bar));
        const std::string label = bar == std::string_view::npos ? "" : std::string(inner.substr(bar + 1));
        const auto interwiki = target.find('>');
        if (interwiki != std::string::npos && !has_scheme(target)) {
            Node raw = make_raw(NodeKind::raw_inline, "dokuwiki", "interwiki link " + target.substr(0, interwiki),
                                std::string(m_text.substr(at, end + 2 - at)));
            out().push_back(std::move(raw));
            return end + 2;
        }
        Node node = make_node(NodeKind::link);
        if (has_scheme(target) || target.starts_with("\\\\")) {
            node.set_attribute("href", target);
        } else {
            node.set_attribute("href", id_url(target));
            node.set_attribute("wiki-target", target);
        }
        if (trim(label).empty()) {
            node.children.push_back(make_text(target));
        } else {
            DokuInlineParser inner_parser(label, m_context, m_depth + 1);
            node.children = inner_parser.parse();
        }
        out().push_back(std::move(node));
        return end + 2;
    }

    std::size_t media(std::size_t at) {
        const auto end = find_within(m_text, "}}", at + 2, max_link_length);
        if (end == std::string_view::npos) {
            m_pending += "{{";
            return at + 2;
        }
        flush();
        const std::string_view inner = m_text.substr(at + 2, end - at - 2);
        const auto bar = inner.find('|');
        std::string target = trim(inner.substr(0, bar));
        const std::string caption = bar == std::string_view::npos ? "" : trim(inner.substr(bar + 1));
        const auto plugin = target.find('>');
        if (plugin != std::string::npos && !has_scheme(target)) {
            out().push_back(make_raw(NodeKind::raw_inline, "dokuwiki", "plugin " + target.substr(0, plugin),
                                     std::string(m_text.substr(at, end + 2 - at))));
            return end + 2;
        }
        if (const auto query = target.find('?'); query != std::string::npos) target.erase(query);
        const bool external = has_scheme(target);
        const std::string url = external ? target : id_url(target);
        if (!is_image_name(target) && !external) {
            Node node = make_node(NodeKind::link, {make_text(caption.empty() ? target : caption)});
            node.set_attribute("href", url);
            node.set_attribute("wiki-media", target);
            out().push_back(std::move(node));
            return end + 2;
        }
        Node image = make_node(NodeKind::image);
        image.set_attribute("src", url);
        if (!external) image.set_attribute("wiki-media", target);
        if (!caption.empty()) {
            image.set_attribute("alt", caption);
            image.set_attribute("title", caption);
        }
        out().push_back(std::move(image));
        return end + 2;
    }

    std::size_t footnote(std::size_t at) {
        const auto end = find_within(m_text, "))", at + 2, max_link_length);
        if (end == std::string_view::npos) {
            m_pending += "((";
            return at + 2;
        }
        flush();
        DokuInlineParser note_parser(m_text.substr(at + 2, end - at - 2), m_context, m_depth + 1);
        Node item = make_node(NodeKind::list_item, note_parser.parse());
        m_context.footnotes.push_back(std::move(item));
        const std::string number = std::to_string(m_context.footnotes.size());
        Node link = make_node(NodeKind::link, {make_text("[" + number + "]")});
        link.set_attribute("href", "#note-" + number);
        out().push_back(std::move(link));
        return end + 2;
    }

    static std::size_t macro_length(std::string_view rest) {
        std::size_t k = 2;
        while (k < rest.size() && std::isupper(static_cast<unsigned char>(rest[k]))) ++k;
        return k > 2 && rest.substr(k, 2) == "~~" ? k + 2 : 0;
    }

    std::size_t bare_url(std::size_t at) {
        flush();
        std::size_t end = at;
        while (end < m_text.size() && static_cast<unsigned char>(m_text[end]) > ' ' && m_text[end] != '|' &&
               m_text[end] != '<' && m_text[end] != ']') {
            ++end;
        }
        while (end > at && std::string_view(".,;:!?)'").find(m_text[end - 1]) != std::string_view::npos) --end;
        const std::string url(m_text.substr(at, end - at));
        Node link = make_node(NodeKind::link, {make_text(url)});
        link.set_attribute("href", url);
        out().push_back(std::move(link));
        return end;
    }

    // <del>, <sub>, <sup>, <u> and unknown tags (plugins such as <WRAP>) are dropped, their text kept.
    std::size_t tag(std::size_t at) {
        const auto close = find_within(m_text, ">", at, max_tag_length);
        if (close == std::string_view::npos || close == at + 1) {
            m_pending += '<';
            return at + 1;
        }
        std::string_view body = m_text.substr(at + 1, close - at - 1);
        if (body.starts_with('/')) body.remove_prefix(1);
        if (body.empty() || !std::isalpha(static_cast<unsigned char>(body[0]))) {
            m_pending += '<';
            return at + 1;
        }
        return close + 1;
    }
};

}  // namespace

std::vector<Node> parse_dokuwiki_inlines(std::string_view text, DokuWikiContext& context) {
    DokuInlineParser parser(text, context, 0);
    return parser.parse();
}

}  // namespace baton::convert::detail
