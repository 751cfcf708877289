// The Markdown writer: blocks rendered to text, containers (lists, quotes) prefix their children's lines.
#include "convert/markdown/markdown_writer.hpp"

#include <algorithm>
#include <cctype>

#include "convert/url_policy.hpp"

namespace baton::convert {

namespace {

// Characters with a meaning somewhere in CommonMark or GFM inline syntax.
bool needs_escape(char c) {
    switch (c) {
        case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>': case '|':
        case '#': case '&': case '~': case '!':
            return true;
        default:
            return false;
    }
}

bool alphanumeric(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string escape_text(std::string_view text, bool protect_autolinks = true) {
    std::string out;
    out.reserve(text.size());
    bool space = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {  // collapsed like HTML does
            space = true;
            continue;
        }
        if (space) out += ' ';
        space = false;
        // GFM would make links of plain text: "scheme://" and "www." at a word's start (not inside a link's
        // text). An escaped ':' or '.' stops it (e-mail addresses cannot be stopped: see docs/commands/convert.md).
        const bool url_colon = c == ':' && text.substr(i + 1, 2) == "//" && i > 0 && alphanumeric(text[i - 1]);
        const bool www_dot = c == '.' && i >= 3 && text.substr(i - 3, 3) == "www" && (i == 3 || !alphanumeric(text[i - 4]));
        if (needs_escape(c) || (protect_autolinks && (url_colon || www_dot))) out += '\\';
        out += c;
    }
    if (space) out += ' ';
    return out;
}

// CommonMark's flanking rules (spec 6.2), with ASCII punctuation; `0` stands for the start or end of the text.
bool is_space(char c) { return c == 0 || c == ' ' || c == '\n' || c == '\t'; }
bool is_punctuation(char c) { return c != 0 && std::ispunct(static_cast<unsigned char>(c)) != 0; }
bool left_flanking(char before, char first) {
    return !is_space(first) && (!is_punctuation(first) || is_space(before) || is_punctuation(before));
}
bool right_flanking(char last, char after) {
    return !is_space(last) && (!is_punctuation(last) || is_space(after) || is_punctuation(after));
}
bool can_open(char delimiter, char before, char first) {
    if (!left_flanking(before, first)) return false;
    return delimiter == '*' || !right_flanking(before, first) || is_punctuation(before);
}
bool can_close(char delimiter, char last, char after) {
    if (!right_flanking(last, after)) return false;
    return delimiter == '*' || !left_flanking(last, after) || is_punctuation(after);
}

// Emphasis (or strong) around `content`, between the characters `before` and `after` of the text around it.
// Spaces at the edges move outside; `_` is used when the content starts and ends with a `*` delimiter of
// its own (`***x***` would nest the other way round), or when only `_` can open and close there. Emphasis
// that neither can delimit (`a**"b"**c`: the closing run is not right-flanking) is left out, its text kept.
std::string emphasize(const std::string& content, bool strong, char before, char after) {
    const auto first = content.find_first_not_of(' ');
    if (first == std::string::npos) return content;
    const auto last = content.find_last_not_of(' ');
    const std::string core = content.substr(first, last - first + 1);
    const char open_before = first > 0 ? ' ' : before;
    const char close_after = last + 1 < content.size() ? ' ' : after;
    // `***x***` reads as emphasis around strong whichever was meant: with the content both starting and ending
    // with a '*' delimiter, the outer one is `_`.
    const bool starts_with_star = core.front() == '*';
    const bool ends_with_star = core.back() == '*' && !(core.size() >= 2 && core[core.size() - 2] == '\\');
    for (const char delimiter : {'*', '_'}) {
        if (delimiter == '*' && starts_with_star && ends_with_star) continue;
        if (delimiter == '_' && (core.front() == '_' || core.back() == '_')) continue;
        if (!can_open(delimiter, open_before, core.front()) || !can_close(delimiter, core.back(), close_after)) continue;
        const std::string run(strong ? 2 : 1, delimiter);
        return content.substr(0, first) + run + core + run + content.substr(last + 1);
    }
    return content;
}

// A line starting with a block marker (heading, list, quote, rule, setext underline) would not stay text.
std::string protect_line_starts(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        const auto first = line.find_first_not_of(' ');
        if (first != std::string::npos) {
            line.erase(0, first);
            const char c = line[0];
            if (c == '-' || c == '+' || c == '=' || c == '>' || c == '#') {
                line.insert(0, "\\");
            } else if (std::isdigit(static_cast<unsigned char>(c))) {
                std::size_t digits = 0;
                while (digits < line.size() && std::isdigit(static_cast<unsigned char>(line[digits]))) ++digits;
                if (digits < line.size() && (line[digits] == '.' || line[digits] == ')')) line.insert(digits, "\\");
            }
        }
        out += line;
        if (end == text.size()) break;
        out += '\n';
        start = end + 1;
    }
    return out;
}

std::string encode_url(const std::string& url) {
    std::string out;
    for (const char c : url) {
        switch (c) {
            case ' ': out += "%20"; break;
            case '(': out += "%28"; break;
            case ')': out += "%29"; break;
            case '<': out += "%3C"; break;
            case '>': out += "%3E"; break;
            default: out += c;
        }
    }
    return out;
}

std::string title_part(const Node& node) {
    const auto* title = node.attribute("title");
    if (!title || title->empty()) return {};
    std::string out = " \"";
    for (const char c : *title) {
        if (c == '"' || c == '\\' || c == '<' || c == '>') out += '\\';
        out += (c == '\n' ? ' ' : c);
    }
    return out + '"';
}

std::size_t longest_run(std::string_view text, char c) {
    std::size_t longest = 0;
    std::size_t run = 0;
    for (const char x : text) {
        run = x == c ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    return longest;
}

std::string inline_code(std::string_view code) {
    std::string content(code);
    std::replace(content.begin(), content.end(), '\n', ' ');
    const std::string fence(longest_run(content, '`') + 1, '`');
    const bool pad = !content.empty() && (content.front() == '`' || content.back() == '`' ||
                                          content.front() == ' ' || content.back() == ' ');
    return fence + (pad ? " " : "") + content + (pad ? " " : "") + fence;
}

std::string indent_lines(const std::string& text, std::string_view first_prefix, std::string_view prefix) {
    std::string out;
    std::size_t start = 0;
    bool first = true;
    while (start < text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string_view line(text.data() + start, end - start);
        if (!line.empty() || first) out += first ? first_prefix : prefix;
        else if (prefix.find_first_not_of(' ') != std::string_view::npos) out += prefix.substr(0, prefix.find_last_not_of(' ') + 1);
        out += line;
        out += '\n';
        first = false;
        start = end + 1;
    }
    if (!out.empty()) out.pop_back();
    return out;
}

class MarkdownWriter {
public:
    std::string blocks(const std::vector<Node>& nodes, bool tight = false) {
        std::string out;
        const Node* previous = nullptr;
        bool previous_alternate = false;
        for (const auto& node : nodes) {
            // Two lists of one kind in a row would merge into one: the second uses the other marker
            // ("*" for "-", ")" for "."), which CommonMark reads as a new list.
            const bool same_kind_list = previous && previous->kind == NodeKind::list && node.kind == NodeKind::list &&
                                        previous->list_style == node.list_style;
            const bool alternate = same_kind_list && !previous_alternate;
            m_alternate_marker = alternate;
            std::string text = block(node);
            m_alternate_marker = false;
            previous = &node;
            previous_alternate = alternate;
            if (text.empty()) continue;
            // Only a list starting at 1 may interrupt a paragraph: any other needs a blank line first.
            const auto* start = node.attribute("start");
            const bool needs_blank = node.kind == NodeKind::list && node.list_style == ListStyle::ordered && start &&
                                     *start != "1";
            if (!out.empty()) out += tight && !needs_blank ? "\n" : "\n\n";
            out += text;
        }
        return out;
    }

    std::string inlines(const std::vector<Node>& nodes) {
        // Emphasis is written last: its delimiters depend on the characters written on either side.
        const auto emphasis = [](const Node& node) { return node.kind == NodeKind::emphasis || node.kind == NodeKind::strong; };
        std::vector<std::string> parts(nodes.size());
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            if (!emphasis(nodes[i])) parts[i] = inline_node(nodes[i]);
        }
        std::string out;
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            if (!emphasis(nodes[i])) {
                out += parts[i];
                continue;
            }
            char after = 0;
            for (std::size_t j = i + 1; j < nodes.size(); ++j) {
                if (emphasis(nodes[j])) {
                    after = '*';  // a delimiter: punctuation
                    break;
                }
                if (!parts[j].empty()) {
                    after = parts[j].front();
                    break;
                }
            }
            out += emphasize(inlines(nodes[i].children), nodes[i].kind == NodeKind::strong,
                             out.empty() ? '\0' : out.back(), after);
        }
        return out;
    }

private:
    bool m_alternate_marker = false;
    int m_link_depth = 0;  // inside a link's text, where GFM makes no links of URLs

