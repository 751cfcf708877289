// A streaming XML reader over libxml2's xmlTextReader that never touches the network or external entities.
#include "extractors/common/xml_stream.hpp"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>

#include <filesystem>
#include <mutex>

#include "core/text.hpp"

namespace baton::extract {
namespace {

std::string_view view(const xmlChar* text) {
    return text == nullptr ? std::string_view() : std::string_view(reinterpret_cast<const char*>(text));
}

// External entities and DTDs are never fetched, whatever a document asks for.
xmlParserInputPtr refuse_external_entity(const char* /*url*/, const char* /*id*/, xmlParserCtxtPtr /*context*/) {
    return nullptr;
}

void install_global_guards() {
    static std::once_flag once;
    std::call_once(once, [] {
        xmlInitParser();
        xmlSetExternalEntityLoader(refuse_external_entity);
    });
}

extern "C" void structured_error(void* user_data, xmlErrorPtr error) {
    if (user_data == nullptr || error == nullptr) return;
    std::string text = error->message != nullptr ? error->message : "unknown XML error";
    text = text::trim(text);
    static_cast<XmlStream*>(user_data)->on_parser_error(static_cast<int>(error->level), error->code, error->line,
                                                        error->int2, text);
}

// Options: no entity substitution (XML_PARSE_NOENT absent), no DTD loading or validation,
// no network; NONET also covers any URI that would slip past the entity loader.
constexpr int reader_options = XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES;

}  // namespace

const XmlElement* XmlElement::child(std::string_view child_name) const {
    const XmlElement* found = nullptr;
    for (const auto& element : children) {
        if (element.name == child_name) found = &element;
    }
    return found;
}

std::string_view XmlElement::child_text(std::string_view child_name) const {
    const XmlElement* found = child(child_name);
    return found == nullptr ? std::string_view() : std::string_view(found->text);
}

std::string XmlElement::attribute(std::string_view attribute_name) const {
    for (const auto& [attribute_key, value] : attributes) {
        if (attribute_key == attribute_name) return value;
    }
    return {};
}

XmlStream::XmlStream(const std::string& path) : m_path(path) { open_reader({}, nullptr); }

XmlStream::XmlStream(const std::string& path, const std::string& diverted_element, TextDiversion& diversion)
    : m_path(path) {
    open_reader(diverted_element, &diversion);
}

void XmlStream::open_reader(const std::string& diverted_element, TextDiversion* diversion) {
    const std::string& path = m_path;
    install_global_guards();
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        throw InputError(ExitCode::input_unreadable, {path, 0, 0},
                         std::filesystem::exists(path, error) ? "not a regular file" : "no such file",
                         "check the path after KIND: (relative paths start from the current folder)");
    }
    m_file_size = std::filesystem::file_size(path, error);
    if (m_file_size == 0) {
        throw InputError(ExitCode::truncated_input, {path, 0, 0}, "the file is empty",
                         "the export looks truncated: export it again or check the copy");
    }
    if (diversion != nullptr) {
        m_diverting = std::make_unique<DivertingInput>(path, diverted_element, *diversion);
        m_reader = xmlReaderForIO(
            [](void* context, char* buffer, int size) { return static_cast<DivertingInput*>(context)->read(buffer, size); },
            nullptr, m_diverting.get(), path.c_str(), nullptr, reader_options);
    } else if (path.ends_with(".bz2")) {
        // libxml2 reads gzip by itself; bzip2 comes through I/O callbacks.
        m_bzip2 = std::make_unique<Bzip2Input>(path);
        m_reader = xmlReaderForIO(
            [](void* context, char* buffer, int size) { return static_cast<Bzip2Input*>(context)->read(buffer, size); },
            nullptr, m_bzip2.get(), path.c_str(), nullptr, reader_options);
    } else {
        m_reader = xmlReaderForFile(path.c_str(), nullptr, reader_options);
    }
    if (m_reader == nullptr) {
        throw InputError(ExitCode::input_unreadable, {path, 0, 0}, "cannot open the file",
                         "check that the file is readable by this user");
    }
    xmlTextReaderSetStructuredErrorHandler(m_reader, structured_error, this);
}

XmlStream::~XmlStream() {
    if (m_reader != nullptr) xmlFreeTextReader(m_reader);
}

void XmlStream::on_parser_error(int level, int code, std::int64_t line, std::int64_t column, const std::string& text) {
    // Only fatal errors stop the parser; recoverable ones (e.g. a namespace URI that is not a
    // valid URI) are kept as warnings on the item they occur in.
    if (level != XML_ERR_FATAL) {
        m_warnings.emplace_back(line, text);
        return;
    }
    if (m_error_code == 0) {  // the first error is the cause; later ones are consequences
        m_error_code = code;
        m_error_line = line;
        m_error_column = column;
        m_error_text = text;
    }
}

