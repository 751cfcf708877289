// A streaming XML pull reader over libxml2's SAX2 push parser that never touches the network or external entities.
#include "extractors/common/xml_stream.hpp"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "core/text.hpp"

namespace baton::extract {
namespace {

// Bytes handed to the parser at a time: the nodes of one chunk are queued, then delivered.
constexpr std::size_t chunk_size = 64U * 1024U;

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

XmlStream& stream_of(void* user_data) { return *static_cast<XmlStream*>(user_data); }

extern "C" void structured_error(void* user_data, xmlErrorPtr error) {
    if (user_data == nullptr || error == nullptr) return;
    std::string text = error->message != nullptr ? error->message : "unknown XML error";
    text = text::trim(text);
    stream_of(user_data).on_parser_error(static_cast<int>(error->level), error->code, error->line, error->int2, text);
}

extern "C" void start_element(void* user_data, const xmlChar* local_name, const xmlChar* /*prefix*/,
                              const xmlChar* uri, int /*namespace_count*/, const xmlChar** /*namespaces*/,
                              int attribute_count, int /*defaulted_count*/, const xmlChar** attributes) {
    stream_of(user_data).on_start_element(local_name, uri, attribute_count, attributes);
}

extern "C" void end_element(void* user_data, const xmlChar* local_name, const xmlChar* /*prefix*/,
                            const xmlChar* uri) {
    stream_of(user_data).on_end_element(local_name, uri);
}

extern "C" void characters(void* user_data, const xmlChar* text, int size) { stream_of(user_data).on_text(text, size); }

extern "C" void entity_declaration(void* user_data, const xmlChar* name, int /*type*/, const xmlChar* /*public_id*/,
                                   const xmlChar* /*system_id*/, xmlChar* /*content*/) {
    stream_of(user_data).on_entity(name, true);
}

// Called for a reference to an entity that is not declared where a DTD could declare it.
extern "C" void entity_reference(void* user_data, const xmlChar* name) {
    stream_of(user_data).on_entity(name, false);
}

xmlSAXHandler make_handler() {
    xmlSAXHandler handler;
    std::memset(&handler, 0, sizeof handler);
    handler.initialized = XML_SAX2_MAGIC;
    handler.startElementNs = start_element;
    handler.endElementNs = end_element;
    handler.characters = characters;
    handler.cdataBlock = characters;
    handler.ignorableWhitespace = characters;
    handler.entityDecl = entity_declaration;
    handler.reference = entity_reference;
    handler.serror = structured_error;
    return handler;
}

// Options: no entity substitution (XML_PARSE_NOENT absent), no DTD loading or validation,
// no network; NONET also covers any URI that would slip past the entity loader.
constexpr int parser_options = XML_PARSE_NONET | XML_PARSE_BIG_LINES;

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

// The path, once it names a non-empty regular file; the stream opens nothing else.
const std::string& XmlStream::checked(const std::string& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        throw InputError(ExitCode::input_unreadable, {path, 0, 0},
                         std::filesystem::exists(path, error) ? "not a regular file" : "no such file",
                         "check the path after KIND: (relative paths start from the current folder)");
    }
    if (std::filesystem::file_size(path, error) == 0) {
        throw InputError(ExitCode::truncated_input, {path, 0, 0}, "the file is empty",
                         "the export looks truncated: export it again or check the copy");
    }
    return path;
}

XmlStream::XmlStream(const std::string& path) : m_input(checked(path)), m_chunk(chunk_size), m_path(path) {
    install_global_guards();
    std::error_code error;
    m_file_size = std::filesystem::file_size(path, error);
    start_parser();
}

void XmlStream::start_parser() {
    // The first bytes tell the parser the encoding (a UTF-16 byte order mark, say).
    const std::size_t first = m_input.read(m_chunk.data(), 4);
    static xmlSAXHandler handler = make_handler();
    m_parser = xmlCreatePushParserCtxt(&handler, this, m_chunk.data(), static_cast<int>(first), m_path.c_str());
    if (m_parser == nullptr) {
        throw InputError(ExitCode::input_unreadable, {m_path, 0, 0}, "cannot start the XML parser",
                         "the machine may be out of memory");
    }
    xmlCtxtUseOptions(m_parser, parser_options);
    m_events.reserve(1024);
}

XmlStream::XmlStream(const std::string& path, std::unique_ptr<StreamInput> input, std::uint64_t size)
    : m_input(path, std::move(input)), m_chunk(chunk_size), m_path(path), m_file_size(size) {
    install_global_guards();
    start_parser();
}

XmlStream::~XmlStream() {
    if (m_parser == nullptr) return;
    // In SAX mode libxml2 still keeps a document of its own for a DOCTYPE's declarations; it is ours to free.
    if (m_parser->myDoc != nullptr) xmlFreeDoc(m_parser->myDoc);
    xmlFreeParserCtxt(m_parser);
}

std::int64_t XmlStream::parser_line() const {
    return m_parser != nullptr && m_parser->input != nullptr ? m_parser->input->line : 0;
}

void XmlStream::on_start_element(const xmlChar* local_name, const xmlChar* uri, int attribute_count,
                                 const xmlChar** attributes) {
    Event& event = m_events.emplace_back();
    event.node = Node::element;
    event.depth = m_open_depth++;
    event.local_name = local_name;
    event.namespace_uri = uri;
    event.line = parser_line();
    event.first_attribute = m_attributes.size();
    event.attribute_count = static_cast<std::size_t>(attribute_count);
    // Each attribute is five pointers: local name, prefix, URI, value start, value end.
    for (int index = 0; index < attribute_count; ++index) {
        const xmlChar* const* attribute = attributes + static_cast<std::ptrdiff_t>(index) * 5;
        const std::string_view value(reinterpret_cast<const char*>(attribute[3]),
                                     static_cast<std::size_t>(attribute[4] - attribute[3]));
        const std::size_t offset = m_arena.size();
        // Without entity substitution libxml2 leaves an ampersand in an attribute value as "&#38;" (for
        // a tree builder to decode); every other reference arrives decoded.
        for (std::size_t from = 0;;) {
            const std::size_t found = value.find("&#38;", from);
            m_arena.append(value.substr(from, found - from));
            if (found == std::string_view::npos) break;
            m_arena.push_back('&');
            from = found + 5;
        }
        m_attributes.push_back({attribute[0], offset, m_arena.size() - offset});
    }
}

void XmlStream::on_end_element(const xmlChar* local_name, const xmlChar* uri) {
    --m_open_depth;
    if (!m_events.empty()) {
        Event& last = m_events.back();
        if (last.node == Node::element && last.depth == m_open_depth) {
            last.empty = true;  // <a/> or <a></a>: one node, as a reader gives for <a/>
            return;
        }
    }
    Event& event = m_events.emplace_back();
    event.node = Node::end_element;
    event.depth = m_open_depth;
    event.local_name = local_name;
    event.namespace_uri = uri;
    event.line = parser_line();
}

void XmlStream::on_text(const xmlChar* text, int size) {
    if (size <= 0) return;
    const auto bytes = static_cast<std::size_t>(size);
    if (!m_events.empty()) {
        Event& last = m_events.back();
        // libxml2 delivers long texts in pieces; consecutive pieces make one node.
        if (last.node == Node::text && last.text_offset + last.text_size == m_arena.size()) {
            m_arena.append(reinterpret_cast<const char*>(text), bytes);
            last.text_size += bytes;
            return;
        }
    }
    Event& event = m_events.emplace_back();
    event.node = Node::text;
    event.depth = m_open_depth;
    event.line = parser_line();
    event.text_offset = m_arena.size();
    event.text_size = bytes;
    m_arena.append(reinterpret_cast<const char*>(text), bytes);
}

void XmlStream::on_entity(const xmlChar* name, bool declared) {
    // Entities are never substituted; a document that declares or uses any is refused whole
    // (exports never need them), before a single expansion could happen.
    if (!m_entity_declared) {
        m_entity_declared = true;
        m_entity_line = parser_line();
        m_error_text = declared ? "declares entities (" + std::string(view(name)) + ") in its DOCTYPE"
                                : "uses the entity &" + std::string(view(name)) + ";";
    }
    xmlStopParser(m_parser);
}

void XmlStream::on_parser_error(int level, int code, std::int64_t line, std::int64_t column, const std::string& text) {
    // Only fatal errors stop the parser; recoverable ones (e.g. a namespace URI that is not a
    // valid URI) are kept as warnings on the item they occur in.
    if (m_entity_declared) return;  // the refusal is the cause; what follows is its consequence
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
    if (m_entity_declared) {
        throw InputError(ExitCode::malformed_input, {m_path, m_entity_line, 0},
                         "the document " + m_error_text + "; baton does not expand entities, for safety",
                         "exports never need custom entities; remove the DOCTYPE's entity declarations");
    }
    const std::int64_t line = m_error_line > 0 ? m_error_line : parser_line();
    std::string problem = m_error_text.empty() ? std::string("the XML parser failed") : m_error_text;
    // A parser that failed having read the whole file, with elements still open, met a truncated file.
    const bool truncated =
        m_saw_element && (m_error_code == XML_ERR_TAG_NOT_FINISHED ||
                          (m_input_done && (m_error_code == XML_ERR_DOCUMENT_END ||
                                            m_error_code == XML_ERR_LTSLASH_REQUIRED ||
                                            m_error_code == XML_ERR_GT_REQUIRED || m_error_code == XML_ERR_NAME_REQUIRED)));
    if (truncated) {
        throw InputError(ExitCode::truncated_input, {m_path, line, m_error_column},
                         "the file ends before the document is complete (" + problem + ")",
                         "the export looks truncated: export it again or check the copy");
    }
    throw InputError(ExitCode::malformed_input, {m_path, line, m_error_column}, "not well-formed XML: " + problem,
                     "fix the file at that line or export it again");
}

bool XmlStream::refill() {
    m_events.clear();
    m_attributes.clear();
    m_arena.clear();
    m_next_event = 0;
    m_start_event.line = parser_line();
    m_current = &m_start_event;
    while (m_events.empty() && !m_input_done && m_error_code == 0 && !m_entity_declared) {
        std::size_t got = 0;
        try {
            got = m_input.read(m_chunk.data(), m_chunk.size());
        } catch (const InputError& error) {
            // Unreadable bytes (corrupt compression, a broken archive entry): where the parser stood.
            SourcePosition position = error.position();
            if (position.line == 0) position.line = std::max<std::int64_t>(parser_line(), 1);
            throw InputError(error.code(), position, error.problem(), error.hint());
        }
        if (got == 0) {
            m_input_done = true;
            xmlParseChunk(m_parser, nullptr, 0, 1);
        } else {
            xmlParseChunk(m_parser, m_chunk.data(), static_cast<int>(got), 0);
        }
    }
    return !m_events.empty();
}

bool XmlStream::next() {
    if (m_next_event == m_events.size() && !refill()) {
        // Every node read before a fault has been delivered; now the fault is reported.
        if (m_entity_declared || m_error_code != 0) throw_parse_error();
        if (m_parser->wellFormed == 0) {
            m_error_code = XML_ERR_INTERNAL_ERROR;
            throw_parse_error();
        }
        return false;
    }
    m_current = &m_events[m_next_event++];
    m_node = m_current->node;
    if (m_node == Node::element) m_saw_element = true;
    return true;
}

std::string_view XmlStream::local_name() const { return view(m_current->local_name); }

std::string_view XmlStream::namespace_uri() const { return view(m_current->namespace_uri); }

std::string_view XmlStream::value() const {
    return m_node == Node::text ? std::string_view(m_arena.data() + m_current->text_offset, m_current->text_size)
                                : std::string_view();
}

std::string XmlStream::attribute(std::string_view name) const {
    if (m_node != Node::element) return {};
    for (std::size_t index = 0; index < m_current->attribute_count; ++index) {
        const Attribute& attribute = m_attributes[m_current->first_attribute + index];
        if (view(attribute.local_name) == name) return m_arena.substr(attribute.value_offset, attribute.value_size);
    }
    return {};
}

std::uint64_t XmlStream::bytes_consumed() const { return m_input.file_bytes_read(); }

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
    const std::pair<const void*, const void*> key{m_current->namespace_uri, m_current->local_name};
    if (const auto found = m_names.find(key); found != m_names.end()) return found->second;
    return m_names.emplace(key, classify(namespace_uri(), local_name())).first->second;
}

XmlElement XmlStream::read_element(Classifier classify) {
    XmlElement root;
    read_element(classify, root);
    return root;
}

void XmlStream::read_attributes(XmlElement& element) { attributes(element.attributes); }

void XmlStream::attributes(std::vector<std::pair<std::string, std::string>>& into) const {
    into.clear();
    if (m_node != Node::element) return;
    for (std::size_t index = 0; index < m_current->attribute_count; ++index) {
        const Attribute& attribute = m_attributes[m_current->first_attribute + index];
        into.emplace_back(std::string(view(attribute.local_name)),
                          m_arena.substr(attribute.value_offset, attribute.value_size));
    }
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
