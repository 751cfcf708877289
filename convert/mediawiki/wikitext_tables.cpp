// Wikitext tables: rows (|-), header (!) and data (|) cells, || and !! on one line, multi-line cells,
// nested tables; cell attributes before a single '|' (colspan, rowspan kept).
#include "convert/mediawiki/wikitext_tables.hpp"
#include "core/text.hpp"

#include <cctype>

namespace baton::convert::detail {

namespace {

// Splits a cell line on the separator ("||", or "!!" too for header lines) outside [[ ]] and { }.
std::vector<std::string> split_cells(std::string_view text, bool header) {
    std::vector<std::string> cells(1);
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '[' || c == '{') ++depth;
        if ((c == ']' || c == '}') && depth > 0) --depth;
        if (depth == 0 && i + 1 < text.size() &&
            ((c == '|' && text[i + 1] == '|') || (header && c == '!' && text[i + 1] == '!'))) {
            cells.emplace_back();
            ++i;
            continue;
        }
        cells.back() += c;
    }
    return cells;
}

std::string attribute_value(const std::string& attributes, const std::string& name) {
    const auto at = attributes.find(name);
    if (at == std::string::npos) return {};
    auto k = at + name.size();
    while (k < attributes.size() && (attributes[k] == ' ' || attributes[k] == '=')) ++k;
    if (k < attributes.size() && (attributes[k] == '"' || attributes[k] == '\'')) ++k;
    std::string value;
    while (k < attributes.size() && std::isdigit(static_cast<unsigned char>(attributes[k]))) value += attributes[k++];
    return value;
}

struct PendingCell {
    bool header = false;
    std::string attributes;
    std::string content;
};

class TableBuilder {
public:
    explicit TableBuilder(WikitextContext& context) : m_context(context) { m_table = make_node(NodeKind::table); }

    void add_line(const std::string& line) {
        const std::string text = text::trim(line);
        if (m_nested > 0) {
            if (text.starts_with("{|")) ++m_nested;
            if (text.starts_with("|}")) --m_nested;
            append_content(line);
            return;
        }
        if (text.starts_with("{|")) {
            ++m_nested;
            append_content(line);
            return;
        }
        if (text.starts_with("|+")) {
            std::string caption = text.substr(2);
            if (const auto bar = caption.find('|'); bar != std::string::npos && caption.find("[[") > bar) {
                caption = caption.substr(bar + 1);
            }
            m_caption = text::trim(caption);
            return;
        }
        if (text.starts_with("|-")) {
            finish_row();
            m_row_open = true;
            return;
        }
        if (text.starts_with('!') || text.starts_with('|')) {
            const bool header = text[0] == '!';
            for (const auto& cell : split_cells(std::string_view(text).substr(1), header)) start_cell(header, cell);
            return;
        }
        append_content(line);
    }

    std::vector<Node> finish() {
        finish_row();
        std::vector<Node> out;
        if (!m_caption.empty()) m_table.set_attribute("caption", m_caption);
        if (!m_table.children.empty()) out.push_back(std::move(m_table));
        return out;
    }

private:
    WikitextContext& m_context;
    Node m_table;
    Node m_row = make_node(NodeKind::table_row);
    bool m_row_open = false;
    std::vector<PendingCell> m_cells;
    int m_nested = 0;
    std::string m_caption;

    void start_cell(bool header, const std::string& text) {
        PendingCell cell;
        cell.header = header;
        // "attributes | content": a single '|' outside links separates them.
        int depth = 0;
        std::size_t bar = std::string::npos;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '[' || text[i] == '{') ++depth;
            if ((text[i] == ']' || text[i] == '}') && depth > 0) --depth;
            if (text[i] == '|' && depth == 0) {
                bar = i;
                break;
            }
        }
        if (bar != std::string::npos) {
            cell.attributes = text.substr(0, bar);
            cell.content = text.substr(bar + 1);
        } else {
            cell.content = text;
        }
        // Spaces after the bar are layout, not a preformatted line.
        const auto first = cell.content.find_first_not_of(" \t");
        cell.content.erase(0, first == std::string::npos ? cell.content.size() : first);
        m_cells.push_back(std::move(cell));
        m_row_open = true;
    }

    void append_content(const std::string& line) {
        if (m_cells.empty()) start_cell(false, "");
        m_cells.back().content += "\n" + line;
    }

    void finish_row() {
        for (auto& cell : m_cells) {
            auto blocks = parse_wikitext_blocks(cell.content, m_context);
            if (blocks.size() == 1 && blocks[0].kind == NodeKind::paragraph) {
                Node only = std::move(blocks[0]);
                blocks = std::move(only.children);
            }
            Node node = make_node(NodeKind::table_cell, std::move(blocks));
            node.header = cell.header;
            for (const char* span : {"colspan", "rowspan"}) {
                if (const auto value = attribute_value(cell.attributes, span); !value.empty()) node.set_attribute(span, value);
            }
            m_row.children.push_back(std::move(node));
        }
        m_cells.clear();
        if (!m_row.children.empty()) m_table.children.push_back(std::move(m_row));
        m_row = make_node(NodeKind::table_row);
        m_row_open = false;
    }
};

}  // namespace

std::vector<Node> parse_wikitext_table(const std::vector<std::string>& lines, WikitextContext& context) {
    TableBuilder builder(context);
    for (std::size_t i = 1; i < lines.size(); ++i) builder.add_line(lines[i]);  // lines[0] is "{| attributes"
    return builder.finish();
}

}  // namespace baton::convert::detail
