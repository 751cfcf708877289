// Confluence storage format: ac:/ri: elements handled as an extension of the HTML reader.
#include "convert/confluence/confluence_reader.hpp"

#include <string>

#include "convert/html/html_extension.hpp"
#include "convert/url_policy.hpp"

namespace baton::convert {

namespace {

std::string_view name_of(const xmlNode* node) {
    return node->name ? std::string_view(reinterpret_cast<const char*>(node->name)) : std::string_view();
}

std::string attribute_of(const xmlNode* node, const char* name) {
    xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
    if (!value) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

std::string text_content(const xmlNode* node) {
    xmlChar* value = xmlNodeGetContent(node);
    if (!value) return {};
    std::string out(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return out;
}

const xmlNode* child_named(const xmlNode* node, std::string_view name) {
    for (const xmlNode* child = node->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && name_of(child) == name) return child;
    }
    return nullptr;
}

std::string parameter(const xmlNode* macro, std::string_view wanted) {
    for (const xmlNode* child = macro->children; child; child = child->next) {
        if (child->type == XML_ELEMENT_NODE && name_of(child) == "parameter" &&
            attribute_of(child, "ac:name") == wanted) {
            return text_content(child);
        }
    }
    return {};
}

std::string escape_html(std::string_view text) {
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            default: out += c;
        }
    }
    return out;
}

// CDATA sections (code bodies, plain-text link bodies) as escaped text: the HTML parser does not know CDATA.
std::string cdata_as_text(std::string_view storage) {
    std::string out;
    std::size_t i = 0;
    while (true) {
        const auto start = storage.find("<![CDATA[", i);
        if (start == std::string_view::npos) break;
        const auto end = storage.find("]]>", start + 9);
        out.append(storage.substr(i, start - i));
        const auto stop = end == std::string_view::npos ? storage.size() : end;
        out += escape_html(storage.substr(start + 9, stop - start - 9));
        i = end == std::string_view::npos ? storage.size() : end + 3;
    }
    out.append(storage.substr(i));
    return out;
}

// A page title as Confluence writes it in a URL (display/SPACE/Title+With+Spaces).
std::string title_url(const std::string& space, const std::string& title) {
    std::string out = space.empty() ? "" : space + "/";
    for (const char c : title) out += c == ' ' ? '+' : c;
    return out;
}

// libxml2's HTML parser drops the prefix of element names (ac:link is "link", ri:page is "page") and keeps
// the prefixed attribute names (ac:name, ri:filename), so elements are matched by their local names.
class ConfluenceElements : public detail::HtmlExtension {
public:
    bool block_element(const xmlNode* element, detail::HtmlWalker& walker, std::vector<Node>& out) override {
        const auto name = name_of(element);
        if (name == "structured-macro" || name == "macro") {
            macro(element, walker, out);
            return true;
        }
        if (name == "task-list") {
            Node list = make_node(NodeKind::list);
            for (const xmlNode* task = element->children; task; task = task->next) {
                if (task->type != XML_ELEMENT_NODE || name_of(task) != "task") continue;
                const xmlNode* body = child_named(task, "task-body");
                const xmlNode* status = child_named(task, "task-status");
                std::vector<Node> inlines;
                inlines.push_back(make_text(status && text_content(status) == "complete" ? "[x] " : "[ ] "));
                if (body) {
                    for (auto& node : walker.inlines_of(body)) inlines.push_back(std::move(node));
                }
                list.children.push_back(make_node(NodeKind::list_item, std::move(inlines)));
            }
            out.push_back(std::move(list));
            return true;
        }
        return inline_element(element, walker, out);
    }

