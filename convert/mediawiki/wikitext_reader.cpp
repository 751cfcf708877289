// The wikitext block parser: headings, rules, lists, tables, preformatted lines, paragraphs.
#include "convert/mediawiki/wikitext_reader.hpp"

#include <algorithm>
#include <cctype>
#include <optional>

#include "convert/mediawiki/wikitext_context.hpp"
#include "convert/mediawiki/wikitext_tables.hpp"
#include "convert/text_scan.hpp"
#include "core/text.hpp"

namespace baton::convert {

namespace detail {

namespace {

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = text.find('\n', start);
        if (end == std::string_view::npos) {
            lines.emplace_back(text.substr(start));
            break;
        }
        lines.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

bool is_list_char(char c) { return c == '*' || c == '#' || c == ';' || c == ':'; }

// A line that is just one protected span of `kind` (a code block, quote or template): its index.
std::optional<std::size_t> sole_marker(const std::string& line, const WikitextContext& context, Marker kind) {
    const std::string text = text::trim(line);
    if (text.size() < 3 || text.front() != static_cast<char>(kind) || text.back() != marker_end) return std::nullopt;
    std::size_t number = 0;
    for (std::size_t k = 1; k + 1 < text.size(); ++k) {
        if (!std::isdigit(static_cast<unsigned char>(text[k]))) return std::nullopt;
        number = number * 10 + static_cast<std::size_t>(text[k] - '0');
    }
    if (number >= context.spans.size()) return std::nullopt;
    return number;
}

// Nested lists from the prefix characters of consecutive list lines (*, #, ; and :).
class ListBuilder {
public:
    ListBuilder(WikitextContext& context, std::vector<Node>& out) : m_context(context), m_out(out) {}

    bool open() const { return !m_types.empty(); }

    void add(const std::string& prefix, const std::string& content) {
        std::size_t common = 0;
        while (common < m_types.size() && common < prefix.size() && m_types[common] == type(prefix[common])) ++common;
        if (common == 0) finish();  // a different kind of list starts
        m_types.resize(common);
        for (std::size_t depth = common; depth < prefix.size(); ++depth) {
            Node list = make_node(NodeKind::list);
            const char t = type(prefix[depth]);
            list.list_style = t == '#' ? ListStyle::ordered : t == '*' ? ListStyle::bullet : ListStyle::definition;
            if (depth == 0) {
                m_root = std::move(list);
            } else {
                Node& parent = list_at(depth - 1);
                if (parent.children.empty()) parent.children.push_back(empty_item(parent));
                parent.children.back().children.push_back(std::move(list));
            }
            m_types.push_back(t);
        }
        Node& list = list_at(prefix.size() - 1);
        const char last = prefix.back();
        if (last == ';') {
            // ";term : definition" on one line
            const auto colon = find_definition_colon(content);
            Node term = item(content.substr(0, colon), list);
            term.term = true;
            list.children.push_back(std::move(term));
            if (colon != std::string::npos) list.children.push_back(item(content.substr(colon + 1), list));
        } else {
            list.children.push_back(item(content, list));
        }
    }

    void finish() {
        if (!m_types.empty()) m_out.push_back(std::move(m_root));
        m_types.clear();
        m_root = Node{};
    }

private:
    WikitextContext& m_context;
    std::vector<Node>& m_out;
    std::vector<char> m_types;  // '*', '#' or 'd' (definition) per depth
    Node m_root;

    static char type(char c) { return (c == ';' || c == ':') ? 'd' : c; }

    Node& list_at(std::size_t depth) {
        Node* list = &m_root;
        for (std::size_t k = 0; k < depth; ++k) list = &list->children.back().children.back();
        return *list;
    }

    static Node empty_item(const Node& list) {
        Node item = make_node(NodeKind::list_item);
        item.list_style = list.list_style;
        return item;
    }

    Node item(const std::string& content, const Node& list) {
        Node node = make_node(NodeKind::list_item, parse_wikitext_inlines(content, m_context));
        node.list_style = list.list_style;
        return node;
    }

    static std::size_t find_definition_colon(const std::string& content) {
        int depth = 0;
        for (std::size_t i = 0; i < content.size(); ++i) {
            if (content[i] == '[') ++depth;
            if (content[i] == ']' && depth > 0) --depth;
            if (content[i] == ':' && depth == 0 && i > 0) {
                // skip URL schemes (http://)
                if (i + 2 < content.size() && content[i + 1] == '/' && content[i + 2] == '/') continue;
                return i;
            }
        }
        return std::string::npos;
    }
};

bool starts_with_nocase(std::string_view text, std::string_view lower_prefix) {
    if (text.size() < lower_prefix.size()) return false;
    for (std::size_t i = 0; i < lower_prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[i])) != lower_prefix[i]) return false;
    }
    return true;
}

