// The DokuWiki block parser: headings, rules, lists, tables, code, preformatted lines, quotes, paragraphs.
#include "convert/dokuwiki/dokuwiki_reader.hpp"

#include <cctype>
#include <optional>

#include "convert/dokuwiki/dokuwiki_inlines.hpp"
#include "convert/text_scan.hpp"

namespace baton::convert {

namespace {

using detail::DokuWikiContext;
using detail::parse_dokuwiki_inlines;

std::string trim(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    return std::string(text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1));
}

std::vector<std::string> split_lines(std::string_view text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text.size()) {
        auto end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string line(text.substr(start, end - start));
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(std::move(line));
        start = end + 1;
    }
    return lines;
}

std::size_t indent_of(const std::string& line) {
    std::size_t spaces = 0;
    for (const char c : line) {
        if (c == ' ') ++spaces;
        else if (c == '\t') spaces += 2;
        else break;
    }
    return spaces;
}

// "  * item" or "    - item": the depth (1 for two spaces) and whether it is numbered; nullopt otherwise.
bool list_line(const std::string& line, std::size_t& depth, bool& ordered, std::string& content) {
    const std::size_t indent = indent_of(line);
    const auto first = line.find_first_not_of(" \t");
    if (indent < 2 || first == std::string::npos || first + 1 >= line.size()) return false;
    if ((line[first] != '*' && line[first] != '-') || line[first + 1] != ' ') return false;
    depth = std::min(indent / 2, detail::max_list_depth);
    ordered = line[first] == '-';
    content = line.substr(first + 2);
    return true;
}

class DokuBlockParser {
public:
    DokuBlockParser(DokuWikiContext& context, std::vector<Node>& out, int depth)
        : m_context(context), m_out(out), m_depth(depth) {}

    void parse(std::string_view text) {
        const auto lines = split_lines(text);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const std::string& line = lines[i];
            const std::string trimmed = trim(line);
            if (trimmed.empty()) {
                flush();
                continue;
            }
            std::size_t depth = 0;
            bool ordered = false;
            std::string content;
            if (list_line(line, depth, ordered, content)) {
                flush_paragraph();
                add_list_item(depth, ordered, content);
                continue;
            }
            flush_list();
            if (const auto code = block_tag(trimmed)) {
                flush();
                i = code_block(lines, i, *code);
                continue;
            }
            if (heading(trimmed)) continue;
            if (trimmed.size() >= 4 && trimmed.find_first_not_of('-') == std::string::npos) {
                flush();
                m_out.push_back(make_node(NodeKind::horizontal_rule));
                continue;
            }
            if (trimmed[0] == '^' || trimmed[0] == '|') {
                flush();
                std::vector<std::string> rows;
                while (i < lines.size() && !trim(lines[i]).empty() && (trim(lines[i])[0] == '^' || trim(lines[i])[0] == '|')) {
                    rows.push_back(trim(lines[i]));
                    ++i;
                }
                --i;
                m_out.push_back(table(rows));
                continue;
            }
            if (line[0] == '>') {
                flush();
                std::string inner;
                while (i < lines.size() && !lines[i].empty() && lines[i][0] == '>') {
                    inner += lines[i].substr(1) + "\\\\ \n";  // each quoted line is its own line
                    ++i;
                }
                --i;
                if (m_depth + 1 >= detail::max_block_depth) {
                    m_out.push_back(make_raw(NodeKind::raw_block, "dokuwiki", "nested too deeply", inner));
                    continue;
                }
                std::vector<Node> blocks;
                DokuBlockParser inner_parser(m_context, blocks, m_depth + 1);
                inner_parser.parse(inner);
                m_out.push_back(make_node(NodeKind::quote, std::move(blocks)));
                continue;
            }
            if (indent_of(line) >= 2) {  // preformatted
                flush();
                std::string code;
                while (i < lines.size() && indent_of(lines[i]) >= 2 && !trim(lines[i]).empty()) {
                    std::size_t d = 0;
                    bool o = false;
                    std::string c;
                    if (list_line(lines[i], d, o, c)) break;
                    code += lines[i].substr(2) + "\n";
                    ++i;
                }
                --i;
                Node block = make_node(NodeKind::code_block);
                block.text = code;
                m_out.push_back(std::move(block));
                continue;
            }
            m_paragraph += (m_paragraph.empty() ? "" : "\n") + line;
        }
        flush();
    }

