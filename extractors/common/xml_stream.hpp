// A streaming XML reader over libxml2's xmlTextReader that never touches the network or external entities.
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
#include "extractors/common/bzip2_input.hpp"
#include "extractors/common/diverting_input.hpp"

typedef struct _xmlTextReader xmlTextReader;

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

    // Opens `path` for streaming; entities are not substituted, documents that declare any are refused,
    // no DTD is loaded, no network is used.
    explicit XmlStream(const std::string& path);
    // The same, with the text of every <`diverted_element`> taken out before parsing and handed to
    // `diversion` (see text_diverter.hpp); such elements carry the attribute baton-diverted="N".
    XmlStream(const std::string& path, const std::string& diverted_element, TextDiversion& diversion);
    ~XmlStream();
    XmlStream(const XmlStream&) = delete;
    XmlStream& operator=(const XmlStream&) = delete;

    // Advances to the next node; false at the end of the document. Throws InputError on bad XML.
    bool next();
    [[nodiscard]] Node node() const noexcept { return m_node; }
    [[nodiscard]] int depth() const;
    [[nodiscard]] bool is_empty_element() const;
    [[nodiscard]] std::string_view local_name() const;
    [[nodiscard]] std::string_view namespace_uri() const;
    [[nodiscard]] std::string_view value() const;  // text of a text node
    [[nodiscard]] std::string attribute(const char* name) const;  // of the current element; "" if absent
    [[nodiscard]] std::int64_t line() const;
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
    // `consume` in pieces of at most `piece_size` bytes (child elements are skipped). For long text
    // such as embedded base64 files: baton never gathers it. (libxml2's reader still assembles each
    // text node in its own buffer, which its 10 MB text-node limit bounds.)
    void read_text(const std::function<void(std::string_view)>& consume, std::size_t piece_size = 65536);
    // The classified name of the element the stream is on, computed once per distinct name.
    [[nodiscard]] std::string_view element_name(Classifier classify);

    // Non-fatal parser warnings collected so far (e.g. a relative namespace URI), then cleared.
    [[nodiscard]] std::vector<std::pair<std::int64_t, std::string>> take_warnings();

    // Called by libxml2's error callback; public only for that.
    void on_parser_error(int level, int code, std::int64_t line, std::int64_t column, const std::string& text);

private:
    [[noreturn]] void throw_parse_error();
    void refuse_entity_declarations();
    void skip_subtree(int element_depth);
    void read_attributes(XmlElement& element);

    void open_reader(const std::string& diverted_element, TextDiversion* diversion);

    std::unique_ptr<Bzip2Input> m_bzip2;  // set for .bz2 files; declared before the reader that reads it
    std::unique_ptr<DivertingInput> m_diverting;  // set when text is diverted; likewise
    xmlTextReader* m_reader = nullptr;
    std::string m_path;
    std::uint64_t m_file_size = 0;
    Node m_node = Node::other;
    bool m_saw_element = false;
    int m_error_code = 0;
    std::int64_t m_error_line = 0;
    std::int64_t m_error_column = 0;
    std::string m_error_text;
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