// An HTML list tag at text[at]: "ol", "ul" or "li" (with '/' first for an end tag), else "".
std::string list_tag_at(std::string_view text, std::size_t at, std::size_t& end) {
    const std::string_view rest = text.substr(at);
    for (const char* name : {"<ol", "<ul", "<li", "</ol", "</ul", "</li"}) {
        const std::string_view prefix(name);
        if (!starts_with_nocase(rest, prefix)) continue;
        if (rest.size() > prefix.size() && std::isalnum(static_cast<unsigned char>(rest[prefix.size()]))) continue;
        const auto close = find_within(text, ">", at, max_tag_length);
        if (close == std::string_view::npos) return {};
        end = close + 1;
        return std::string(prefix.substr(1));
    }
    return {};
}

// A list nested in `parent` goes into its last item (an empty one when a list opens straight in a list).
void attach(Node& parent, Node list) {
    if (parent.children.empty()) parent.children.push_back(make_node(NodeKind::list_item));
    parent.children.back().children.push_back(std::move(list));
}

// HTML lists written into wikitext (<ol start=9><li>...</li></ol>): items' text is wikitext. Text outside
// any item (MediaWiki allows "#abc" lines inside <ol>) is read as wikitext blocks.
std::vector<Node> html_list(std::string_view text, WikitextContext& context) {
    struct Open {
        Node list;
        std::string pending;  // text of the current item, not yet parsed
        bool in_item = false;
    };
    std::vector<Open> stack;
    std::vector<Node> out;
    std::string outside;
    const auto flush_item = [&](Open& open) {
        if (!open.in_item) {
            outside += open.pending;
        } else if (!open.list.children.empty()) {
            for (auto& node : parse_wikitext_inlines(open.pending, context)) {
                auto& item = open.list.children.back();
                // text after a nested list stays after it
                item.children.push_back(std::move(node));
            }
        }
        open.pending.clear();
    };
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = 0;
        const std::string tag = text[i] == '<' ? list_tag_at(text, i, end) : "";
        if (tag.empty()) {
            if (stack.empty()) outside += text[i];
            else stack.back().pending += text[i];
            ++i;
            continue;
        }
        const std::string_view attributes = text.substr(i, end - i);
        i = end;
        if ((tag == "ol" || tag == "ul") && stack.size() < max_list_depth) {
            if (!stack.empty()) flush_item(stack.back());
            Open open;
            open.list = make_node(NodeKind::list);
            open.list.list_style = tag == "ol" ? ListStyle::ordered : ListStyle::bullet;
            if (const auto at = attributes.find("start="); at != std::string_view::npos) {
                std::string digits;
                for (std::size_t k = at + 6; k < attributes.size() && digits.size() < 6; ++k) {
                    if (std::isdigit(static_cast<unsigned char>(attributes[k]))) digits += attributes[k];
                    else if (!digits.empty()) break;
                }
                if (!digits.empty()) open.list.set_attribute("start", digits);
            }
            stack.push_back(std::move(open));
        } else if ((tag == "/ol" || tag == "/ul") && !stack.empty()) {
            flush_item(stack.back());
            Node list = std::move(stack.back().list);
            stack.pop_back();
            if (list.children.empty()) {
                for (auto& block : parse_wikitext_blocks(outside, context)) out.push_back(std::move(block));
                outside.clear();
            } else if (stack.empty()) {
                out.push_back(std::move(list));
            } else {
                attach(stack.back().list, std::move(list));
            }
        } else if (tag == "li" && !stack.empty()) {
            flush_item(stack.back());
            stack.back().list.children.push_back(make_node(NodeKind::list_item));
            stack.back().in_item = true;
        } else if (tag == "/li" && !stack.empty()) {
            flush_item(stack.back());
            stack.back().in_item = false;
        }
    }
    while (!stack.empty()) {  // unclosed lists end with the text
        flush_item(stack.back());
        Node list = std::move(stack.back().list);
        stack.pop_back();
        if (stack.empty()) out.push_back(std::move(list));
        else attach(stack.back().list, std::move(list));
    }
    if (!text::trim(outside).empty()) {
        for (auto& block : parse_wikitext_blocks(outside, context)) out.push_back(std::move(block));
    }
    return out;
}