    std::string paragraph_text(const std::vector<Node>& nodes) {
        std::string text = inlines(nodes);
        const auto first = text.find_first_not_of(' ');
        if (first == std::string::npos) return {};
        text.erase(0, first);
        while (!text.empty() && text.back() == ' ') text.pop_back();
        return protect_line_starts(text);
    }

    // Mixed content (a list item holding text then a nested list): inline runs become paragraphs.
    std::string mixed(const std::vector<Node>& nodes, bool tight) {
        std::vector<Node> grouped;
        for (const auto& node : nodes) {
            if (is_block(node.kind)) {
                grouped.push_back(node);
            } else {
                if (grouped.empty() || grouped.back().kind != NodeKind::paragraph || !grouped.back().attributes.empty() ||
                    grouped.back().level != -1) {
                    Node paragraph = make_node(NodeKind::paragraph);
                    paragraph.level = -1;  // marks a paragraph made here from loose inlines
                    grouped.push_back(std::move(paragraph));
                }
                grouped.back().children.push_back(node);
            }
        }
        return blocks(grouped, tight);
    }

    std::string block(const Node& node) {
        switch (node.kind) {
            case NodeKind::paragraph: return paragraph_text(node.children);
            case NodeKind::heading: {
                std::string text = inlines(node.children);
                std::replace(text.begin(), text.end(), '\n', ' ');
                const auto first = text.find_first_not_of(' ');
                text = first == std::string::npos ? "" : text.substr(first);
                return std::string(static_cast<std::size_t>(std::clamp(node.level, 1, 6)), '#') + " " + text;
            }
            case NodeKind::list: return list(node);
            case NodeKind::list_item: return mixed(node.children, false);
            case NodeKind::table: return table(node);
            case NodeKind::table_row:
            case NodeKind::table_cell: return mixed(node.children, false);
            case NodeKind::code_block: {
                const auto* language = node.attribute("language");
                return fenced(node.text, language ? *language : "");
            }
            case NodeKind::quote: return indent_lines(mixed(node.children, false), "> ", "> ");
            case NodeKind::horizontal_rule: return "---";
            case NodeKind::raw_block: return fenced(node.text, "raw-" + node.raw_format);
            default: return paragraph_text({node});
        }
    }