std::vector<std::pair<std::int64_t, std::string>> XmlStream::take_warnings() {
    auto warnings = std::move(m_warnings);
    m_warnings.clear();
    return warnings;
}

void XmlStream::throw_parse_error() {
    const std::int64_t line = m_error_line > 0 ? m_error_line : this->line();
    if (m_bzip2 && !m_bzip2->error().empty()) {
        throw InputError(ExitCode::malformed_input, {m_path, line, 0}, m_bzip2->error(),
                         "check the download or compress the dump again");
    }
    if (m_diverting && !m_diverting->error().empty()) {
        throw InputError(ExitCode::malformed_input, {m_path, line, 0}, m_diverting->error(),
                         "check the download or compress the dump again");
    }
    std::string problem = m_error_text.empty() ? std::string("the XML parser failed") : m_error_text;
    // A parser that failed having read the whole file, with elements still open, met a truncated file.
    const bool at_end = bytes_consumed() + 4096 >= m_file_size;
    const bool truncated =
        m_saw_element && (m_error_code == XML_ERR_TAG_NOT_FINISHED ||
                          (at_end && (m_error_code == XML_ERR_DOCUMENT_END || m_error_code == XML_ERR_LTSLASH_REQUIRED ||
                                      m_error_code == XML_ERR_GT_REQUIRED || m_error_code == XML_ERR_NAME_REQUIRED)));
    if (truncated) {
        throw InputError(ExitCode::truncated_input, {m_path, line, m_error_column},
                         "the file ends before the document is complete (" + problem + ")",
                         "the export looks truncated: export it again or check the copy");
    }
    throw InputError(ExitCode::malformed_input, {m_path, line, m_error_column}, "not well-formed XML: " + problem,
                     "fix the file at that line or export it again");
}

bool XmlStream::next() {
    const int status = xmlTextReaderRead(m_reader);
    if (status < 0 || m_error_code != 0) throw_parse_error();
    if (status == 0) return false;
    switch (xmlTextReaderNodeType(m_reader)) {
        case XML_READER_TYPE_ELEMENT:
            m_node = Node::element;
            m_saw_element = true;
            break;
        case XML_READER_TYPE_DOCUMENT_TYPE: refuse_entity_declarations(); break;
        case XML_READER_TYPE_END_ELEMENT: m_node = Node::end_element; break;
        case XML_READER_TYPE_TEXT:
        case XML_READER_TYPE_CDATA:
        case XML_READER_TYPE_WHITESPACE:
        case XML_READER_TYPE_SIGNIFICANT_WHITESPACE: m_node = Node::text; break;
        case XML_READER_TYPE_ENTITY_REFERENCE:
            throw InputError(ExitCode::malformed_input, {m_path, line(), 0},
                             "the document uses the entity &" + std::string(local_name()) +
                                 "; entities are not expanded, for safety",
                             "exports never need custom entities; remove the DOCTYPE's entity declarations");
        default: m_node = Node::other; break;
    }
    return true;
}

void XmlStream::refuse_entity_declarations() {
    // Entities are never substituted in text, but libxml2 expands them in attribute values; a
    // document that declares any is refused whole (exports never need them).
    m_node = Node::other;
    const auto* dtd = reinterpret_cast<const xmlDtd*>(xmlTextReaderCurrentNode(m_reader));
    if (dtd != nullptr && (dtd->entities != nullptr || dtd->pentities != nullptr)) {
        throw InputError(ExitCode::malformed_input, {m_path, line(), 0},
                         "the document declares entities in its DOCTYPE (which ends near here); baton does not "
                         "expand entities, for safety",
                         "exports never need custom entities; remove the DOCTYPE's entity declarations");
    }
}

int XmlStream::depth() const { return xmlTextReaderDepth(m_reader); }

bool XmlStream::is_empty_element() const { return xmlTextReaderIsEmptyElement(m_reader) == 1; }

std::string_view XmlStream::local_name() const { return view(xmlTextReaderConstLocalName(m_reader)); }

std::string_view XmlStream::namespace_uri() const { return view(xmlTextReaderConstNamespaceUri(m_reader)); }

std::string_view XmlStream::value() const { return view(xmlTextReaderConstValue(m_reader)); }