class BlockParser {
public:
    BlockParser(WikitextContext& context, std::vector<Node>& out) : m_context(context), m_out(out), m_lists(context, out) {}

    void parse(std::string_view text) {
        auto lines = split_lines(text);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            std::string line = lines[i];
            if (!line.empty() && line.back() == '\r') line.pop_back();
            const std::string trimmed = text::trim(line);
            if (trimmed.empty()) {
                flush_all();
                continue;
            }
            if (trimmed.starts_with("{|")) {
                flush_all();
                std::vector<std::string> table_lines;
                std::string rest;
                i = collect_table(lines, i, table_lines, rest);
                for (auto& block : parse_wikitext_table(table_lines, m_context)) m_out.push_back(std::move(block));
                if (!text::trim(rest).empty()) lines.insert(lines.begin() + static_cast<long>(i) + 1, rest);
                continue;
            }
            if (starts_with_nocase(trimmed, "<ol") || starts_with_nocase(trimmed, "<ul")) {
                flush_all();
                i = html_list_lines(lines, i);
                continue;
            }
            if (heading(line)) continue;
            if (line.starts_with("----")) {
                flush_all();
                m_out.push_back(make_node(NodeKind::horizontal_rule));
                std::size_t dashes = 0;
                while (dashes < line.size() && line[dashes] == '-') ++dashes;
                if (!text::trim(line.substr(dashes)).empty()) m_paragraph.push_back(line.substr(dashes));
                continue;
            }
            if (is_list_char(line[0])) {
                flush_paragraph();
                flush_preformatted();
                std::size_t length = 0;
                while (length < line.size() && length < max_list_depth && is_list_char(line[length])) ++length;
                m_lists.add(line.substr(0, length), line.substr(length));
                continue;
            }
            if (trimmed.size() == 1 && trimmed[0] == references_marker) {
                flush_all();
                write_notes();
                continue;
            }
            if (special_block(line)) continue;
            if (line[0] == ' ' || line[0] == '\t') {
                flush_paragraph();
                flush_lists();
                m_preformatted.push_back(line.substr(1));
                continue;
            }
            if (is_html_break(trimmed)) {
                flush_all();
                continue;
            }
            flush_lists();
            flush_preformatted();
            m_paragraph.push_back(line);
        }
        flush_all();
    }

    void write_notes() {
        if (m_context.notes_written >= m_context.notes.size()) return;
        Node list = make_node(NodeKind::list);
        list.list_style = ListStyle::ordered;
        if (m_context.notes_written > 0) list.set_attribute("start", std::to_string(m_context.notes_written + 1));
        for (std::size_t k = m_context.notes_written; k < m_context.notes.size(); ++k) {
            list.children.push_back(m_context.notes[k]);
        }
        m_context.notes_written = m_context.notes.size();
        m_out.push_back(std::move(list));
    }

