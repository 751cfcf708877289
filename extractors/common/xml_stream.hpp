// A streaming XML pull reader over libxml2's SAX2 push parser that never touches the network or external entities.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "extractors/common/xml_byte_source.hpp"

typedef struct _xmlParserCtxt xmlParserCtxt;
typedef unsigned char xmlChar;

namespace baton::extract {

// One parsed element and its subtree, small enough to hold for one record (an author, an item).
struct XmlElement {
    std::string_view name;  // "<class>:<local-name>", interned by the XmlStream that read it
    std::string text;  // concatenated text and CDATA directly inside this element
    std::vector<std::pair<std::string, std::string>> attributes;
    std::vector<XmlElement> children;
    std::int64_t line = 0;

    [[nodiscard]] const XmlElement* child(std::string_view child_name) const;
    // The text of the last child of that name ("" if absent); valid as long as this element.
    [[nodiscard]] std::string_view child_text(std::string_view child_name) const;
    [[nodiscard]] std::string attribute(std::string_view attribute_name) const;
};

class XmlStream {
public:
    enum class Node { element, end_element, text, other };

    // Opens `path` (plain, gzip or bzip2) for streaming; entities are not substituted, documents that
    // declare any are refused, no DTD is loaded, no network is used.
    explicit XmlStream(const std::string& path);
    // Streams `input` (e.g. an entry of a zip archive), named `path` in messages; `size` is the
    // input's size in the units of its bytes_read(), for progress.
    XmlStream(const std::string& path, std::unique_ptr<StreamInput> input, std::uint64_t size);
    ~XmlStream();
    XmlStream(const XmlStream&) = delete;
    XmlStream& operator=(const XmlStream&) = delete;

    // Advances to the next node; false at the end of the document. Throws InputError on bad XML, once
    // every node before the fault has been delivered. The text of one element may come as several
    // text nodes in a row (a long text arrives in pieces, so it is never held whole).
    bool next();
    [[nodiscard]] Node node() const noexcept { return m_node; }
    [[nodiscard]] int depth() const noexcept { return m_current->depth; }
    // True for an element with no content whose end follows at once: no end_element node comes for it.
    [[nodiscard]] bool is_empty_element() const noexcept { return m_current->empty; }
    [[nodiscard]] std::string_view local_name() const;
    [[nodiscard]] std::string_view namespace_uri() const;
    [[nodiscard]] std::string_view value() const;  // text of a text node
    [[nodiscard]] std::string attribute(std::string_view name) const;  // of the current element; "" if absent
    // Every attribute of the current element in document order, namespace declarations left out.
    void attributes(std::vector<std::pair<std::string, std::string>>& into) const;
    [[nodiscard]] std::int64_t line() const noexcept { return m_current->line; }
    [[nodiscard]] std::uint64_t bytes_consumed() const;
    [[nodiscard]] std::uint64_t file_size() const noexcept { return m_file_size; }
    [[nodiscard]] const std::string& path() const noexcept { return m_path; }

    // Reads the element the stream is on, with its whole subtree, naming elements through `classify`.
    // Elements that `classify` names "" are skipped with their subtrees. Names stay valid as long as
    // the stream; one stream is meant to be used with one classifier.
    using Classifier = std::string (*)(std::string_view namespace_uri, std::string_view local_name);
    [[nodiscard]] XmlElement read_element(Classifier classify);
    // The same, into `into`, reusing the storage it holds from an earlier record.
    void read_element(Classifier classify, XmlElement& into);
    // Reads the text directly inside the element the stream is on, up to its end tag, handing it to
    // `consume` in pieces of at most `piece_size` bytes (child elements are skipped). The parser hands
    // text out chunk by chunk, so a text of any size (an embedded base64 file) is never gathered.
    void read_text(const std::function<void(std::string_view)>& consume, std::size_t piece_size = 65536);
    // The classified name of the element the stream is on, computed once per distinct name.
    [[nodiscard]] std::string_view element_name(Classifier classify);

    // Non-fatal parser warnings collected so far (e.g. a relative namespace URI), then cleared.
    [[nodiscard]] std::vector<std::pair<std::int64_t, std::string>> take_warnings();

    // Called by the SAX callbacks; public only for them.
    struct Event {
        Node node = Node::other;
        bool empty = false;
        int depth = 0;
        const xmlChar* local_name = nullptr;  // interned in the parser's dictionary
        const xmlChar* namespace_uri = nullptr;
        std::size_t text_offset = 0;  // text: its bytes; element: its attribute values
        std::size_t text_size = 0;
        std::size_t first_attribute = 0;
        std::size_t attribute_count = 0;
        std::int64_t line = 0;
    };
    struct Attribute {
        const xmlChar* local_name;
        std::size_t value_offset;
        std::size_t value_size;
    };
    void on_start_element(const xmlChar* local_name, const xmlChar* uri, int attribute_count,
                          const xmlChar** attributes);
    void on_end_element(const xmlChar* local_name, const xmlChar* uri);
    void on_text(const xmlChar* text, int size);
    void on_entity(const xmlChar* name, bool declared);
    void on_parser_error(int level, int code, std::int64_t line, std::int64_t column, const std::string& text);

private:
    static const std::string& checked(const std::string& path);
    void start_parser();
    [[noreturn]] void throw_parse_error();
    bool refill();
    void skip_subtree(int element_depth);
    void read_attributes(XmlElement& element);
    [[nodiscard]] std::int64_t parser_line() const;

    XmlByteSource m_input;
    std::vector<char> m_chunk;
    xmlParserCtxt* m_parser = nullptr;
    std::string m_path;
    std::uint64_t m_file_size = 0;
    bool m_input_done = false;
    // Nodes parsed from the last chunk, delivered one by one; the text arena holds their texts and
    // attribute values, and is reused chunk after chunk.
    std::vector<Event> m_events;
    std::vector<Attribute> m_attributes;
    std::string m_arena;
    std::size_t m_next_event = 0;
    int m_open_depth = 0;  // elements open in the parser
    Event m_start_event;  // what the stream is on before the first next()
    const Event* m_current = &m_start_event;
    Node m_node = Node::other;
    bool m_saw_element = false;
    int m_error_code = 0;
    std::int64_t m_error_line = 0;
    std::int64_t m_error_column = 0;
    std::string m_error_text;
    bool m_entity_declared = false;
    std::int64_t m_entity_line = 0;
    std::vector<std::pair<std::int64_t, std::string>> m_warnings;
    // libxml2 interns names in its dictionary, so the pointers identify a (namespace, name) pair.
    struct PairHash {
        std::size_t operator()(const std::pair<const void*, const void*>& key) const noexcept {
            return std::hash<const void*>()(key.first) * 31U ^ std::hash<const void*>()(key.second);
        }
    };
    std::unordered_map<std::pair<const void*, const void*>, std::string, PairHash> m_names;
};

}  // namespace baton::extract
