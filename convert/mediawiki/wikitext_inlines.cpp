// The wikitext inline parser: apostrophe emphasis, links, files, tags, entities and protected spans.
#include <cctype>

#include "convert/html/inline_cleanup.hpp"
#include "convert/mediawiki/wikitext_context.hpp"
#include "convert/text_scan.hpp"
#include "core/text.hpp"
#include <set>

namespace baton::convert::detail {

namespace {

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view prefix) {
    if (text.size() < at || text.size() - at < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[at + i])) != prefix[i]) return false;
    }
    return true;
}

// Namespaces whose links show a file instead of linking to a page (English and a few common locales).
bool is_file_namespace(std::string_view prefix) {
    const std::string name = text::to_lower_ascii(prefix);
    return name == "file" || name == "image" || name == "archivo" || name == "datei" || name == "bild" ||
           name == "fichier" || name == "imagen" || name == "bestand" || name == "media";
}

bool is_category_namespace(std::string_view prefix) {
    const std::string name = text::to_lower_ascii(prefix);
    return name == "category" || name == "kategorie" || name == "categoría" || name == "catégorie" ||
           name == "categoria" || name == "categorie";
}

// Page name to a relative URL as MediaWiki writes it: spaces become underscores.
std::string page_url(std::string_view target) {
    std::string out;
    for (const char c : text::trim(target)) out += c == ' ' ? '_' : c;
    return out;
}

// The end of a [[...]] starting at `at` (index just past the closing ]]), nested links allowed; npos if none.
std::size_t matching_link_end(std::string_view text, std::size_t at) {
    int depth = 0;
    int single = 0;  // [http://x label] inside a file caption
    const std::size_t stop = std::min(text.size(), at + max_link_length);
    for (std::size_t i = at; i < stop; ++i) {
        if (text[i] == '[' && i + 1 < text.size() && text[i + 1] == '[') {
            ++depth;
            ++i;
        } else if (text[i] == '[') {
            ++single;
        } else if (text[i] == ']' && single > 0) {
            --single;
        } else if (text[i] == ']' && i + 1 < text.size() && text[i + 1] == ']') {
            if (--depth == 0) return i + 2;
            ++i;
        }
    }
    return std::string_view::npos;
}

// Splits on '|' outside [[...]] and [...].
std::vector<std::string> split_pipes(std::string_view text) {
    std::vector<std::string> parts(1);
    int depth = 0;
    for (const char c : text) {
        if (c == '[') ++depth;
        if (c == ']' && depth > 0) --depth;
        if (c == '|' && depth == 0) {
            parts.emplace_back();
            continue;
        }
        parts.back() += c;
    }
    return parts;
}

bool is_image_option(const std::string& option) {
    const std::string value = text::to_lower_ascii(text::trim(option));
    static const char* const keywords[] = {"thumb", "thumbnail", "frame", "framed", "frameless", "border", "left",
                                           "right", "center", "centre", "none", "upright", "baseline", "middle",
                                           "sub", "super", "top", "text-top", "bottom", "text-bottom"};
    for (const char* keyword : keywords) {
        if (value == keyword) return true;
    }
    for (const char* prefix : {"upright=", "page=", "alt=", "link=", "class=", "lang=", "thumb=", "thumbnail="}) {
        if (value.starts_with(prefix)) return true;
    }
    if (value.ends_with("px")) {
        const std::string size = value.substr(0, value.size() - 2);
        return !size.empty() && size.find_first_not_of("0123456789x") == std::string::npos;
    }
    return false;
}

bool is_url_start(std::string_view text, std::size_t at) {
    for (const char* scheme : {"http://", "https://", "ftp://", "ftps://", "mailto:", "news:", "irc://", "//"}) {
        if (starts_with_nocase(text, at, scheme)) return true;
    }
    return false;
}

// One emphasis frame of the apostrophe/tag stack.
struct Frame {
    NodeKind kind;
    std::vector<Node> children;
};

class InlineParser {
public:
    InlineParser(std::string_view text, WikitextContext& context) : m_text(text), m_context(context) {
        m_frames.push_back({NodeKind::paragraph, {}});
        ++m_context.inline_depth;
    }
    ~InlineParser() { --m_context.inline_depth; }
    InlineParser(const InlineParser&) = delete;
    InlineParser& operator=(const InlineParser&) = delete;