private:
    DokuWikiContext& m_context;
    std::vector<Node>& m_out;
    int m_depth;
    std::string m_paragraph;
    Node m_list;
    std::vector<bool> m_list_kinds;  // ordered per open depth

    void flush() {
        flush_paragraph();
        flush_list();
    }

    void flush_paragraph() {
        if (m_paragraph.empty()) return;
        auto inlines = parse_dokuwiki_inlines(m_paragraph, m_context);
        m_paragraph.clear();
        if (!inlines.empty()) m_out.push_back(make_node(NodeKind::paragraph, std::move(inlines)));
    }

    void flush_list() {
        if (m_list_kinds.empty()) return;
        m_out.push_back(std::move(m_list));
        m_list = Node{};
        m_list_kinds.clear();
    }

    Node& list_at(std::size_t depth) {
        Node* list = &m_list;
        for (std::size_t k = 1; k < depth; ++k) list = &list->children.back().children.back();
        return *list;
    }

    void add_list_item(std::size_t depth, bool ordered, const std::string& content) {
        if (m_list_kinds.empty() || (depth == 1 && m_list_kinds[0] != ordered)) {
            flush_list();
            m_list = make_node(NodeKind::list);
            m_list.list_style = ordered ? ListStyle::ordered : ListStyle::bullet;
            m_list_kinds.push_back(ordered);
        }
        if (depth < m_list_kinds.size()) m_list_kinds.resize(depth);
        while (m_list_kinds.size() < depth) {
            Node& parent = list_at(m_list_kinds.size());
            if (parent.children.empty()) parent.children.push_back(make_node(NodeKind::list_item));
            Node nested = make_node(NodeKind::list);
            nested.list_style = ordered ? ListStyle::ordered : ListStyle::bullet;
            parent.children.back().children.push_back(std::move(nested));
            m_list_kinds.push_back(ordered);
        }
        list_at(depth).children.push_back(make_node(NodeKind::list_item, parse_dokuwiki_inlines(content, m_context)));
    }

    bool heading(const std::string& line) {
        if (!line.starts_with("==") || !line.ends_with("==")) return false;
        std::size_t open = 0;
        while (open < line.size() && line[open] == '=') ++open;
        if (open == line.size() || open > 6) return false;
        std::size_t close = 0;
        while (close < line.size() && line[line.size() - 1 - close] == '=') ++close;
        flush();
        Node node = make_node(NodeKind::heading,
                              parse_dokuwiki_inlines(line.substr(open, line.size() - open - close), m_context));
        node.level = static_cast<int>(7 - open);
        m_out.push_back(std::move(node));
        return true;
    }

    struct BlockTag {
        std::string name;  // code, file, html, php
        std::string language;
    };

    static std::optional<BlockTag> block_tag(const std::string& line) {
        for (const char* name : {"code", "file", "html", "php", "HTML", "PHP"}) {
            const std::string open = std::string("<") + name;
            if (!line.starts_with(open) || line.size() <= open.size() ||
                (line[open.size()] != '>' && line[open.size()] != ' ')) {
                continue;
            }
            BlockTag tag;
            tag.name = name;
            for (auto& c : tag.name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            const auto close = line.find('>');
            if (close != std::string::npos) {
                const std::string attributes = trim(line.substr(open.size(), close - open.size()));
                const std::string first = attributes.substr(0, attributes.find(' '));
                if (first != "-" && (tag.name == "code" || tag.name == "file")) tag.language = first;
            }
            return tag;
        }
        return std::nullopt;
    }

    std::size_t code_block(const std::vector<std::string>& lines, std::size_t first, const BlockTag& tag) {
        const std::string closing = "</" + tag.name + ">";
        std::string text;
        std::string current = lines[first].substr(lines[first].find('>') + 1);
        std::size_t i = first;
        while (true) {
            std::string lowered = current;
            for (auto& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (const auto end = lowered.find(closing); end != std::string::npos) {
                text += current.substr(0, end);
                break;
            }
            text += current + "\n";
            if (++i >= lines.size()) break;
            current = lines[i];
        }
        if (text.starts_with('\n')) text.erase(0, 1);
        if (tag.name == "html" || tag.name == "php") {
            m_out.push_back(make_raw(NodeKind::raw_block, tag.name, "embedded " + tag.name, text));
        } else {
            Node block = make_node(NodeKind::code_block);
            block.text = text;
            if (!tag.language.empty()) block.set_attribute("language", tag.language);
            m_out.push_back(std::move(block));
        }
        return std::min(i, lines.size() - 1);
    }

    Node table(const std::vector<std::string>& rows) {
        Node table_node = make_node(NodeKind::table);
        for (const auto& row : rows) {
            Node row_node = make_node(NodeKind::table_row);
            std::size_t i = 0;
            while (i < row.size()) {
                const bool header = row[i] == '^';
                std::size_t end = i + 1;
                while (end < row.size() && row[end] != '^' && row[end] != '|') {
                    if (row.compare(end, 2, "[[") == 0 || row.compare(end, 2, "{{") == 0) {
                        const auto close = row.find(row[end] == '[' ? "]]" : "}}", end);
                        if (close != std::string::npos) {
                            end = close + 2;
                            continue;
                        }
                    }
                    if (row.compare(end, 2, "%%") == 0) {
                        const auto close = row.find("%%", end + 2);
                        if (close != std::string::npos) {
                            end = close + 2;
                            continue;
                        }
                    }
                    ++end;
                }
                if (end >= row.size()) break;  // the closing separator
                const std::string content = trim(std::string_view(row).substr(i + 1, end - i - 1));
                if (content.empty() && !row_node.children.empty() && end - i == 1) {
                    // "||": the previous cell spans one more column
                    Node& previous = row_node.children.back();
                    const auto* span = previous.attribute("colspan");
                    previous.set_attribute("colspan", std::to_string(span ? std::stoi(*span) + 1 : 2));
                } else {
                    Node cell = make_node(NodeKind::table_cell,
                                          content == ":::" ? std::vector<Node>{} : parse_dokuwiki_inlines(content, m_context));
                    cell.header = header;
                    row_node.children.push_back(std::move(cell));
                }
                i = end;
            }
            if (!row_node.children.empty()) table_node.children.push_back(std::move(row_node));
        }
        return table_node;
    }
};

}  // namespace

Document read_dokuwiki(std::string_view text) {
    DokuWikiContext context;
    Document document;
    DokuBlockParser parser(context, document.blocks, 0);
    parser.parse(text);
    if (!context.footnotes.empty()) {
        Node list = make_node(NodeKind::list);
        list.list_style = ListStyle::ordered;
        for (std::size_t k = 0; k < context.footnotes.size(); ++k) {
            context.footnotes[k].set_attribute("id", "note-" + std::to_string(k + 1));
            list.children.push_back(std::move(context.footnotes[k]));
        }
        document.blocks.push_back(std::move(list));
    }
    return document;
}

}  // namespace baton::convert