    bool inline_element(const xmlNode* element, detail::HtmlWalker& walker, std::vector<Node>& out) override {
        const auto name = name_of(element);
        if (name == "link") {
            link(element, walker, out);
            return true;
        }
        if (name == "image") {
            image(element, out);
            return true;
        }
        if (name == "emoticon") {
            out.push_back(make_text(":" + attribute_of(element, "ac:name") + ":"));
            return true;
        }
        if (name == "structured-macro" || name == "macro") {
            const std::string macro_name = attribute_of(element, "ac:name");
            out.push_back(make_raw(NodeKind::raw_inline, "confluence-storage", "macro " + macro_name, text_content(element)));
            return true;
        }
        // Parameters belong to their macro, placeholders are editor hints; other ac: elements (such as
        // inline-comment-marker) fall to the HTML rules, which keep their content.
        return name == "placeholder" || name == "parameter" || name == "task-id" || name == "task-status";
    }

private:
    void macro(const xmlNode* element, detail::HtmlWalker& walker, std::vector<Node>& out) {
        const std::string macro_name = attribute_of(element, "ac:name");
        const xmlNode* rich = child_named(element, "rich-text-body");
        const xmlNode* plain = child_named(element, "plain-text-body");
        if (macro_name == "code" || macro_name == "noformat") {
            Node code = make_node(NodeKind::code_block);
            code.text = plain ? text_content(plain) : (rich ? text_content(rich) : "");
            if (const auto language = parameter(element, "language"); !language.empty()) {
                code.set_attribute("language", language);
            }
            out.push_back(std::move(code));
        } else if (macro_name == "info" || macro_name == "note" || macro_name == "warning" || macro_name == "tip" ||
                   macro_name == "panel") {
            std::vector<Node> blocks;
            if (const auto title = parameter(element, "title"); !title.empty()) {
                blocks.push_back(make_node(NodeKind::paragraph, {make_node(NodeKind::strong, {make_text(title)})}));
            }
            if (rich) {
                for (auto& block : walker.blocks_of(rich, false)) blocks.push_back(std::move(block));
            }
            Node quote = make_node(NodeKind::quote, std::move(blocks));
            quote.set_attribute("panel", macro_name);
            out.push_back(std::move(quote));
        } else if (macro_name == "excerpt" || macro_name == "section" || macro_name == "column" ||
                   macro_name == "expand" || macro_name == "div") {
            if (rich) {
                for (auto& block : walker.blocks_of(rich, false)) out.push_back(std::move(block));
            }
        } else if (macro_name == "toc" || macro_name == "children" || macro_name == "anchor") {
            // generated by the old wiki from the page itself: nothing to keep
        } else {
            out.push_back(make_raw(NodeKind::raw_block, "confluence-storage", "macro " + macro_name, text_content(element)));
        }
    }

    static void link(const xmlNode* element, detail::HtmlWalker& walker, std::vector<Node>& out) {
        Node node = make_node(NodeKind::link);
        std::string fallback;
        if (const xmlNode* page = child_named(element, "page")) {
            const std::string space = attribute_of(page, "ri:space-key");
            const std::string title = attribute_of(page, "ri:content-title");
            node.set_attribute("href", title_url(space, title));
            node.set_attribute("wiki-target", space.empty() ? title : space + ":" + title);
            fallback = title;
        } else if (const xmlNode* attachment = child_named(element, "attachment")) {
            fallback = attribute_of(attachment, "ri:filename");
            node.set_attribute("href", fallback);
            node.set_attribute("wiki-target", "attachment:" + fallback);
        } else if (const xmlNode* url = child_named(element, "url")) {
            fallback = attribute_of(url, "ri:value");
            if (!safe_url(fallback, UrlUse::link)) {  // the URL is not even shown as text
                out.push_back(make_raw(NodeKind::raw_inline, "confluence-storage", "unsafe URL dropped", ""));
                return;
            }
            node.set_attribute("href", fallback);
        } else if (const xmlNode* user = child_named(element, "user")) {
            std::string who = attribute_of(user, "ri:username");
            if (who.empty()) who = attribute_of(user, "ri:userkey");
            out.push_back(make_raw(NodeKind::raw_inline, "confluence-storage", "user mention", "@" + who));
            return;
        }
        if (const xmlNode* body = child_named(element, "link-body")) {
            node.children = walker.inlines_of(body);
        } else if (const xmlNode* plain = child_named(element, "plain-text-link-body")) {
            node.children.push_back(make_text(text_content(plain)));
        }
        if (node.children.empty()) node.children.push_back(make_text(fallback));
        out.push_back(std::move(node));
    }

    static void image(const xmlNode* element, std::vector<Node>& out) {
        Node node = make_node(NodeKind::image);
        if (const xmlNode* attachment = child_named(element, "attachment")) {
            const std::string file = attribute_of(attachment, "ri:filename");
            node.set_attribute("src", file);
            node.set_attribute("wiki-target", "attachment:" + file);
        } else if (const xmlNode* url = child_named(element, "url")) {
            node.set_attribute("src", attribute_of(url, "ri:value"));
        }
        for (const char* attribute : {"ac:alt", "ac:title"}) {
            if (const auto value = attribute_of(element, attribute); !value.empty()) {
                node.set_attribute(std::string(attribute).substr(3), value);
            }
        }
        out.push_back(std::move(node));
    }
};

}  // namespace

Document read_confluence(std::string_view storage) {
    ConfluenceElements elements;
    return detail::read_html_with(cdata_as_text(storage), &elements);
}

}  // namespace baton::convert