std::string XmlStream::attribute(const char* name) const {
    xmlChar* value = xmlTextReaderGetAttribute(m_reader, reinterpret_cast<const xmlChar*>(name));
    if (value == nullptr) return {};
    std::string text(reinterpret_cast<const char*>(value));
    xmlFree(value);
    return text;
}

std::int64_t XmlStream::line() const {
    // The node's own line: the parser's line runs ahead of the reader by its buffer.
    const xmlNodePtr node = xmlTextReaderCurrentNode(m_reader);
    const long node_line = node != nullptr ? xmlGetLineNo(node) : -1;
    return node_line > 0 ? node_line : xmlTextReaderGetParserLineNumber(m_reader);
}

std::uint64_t XmlStream::bytes_consumed() const {
    if (m_bzip2) return m_bzip2->compressed_bytes_read();  // comparable with file_size()
    if (m_diverting) return m_diverting->file_bytes_read();
    const long consumed = xmlTextReaderByteConsumed(m_reader);
    return consumed < 0 ? 0 : static_cast<std::uint64_t>(consumed);
}

void XmlStream::skip_subtree(int element_depth) {
    while (next()) {
        if (m_node == Node::end_element && depth() == element_depth) return;
    }
}

void XmlStream::read_text(const std::function<void(std::string_view)>& consume, std::size_t piece_size) {
    if (is_empty_element()) return;
    const int element_depth = depth();
    const std::string name(local_name());
    while (next()) {
        if (m_node == Node::text && depth() == element_depth + 1) {
            for (std::string_view text = value(); !text.empty();) {
                const std::string_view piece = text.substr(0, piece_size);
                consume(piece);
                text.remove_prefix(piece.size());
            }
        } else if (m_node == Node::end_element && depth() == element_depth) {
            return;
        }
    }
    throw InputError(ExitCode::truncated_input, {m_path, line(), 0}, "the file ends inside <" + name + ">");
}

std::string_view XmlStream::element_name(Classifier classify) {
    const std::pair<const void*, const void*> key{xmlTextReaderConstNamespaceUri(m_reader),
                                                  xmlTextReaderConstLocalName(m_reader)};
    if (const auto found = m_names.find(key); found != m_names.end()) return found->second;
    return m_names.emplace(key, classify(namespace_uri(), local_name())).first->second;
}

XmlElement XmlStream::read_element(Classifier classify) {
    XmlElement root;
    read_element(classify, root);
    return root;
}

void XmlStream::read_attributes(XmlElement& element) {
    element.attributes.clear();
    if (xmlTextReaderHasAttributes(m_reader) != 1) return;  // most elements have none
    while (xmlTextReaderMoveToNextAttribute(m_reader) == 1) {
        if (namespace_uri() == "http://www.w3.org/2000/xmlns/") continue;
        element.attributes.emplace_back(std::string(local_name()), std::string(value()));
    }
    xmlTextReaderMoveToElement(m_reader);
}

void XmlStream::read_element(Classifier classify, XmlElement& root) {
    // Elements of the previous record are reused in place: their strings and child lists keep
    // their capacity, so a stream of similar records allocates next to nothing.
    struct Open {
        XmlElement* element;
        std::size_t used;  // children filled so far
    };
    const int root_depth = depth();
    const auto start = [this, root_depth](XmlElement& element, std::string_view name) {
        element.name = name;
        // Lines are kept for the record and its direct children (comments), which messages name.
        element.line = depth() <= root_depth + 1 ? line() : 0;
        element.text.clear();
        read_attributes(element);
    };
    start(root, element_name(classify));
    if (is_empty_element()) {
        root.children.clear();
        return;
    }
    std::vector<Open> open{{&root, 0}};
    while (next()) {
        if (m_node == Node::text) {
            open.back().element->text.append(value());
        } else if (m_node == Node::element) {
            const std::string_view name = element_name(classify);
            if (name.empty()) {
                if (!is_empty_element()) skip_subtree(depth());
                continue;
            }
            Open& parent = open.back();
            auto& siblings = parent.element->children;
            XmlElement& element = parent.used < siblings.size() ? siblings[parent.used] : siblings.emplace_back();
            ++parent.used;
            start(element, name);
            if (is_empty_element()) {
                element.children.clear();
            } else {
                open.push_back({&element, 0});
            }
        } else if (m_node == Node::end_element) {
            open.back().element->children.resize(open.back().used);
            if (depth() == root_depth) return;
            open.pop_back();
        }
    }
    throw InputError(ExitCode::truncated_input, {m_path, line(), 0},
                     "the file ends inside <" + std::string(root.name) + ">");
}


}  // namespace baton::extract