    static std::string fenced(const std::string& code, const std::string& info) {
        const std::string fence(std::max<std::size_t>(3, longest_run(code, '`') + 1), '`');
        std::string clean_info;
        for (const char c : info) {
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '+') clean_info += c;
        }
        std::string body = code;
        if (!body.empty() && body.back() == '\n') body.pop_back();
        return fence + clean_info + "\n" + body + (body.empty() ? "" : "\n") + fence;
    }

    std::string list(const Node& node) {
        std::string out;
        long number = 1;
        if (const auto* start = node.attribute("start")) {
            try {
                number = std::stol(*start);
            } catch (const std::exception&) {
                number = 1;
            }
        }
        const bool alternate = m_alternate_marker;
        m_alternate_marker = false;  // nested lists start afresh
        bool loose = false;
        for (const auto& item : node.children) {
            // Blocks other than nested lists, counting a run of inlines as a paragraph and a definition list as
            // two (it is written as paragraphs): two or more need blank lines between them, so the list is loose.
            std::size_t blocks_in_item = 0;
            bool in_inlines = false;
            for (const auto& child : item.children) {
                const bool block_child = is_block(child.kind);
                if (!block_child && !in_inlines) ++blocks_in_item;
                in_inlines = !block_child;
                if (!block_child || child.kind == NodeKind::list) {
                    if (child.kind == NodeKind::list && child.list_style == ListStyle::definition) blocks_in_item += 2;
                    continue;
                }
                ++blocks_in_item;
            }
            if (blocks_in_item > 1) loose = true;
        }
        for (const auto& item : node.children) {
            std::string text;
            if (node.list_style == ListStyle::definition) {
                text = mixed(item.children, !loose);
                if (item.term) text = "**" + text + "**";
                else text = indent_lines(text, ": ", "  ");
            } else {
                const std::string marker = node.list_style == ListStyle::ordered
                                               ? std::to_string(number++) + (alternate ? ") " : ". ")
                                               : std::string(alternate ? "* " : "- ");
                text = indent_lines(mixed(item.children, !loose), marker, std::string(marker.size(), ' '));
                if (text.empty()) text = marker;
            }
            if (!out.empty()) out += loose || node.list_style == ListStyle::definition ? "\n\n" : "\n";
            out += text;
        }
        return out;
    }

    std::string cell_text(const Node& cell) {
        std::string text;
        for (const auto& child : cell.children) {
            std::string part = is_block(child.kind) ? block(child) : inline_node(child);
            if (!text.empty() && is_block(child.kind)) text += ' ';
            text += part;
        }
        std::string out;
        for (const char c : text) {
            // A line break ("\\" then a newline) has no form in a GFM cell, which is one line: a space.
            if (c == '\n' && !out.empty() && out.back() == '\\' &&
                (out.size() - out.find_last_not_of('\\') - 1) % 2 == 1) {
                out.back() = ' ';
            } else if (c == '\n') out += ' ';
            else if (c == '|' && (out.empty() || out.back() != '\\')) out += "\\|";
            else out += c;
        }
        const auto first = out.find_first_not_of(' ');
        return first == std::string::npos ? "" : out.substr(first, out.find_last_not_of(' ') - first + 1);
    }

    std::string table(const Node& node) {
        std::vector<std::vector<std::string>> rows;
        bool first_is_header = false;
        std::size_t columns = 0;
        for (const auto& row : node.children) {
            std::vector<std::string> cells;
            bool all_header = !row.children.empty();
            for (const auto& cell : row.children) {
                cells.push_back(cell_text(cell));
                all_header = all_header && cell.header;
            }
            if (rows.empty()) first_is_header = all_header;
            columns = std::max(columns, cells.size());
            rows.push_back(std::move(cells));
        }
        if (columns == 0) return {};
        const auto line = [&](const std::vector<std::string>& cells) {
            std::string out = "|";
            for (std::size_t i = 0; i < columns; ++i) out += " " + (i < cells.size() ? cells[i] : "") + " |";
            return out;
        };
        std::string out;
        if (const auto* caption = node.attribute("caption"); caption && !caption->empty()) {
            out = protect_line_starts(escape_text(*caption)) + "\n\n";
        }
        std::size_t next = 0;
        if (first_is_header) {
            out += line(rows[0]);
            next = 1;
        } else {
            out += line({});
        }
        out += "\n|";
        for (std::size_t i = 0; i < columns; ++i) out += " --- |";
        for (; next < rows.size(); ++next) out += "\n" + line(rows[next]);
        return out;
    }

    std::string inline_node(const Node& node) {
        switch (node.kind) {
            case NodeKind::text: return escape_text(node.text, m_link_depth == 0);
            case NodeKind::emphasis:
            case NodeKind::strong: return emphasize(inlines(node.children), node.kind == NodeKind::strong, 0, 0);
            case NodeKind::code: return inline_code(node.text);
            case NodeKind::line_break: return "\\\n";
            case NodeKind::raw_inline: return inline_code(node.text);
            case NodeKind::link: {
                const auto* href = node.attribute("href");
                const auto url = href ? safe_url(*href, UrlUse::link) : std::nullopt;
                if (!url) return inlines(node.children);  // a refused URL: the text alone
                ++m_link_depth;
                const std::string text = inlines(node.children);
                --m_link_depth;
                return "[" + text + "](" + encode_url(*url) + title_part(node) + ")";
            }
            case NodeKind::image: {
                const auto* src = node.attribute("src");
                const auto* alt = node.attribute("alt");
                const std::string alt_text = alt ? escape_text(*alt) : "";
                const auto url = src ? safe_url(*src, UrlUse::image) : std::nullopt;
                if (!url) return alt_text;
                return "![" + alt_text + "](" + encode_url(*url) + title_part(node) + ")";
            }
            default: return block(node);
        }
    }
};

}  // namespace

std::string write_markdown(const Document& document) {
    MarkdownWriter writer;
    std::string out = writer.blocks(document.blocks);
    if (!out.empty()) out += '\n';
    return out;
}

}  // namespace baton::convert