    std::vector<Node> parse() {
        std::string pending;
        std::size_t i = 0;
        const auto flush = [&] {
            if (!pending.empty()) out().push_back(make_text(std::move(pending)));
            pending.clear();
        };
        while (i < m_text.size()) {
            const char c = m_text[i];
            if (c == '\'' && i + 1 < m_text.size() && m_text[i + 1] == '\'') {
                std::size_t run = 0;
                while (i + run < m_text.size() && m_text[i + run] == '\'') ++run;
                flush();
                i += run;
                if (run == 4) {
                    pending += '\'';
                    flush();
                    run = 3;
                } else if (run > 5) {
                    pending.append(run - 5, '\'');
                    flush();
                    run = 5;
                }
                if (run == 2) toggle(NodeKind::emphasis);
                else if (run == 3) toggle(NodeKind::strong);
                else if (is_open(NodeKind::emphasis) && is_open(NodeKind::strong)) {
                    toggle(innermost_of_both());
                    toggle(innermost_of_both());
                } else if (is_open(NodeKind::emphasis)) {
                    toggle(NodeKind::emphasis);
                    toggle(NodeKind::strong);
                } else {
                    toggle(NodeKind::strong);
                    toggle(NodeKind::emphasis);
                }
                continue;
            }
            if (c == '[' && i + 1 < m_text.size() && m_text[i + 1] == '[' && m_context.inline_depth <= max_inline_depth) {
                if (const auto end = matching_link_end(m_text, i); end != std::string_view::npos) {
                    flush();
                    i = internal_link(i, end);
                    continue;
                }
            }
            if (c == '[' && is_url_start(m_text, i + 1)) {
                if (const auto end = find_within(m_text, "]", i, max_link_length); end != std::string_view::npos) {
                    flush();
                    external_link(m_text.substr(i + 1, end - i - 1));
                    i = end + 1;
                    continue;
                }
            }
            if ((c == 'h' || c == 'f' || c == 'm') && (i == 0 || !std::isalnum(static_cast<unsigned char>(m_text[i - 1]))) &&
                is_url_start(m_text, i) && !starts_with_nocase(m_text, i, "//")) {
                flush();
                i = bare_url(i);
                continue;
            }
            if (c == '<') {
                flush();
                if (const auto consumed = tag(i); consumed > 0) {
                    i += consumed;
                    continue;
                }
            }
            if (c == '&') {
                if (const auto consumed = decode_entity(m_text, i, pending); consumed > 0) {
                    i += consumed;
                    continue;
                }
            }
            if (c == '~' && m_text.substr(i, 3) == "~~~") {
                std::size_t run = 0;
                while (i + run < m_text.size() && m_text[i + run] == '~' && run < 5) ++run;
                flush();
                out().push_back(make_raw(NodeKind::raw_inline, "wikitext", "signature", std::string(run, '~')));
                i += run;
                continue;
            }
            if (c == '_' && m_text.substr(i, 2) == "__") {
                if (const auto consumed = magic_word(i); consumed > 0) {
                    i += consumed;
                    continue;
                }
            }
            if (c == '\x02' || c == '\x04' || c == '\x05' || c == '\x06' || c == '\x07') {
                if (const auto end = m_text.find(marker_end, i); end != std::string_view::npos) {
                    flush();
                    protected_span(c, m_text.substr(i + 1, end - i - 1));
                    i = end + 1;
                    continue;
                }
            }
            pending += (c == '\n' || c == '\t') ? ' ' : c;
            ++i;
        }
        flush();
        while (m_frames.size() > 1) close_top();
        std::vector<Node> result = std::move(m_frames.front().children);
        normalize_inlines(result);
        return result;
    }

private:
    std::string_view m_text;
    WikitextContext& m_context;
    std::vector<Frame> m_frames;
    std::set<std::string> m_unclosed;  // code tags without an end tag: not searched for again

    std::vector<Node>& out() { return m_frames.back().children; }

    bool is_open(NodeKind kind) const {
        for (const auto& frame : m_frames) {
            if (frame.kind == kind) return true;
        }
        return false;
    }

    NodeKind innermost_of_both() const { return m_frames.back().kind; }

    void close_top() {
        Frame frame = std::move(m_frames.back());
        m_frames.pop_back();
        if (!frame.children.empty()) out().push_back(make_node(frame.kind, std::move(frame.children)));
    }

    // Opens `kind`, or closes it (closing and reopening anything opened inside it).
    void toggle(NodeKind kind) {
        if (!is_open(kind)) {
            if (m_frames.size() < max_open_formatting) m_frames.push_back({kind, {}});
            return;
        }
        std::vector<NodeKind> reopen;
        while (m_frames.back().kind != kind) {
            reopen.push_back(m_frames.back().kind);
            close_top();
        }
        close_top();
        for (auto it = reopen.rbegin(); it != reopen.rend(); ++it) m_frames.push_back({*it, {}});
    }

    void close_if_open(NodeKind kind) {
        if (is_open(kind)) toggle(kind);
    }