private:
    WikitextContext& m_context;
    std::vector<Node>& m_out;
    ListBuilder m_lists;
    std::vector<std::string> m_paragraph;
    std::vector<std::string> m_preformatted;

    void flush_all() {
        flush_paragraph();
        flush_lists();
        flush_preformatted();
    }

    void flush_lists() { m_lists.finish(); }

    void flush_paragraph() {
        if (m_paragraph.empty()) return;
        std::string text;
        for (const auto& line : m_paragraph) text += (text.empty() ? "" : "\n") + line;
        m_paragraph.clear();
        auto inlines = parse_wikitext_inlines(text, m_context);
        if (inlines.empty()) return;
        m_out.push_back(make_node(NodeKind::paragraph, std::move(inlines)));
    }

    // Lines starting with a space: shown as typed (code spans), markup still applies, as MediaWiki does.
    void flush_preformatted() {
        if (m_preformatted.empty()) return;
        Node paragraph = make_node(NodeKind::paragraph);
        for (const auto& line : m_preformatted) {
            if (!paragraph.children.empty()) paragraph.children.push_back(make_node(NodeKind::line_break));
            std::string kept;
            for (const char c : line) kept += c == ' ' ? std::string("\xC2\xA0") : std::string(1, c);
            auto inlines = parse_wikitext_inlines(kept, m_context);
            for (auto& node : inlines) paragraph.children.push_back(to_code(std::move(node)));
        }
        m_preformatted.clear();
        m_out.push_back(std::move(paragraph));
    }

    static Node to_code(Node node) {
        if (node.kind == NodeKind::text) {
            Node code = make_node(NodeKind::code);
            code.text = std::move(node.text);
            return code;
        }
        for (auto& child : node.children) child = to_code(std::move(child));
        return node;
    }

    bool heading(const std::string& line) {
        const std::string text = text::trim(line);
        if (!line.starts_with('=') || !text.ends_with('=')) return false;
        std::size_t open = 0;
        while (open < text.size() && text[open] == '=') ++open;
        std::size_t close = 0;
        while (close < text.size() - open && text[text.size() - 1 - close] == '=') ++close;
        const std::size_t level = std::min(open, close);
        if (level < 1 || level > 6 || open == text.size()) return false;
        if (open != close && std::max(open, close) > 6) return false;
        const std::string content = text.substr(level, text.size() - 2 * level);
        flush_all();
        Node heading = make_node(NodeKind::heading, parse_wikitext_inlines(content, m_context));
        heading.level = static_cast<int>(level);
        m_out.push_back(std::move(heading));
        return true;
    }

    bool special_block(const std::string& line) {
        if (const auto code = sole_marker(line, m_context, Marker::code_block)) {
            flush_all();
            Node block = make_node(NodeKind::code_block);
            block.text = m_context.spans[*code].text;
            block.attributes = m_context.spans[*code].attributes;
            m_out.push_back(std::move(block));
            return true;
        }
        if (const auto quote = sole_marker(line, m_context, Marker::quote)) {
            flush_all();
            const std::string inner = m_context.spans[*quote].text;
            m_out.push_back(make_node(NodeKind::quote, parse_wikitext_blocks(inner, m_context)));
            return true;
        }
        if (const auto raw = sole_marker(line, m_context, Marker::raw)) {
            flush_all();
            const auto& span = m_context.spans[*raw];
            Node block = make_raw(NodeKind::raw_block, "wikitext", span.reason, span.text);
            block.attributes = span.attributes;
            m_out.push_back(std::move(block));
            return true;
        }
        return false;
    }

    static bool is_html_break(const std::string& line) {
        for (const char* tag : {"<p>", "</p>", "<div", "</div>", "<center>", "</center>"}) {
            if (line.starts_with(tag) && line.find('>') == line.size() - 1) return true;
        }
        return false;
    }

    // From a line opening <ol> or <ul> to the line that closes it (or the end); returns that line's index.
    std::size_t html_list_lines(const std::vector<std::string>& lines, std::size_t first) {
        int depth = 0;
        std::string text;
        std::size_t i = first;
        for (; i < lines.size(); ++i) {
            text += lines[i] + "\n";
            for (std::size_t k = 0; k < lines[i].size(); ++k) {
                std::size_t end = 0;
                if (lines[i][k] != '<') continue;
                const std::string tag = list_tag_at(lines[i], k, end);
                if (tag == "ol" || tag == "ul") ++depth;
                if (tag == "/ol" || tag == "/ul") --depth;
            }
            if (depth <= 0) break;
        }
        for (auto& block : html_list(text, m_context)) m_out.push_back(std::move(block));
        return std::min(i, lines.size() - 1);
    }

    static std::size_t collect_table(const std::vector<std::string>& lines, std::size_t first,
                                     std::vector<std::string>& table_lines, std::string& rest) {
        int depth = 0;
        for (std::size_t i = first; i < lines.size(); ++i) {
            const std::string trimmed = text::trim(lines[i]);
            if (trimmed.starts_with("{|")) ++depth;
            if (trimmed.starts_with("|}")) {
                --depth;
                if (depth == 0) {
                    rest = trimmed.substr(2);
                    return i;
                }
            }
            table_lines.push_back(lines[i]);
        }
        return lines.size() - 1;
    }
};

}  // namespace

std::vector<Node> parse_wikitext_blocks(std::string_view text, WikitextContext& context) {
    std::vector<Node> out;
    if (context.block_depth >= max_block_depth) {
        std::string kept;
        for (const char c : text) {
            if (static_cast<unsigned char>(c) >= 0x20 || c == '\n' || c == '\t') kept += c;
        }
        out.push_back(make_raw(NodeKind::raw_block, "wikitext", "nested too deeply", std::move(kept)));
        return out;
    }
    ++context.block_depth;
    BlockParser parser(context, out);
    parser.parse(text);
    --context.block_depth;
    return out;
}

}  // namespace detail

Document read_wikitext(std::string_view text) {
    detail::WikitextContext context;
    const std::string protected_text = detail::protect_wikitext(text, context);
    Document document;
    detail::BlockParser parser(context, document.blocks);
    parser.parse(protected_text);
    parser.write_notes();  // notes without a <references/>
    return document;
}

}  // namespace baton::convert
