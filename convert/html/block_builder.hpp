// Gathers a container's children into blocks: loose inlines into paragraphs, Word list paragraphs into lists.
#pragma once

#include <vector>

#include "convert/document.hpp"
#include "convert/html/inline_cleanup.hpp"
#include "convert/html/office_html.hpp"

namespace baton::convert::detail {

// Gathers one container's children into blocks: loose inlines are collected until a block ends them,
// consecutive Word list paragraphs are gathered into one nested list.
class BlockBuilder {
public:
    BlockBuilder(std::vector<Node>& out, bool loose_inlines) : m_out(out), m_loose_inlines(loose_inlines) {}
    BlockBuilder(const BlockBuilder&) = delete;
    BlockBuilder& operator=(const BlockBuilder&) = delete;
    ~BlockBuilder() = default;

    void add_inline(Node node) {
        if (node.kind == NodeKind::text && !m_word_items.empty() && is_blank(node.text)) return;
        flush_word_list();
        m_pending.push_back(std::move(node));
    }

    void add_block(Node node) {
        flush_word_list();
        flush_inlines();
        m_out.push_back(std::move(node));
    }

    void add_word_item(const WordListParagraph& paragraph, bool ordered, std::vector<Node> inlines) {
        flush_inlines();
        m_word_items.push_back({paragraph, ordered, std::move(inlines)});
    }

    void finish() {
        flush_word_list();
        flush_inlines();
    }

private:
    struct WordItem {
        WordListParagraph paragraph;
        bool ordered = false;
        std::vector<Node> inlines;
    };

    std::vector<Node>& m_out;
    bool m_loose_inlines;
    std::vector<Node> m_pending;
    std::vector<WordItem> m_word_items;

    static bool is_blank(std::string_view text) { return text.find_first_not_of(" \t\r\n\f") == std::string_view::npos; }

    void flush_inlines() {
        if (m_pending.empty()) return;
        std::vector<Node> inlines = std::move(m_pending);
        m_pending.clear();
        detail::normalize_inlines(inlines);
        if (!detail::has_content(inlines)) return;
        if (m_loose_inlines) {
            for (auto& node : inlines) m_out.push_back(std::move(node));
        } else {
            m_out.push_back(make_node(NodeKind::paragraph, std::move(inlines)));
        }
    }

    void flush_word_list() {
        if (m_word_items.empty()) return;
        std::vector<WordItem> items = std::move(m_word_items);
        m_word_items.clear();
        Node root = make_node(NodeKind::list);
        root.list_style = items.front().ordered ? ListStyle::ordered : ListStyle::bullet;
        for (auto& item : items) {
            // Walk down to the list at the item's level, opening lists (and empty items) on the way.
            Node* list = &root;
            for (int depth = 1; depth < item.paragraph.level; ++depth) {
                if (list->children.empty()) list->children.push_back(make_node(NodeKind::list_item));
                Node& parent = list->children.back();
                if (parent.children.empty() || parent.children.back().kind != NodeKind::list) {
                    Node nested = make_node(NodeKind::list);
                    nested.list_style = item.ordered ? ListStyle::ordered : ListStyle::bullet;
                    parent.children.push_back(std::move(nested));
                }
                list = &parent.children.back();
            }
            Node list_item = make_node(NodeKind::list_item, std::move(item.inlines));
            list->children.push_back(std::move(list_item));
        }
        m_out.push_back(std::move(root));
    }
};

}  // namespace baton::convert::detail