    std::size_t internal_link(std::size_t start, std::size_t end) {
        const std::string_view inner = m_text.substr(start + 2, end - start - 4);
        auto parts = split_pipes(inner);
        std::string target = text::trim(parts[0]);
        const bool leading_colon = target.starts_with(':');
        if (leading_colon) target.erase(0, 1);
        const auto colon = target.find(':');
        const std::string prefix = colon == std::string::npos ? "" : target.substr(0, colon);
        if (!leading_colon && !prefix.empty() && is_category_namespace(prefix)) {
            m_context.categories.push_back(text::trim(target.substr(colon + 1)));
            return end;
        }
        if (!leading_colon && !prefix.empty() && is_file_namespace(prefix)) {
            Node image = make_node(NodeKind::image);
            image.set_attribute("src", page_url(target.substr(colon + 1)));
            image.set_attribute("wiki-target", target);
            std::string caption;
            for (std::size_t k = 1; k < parts.size(); ++k) {
                const std::string option = text::trim(parts[k]);
                if (text::to_lower_ascii(option).starts_with("alt=")) image.set_attribute("alt", option.substr(4));
                else if (!is_image_option(option)) caption = option;
            }
            if (!caption.empty()) {
                if (!image.attribute("alt")) image.set_attribute("alt", plain_caption(caption));
                image.set_attribute("title", plain_caption(caption));
            }
            out().push_back(std::move(image));
            return end;
        }
        Node link = make_node(NodeKind::link);
        std::string href = page_url(target);
        link.set_attribute("href", href);
        link.set_attribute("wiki-target", target);
        std::string label;
        if (parts.size() > 1) {
            label = parts[1];
            for (std::size_t k = 2; k < parts.size(); ++k) label += "|" + parts[k];
            if (text::trim(label).empty()) {  // the pipe trick: [[Help:Contents|]] shows "Contents"
                label = colon == std::string::npos ? target : target.substr(colon + 1);
            }
        } else {
            label = target.starts_with('#') ? target : (leading_colon ? target : target);
        }
        // The link trail: letters straight after ]] join the link text ([[Help]]ers).
        std::size_t after = end;
        while (after < m_text.size() && std::isalpha(static_cast<unsigned char>(m_text[after]))) ++after;
        label += std::string(m_text.substr(end, after - end));
        InlineParser inner_parser(label, m_context);
        link.children = inner_parser.parse();
        out().push_back(std::move(link));
        return after;
    }

    std::string plain_caption(const std::string& caption) {
        InlineParser caption_parser(caption, m_context);
        Node holder = make_node(NodeKind::paragraph, caption_parser.parse());
        std::string text = plain_text(holder);
        while (!text.empty() && text.back() == '\n') text.pop_back();
        return text;
    }

    void external_link(std::string_view inner) {
        const auto space = inner.find_first_of(" \t");
        Node link = make_node(NodeKind::link);
        link.set_attribute("href", std::string(inner.substr(0, space)));
        if (space == std::string_view::npos || text::trim(inner.substr(space)).empty()) {
            link.children.push_back(make_text(std::to_string(++m_context.external_links)));
        } else {
            const std::string label_text = text::trim(inner.substr(space));
            InlineParser label(label_text, m_context);
            link.children = label.parse();
        }
        out().push_back(std::move(link));
    }

    std::size_t bare_url(std::size_t start) {
        std::size_t end = start;
        while (end < m_text.size()) {
            const auto c = static_cast<unsigned char>(m_text[end]);
            if (c <= ' ' || c == '<' || c == '>' || c == '[' || c == ']' || c == '"' || c < 0x07) break;
            ++end;
        }
        while (end > start && std::string_view(".,;:!?)'").find(m_text[end - 1]) != std::string_view::npos) --end;
        const std::string url(m_text.substr(start, end - start));
        Node link = make_node(NodeKind::link, {make_text(url)});
        link.set_attribute("href", url);
        out().push_back(std::move(link));
        return end;
    }

    // An HTML-like tag: formatting tags map onto the stack, line breaks onto line_break, code tags
    // take their content literally; other tags are dropped and their text kept. Returns bytes consumed.
    std::size_t tag(std::size_t at) {
        const auto close = find_within(m_text, ">", at, max_tag_length);
        if (close == std::string_view::npos) return 0;
        std::string_view body = m_text.substr(at + 1, close - at - 1);
        const bool closing = body.starts_with('/');
        if (closing) body.remove_prefix(1);
        std::size_t name_end = 0;
        while (name_end < body.size() && std::isalnum(static_cast<unsigned char>(body[name_end]))) ++name_end;
        if (name_end == 0 || !std::isalpha(static_cast<unsigned char>(body[0]))) return 0;
        const std::string name = text::to_lower_ascii(body.substr(0, name_end));
        const std::size_t consumed = close - at + 1;
        if (name == "br") {
            out().push_back(make_node(NodeKind::line_break));
        } else if (name == "b" || name == "strong") {
            if (closing) close_if_open(NodeKind::strong);
            else if (m_frames.size() < max_open_formatting) m_frames.push_back({NodeKind::strong, {}});
        } else if (name == "i" || name == "em") {
            if (closing) close_if_open(NodeKind::emphasis);
            else if (m_frames.size() < max_open_formatting) m_frames.push_back({NodeKind::emphasis, {}});
        } else if (!closing && (name == "code" || name == "tt" || name == "kbd" || name == "samp")) {
            const std::string end_tag = "</" + name + ">";
            if (m_unclosed.count(name) != 0) return consumed;
            const auto end_at = find_nocase(m_text, end_tag, close + 1);
            if (end_at == std::string_view::npos) {
                m_unclosed.insert(name);
                return consumed;
            }
            const std::size_t end = end_at - close - 1;
            Node code = make_node(NodeKind::code);
            std::string content;
            const std::string_view raw = m_text.substr(close + 1, end);
            for (std::size_t k = 0; k < raw.size();) {
                if (raw[k] == '&') {
                    if (const auto used = decode_entity(raw, k, content); used > 0) {
                        k += used;
                        continue;
                    }
                }
                if (raw[k] == '\x02') {  // nowiki inside code: its literal text
                    const auto stop = raw.find(marker_end, k);
                    if (stop != std::string_view::npos) {
                        content += span_text(raw.substr(k + 1, stop - k - 1));
                        k = stop + 1;
                        continue;
                    }
                }
                content += raw[k++];
            }
            code.text = std::move(content);
            out().push_back(std::move(code));
            return close + 1 + end + end_tag.size() - at;
        }
        return consumed;
    }

    std::string span_text(std::string_view index) {
        std::size_t number = 0;
        for (const char c : index) number = number * 10 + static_cast<std::size_t>(c - '0');
        return number < m_context.spans.size() ? m_context.spans[number].text : std::string();
    }

    std::size_t magic_word(std::size_t at) {
        std::size_t end = at + 2;
        while (end < m_text.size() && std::isupper(static_cast<unsigned char>(m_text[end]))) ++end;
        if (end == at + 2 || m_text.substr(end, 2) != "__") return 0;
        return end + 2 - at;  // __TOC__, __NOTOC__ ...: switches for the old renderer, not content
    }

    void protected_span(char marker, std::string_view index) {
        std::size_t number = 0;
        for (const char c : index) number = number * 10 + static_cast<std::size_t>(c - '0');
        if (number >= m_context.spans.size()) return;
        const ProtectedSpan& span = m_context.spans[number];
        switch (span.marker) {
            case Marker::nowiki: out().push_back(make_text(span.text)); break;
            case Marker::code_block: {
                Node code = make_node(NodeKind::code);
                code.text = span.text;
                out().push_back(std::move(code));
                break;
            }
            case Marker::raw: {
                Node raw = make_raw(NodeKind::raw_inline, "wikitext", span.reason, span.text);
                raw.attributes = span.attributes;
                out().push_back(std::move(raw));
                break;
            }
            case Marker::note: note(span); break;
            case Marker::quote: out().push_back(make_text(span.text)); break;
        }
        (void)marker;
    }

    void note(const ProtectedSpan& span) {
        const auto* name = find_attribute(span.attributes, "name");
        if (name) {
            for (const auto& [known, number] : m_context.note_names) {
                if (known == *name) {
                    out().push_back(note_link(number));
                    return;
                }
            }
        }
        const std::size_t number = m_context.notes.size() + 1;
        if (name) m_context.note_names.emplace_back(*name, number);
        const std::string& text = span.text;
        // Parsed once the reference is made; the note list is written at <references/> or at the end.
        Node item = make_node(NodeKind::list_item, parse_wikitext_inlines(text, m_context));
        item.set_attribute("id", "note-" + std::to_string(number));
        m_context.notes.push_back(std::move(item));
        out().push_back(note_link(number));
    }

    static Node note_link(std::size_t number) {
        Node link = make_node(NodeKind::link, {make_text("[" + std::to_string(number) + "]")});
        link.set_attribute("href", "#note-" + std::to_string(number));
        return link;
    }

    static const std::string* find_attribute(const NodeAttributes& attributes, std::string_view name) {
        for (const auto& [key, value] : attributes) {
            if (key == name) return &value;
        }
        return nullptr;
    }
};

}  // namespace

std::vector<Node> parse_wikitext_inlines(std::string_view text, WikitextContext& context) {
    InlineParser parser(text, context);
    return parser.parse();
}

}  // namespace baton::convert::detail
