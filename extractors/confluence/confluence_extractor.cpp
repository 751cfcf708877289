// Confluence space and site exports: pass 1 collects every object in a temporary SQLite file, pass 2
// joins them into people, spaces, labels and items with their history.
#include "extractors/confluence/confluence_extractor.hpp"

#include <optional>

#include "core/interrupt.hpp"
#include "extractors/common/source_key.hpp"
#include "extractors/confluence/model_emitter.hpp"
#include "extractors/confluence/staging_store.hpp"

namespace baton::extract::confluence {

ConfluenceExtractor::ConfluenceExtractor(const std::string& path) : m_package(path) {}

model::SourceInfo ConfluenceExtractor::open() {
    m_source.kind = "confluence";
    m_source.locator = m_package.path();
    m_descriptor = m_package.read_descriptor();
    m_stream = m_package.open_entities();
    bool saw_root = false;
    while (m_stream->next()) {
        if (m_stream->node() != XmlStream::Node::element) continue;
        if (m_stream->local_name() != "hibernate-generic") {
            throw InputError(ExitCode::unrecognised_format, {m_stream->path(), m_stream->line(), 0},
                             "this does not appear to be a Confluence export: the root element of entities.xml is <" +
                                 std::string(m_stream->local_name()) + ">, not <hibernate-generic>",
                             "export the space or site from Confluence (Space tools > Export > XML)");
        }
        saw_root = true;
        break;
    }
    if (!saw_root) {
        throw InputError(ExitCode::unrecognised_format, {m_stream->path(), 0, 0},
                         "this does not appear to be a Confluence export: entities.xml has no elements");
    }
    std::string space_key;
    if (m_descriptor) {
        const auto value = [this](const char* name) {
            const auto found = m_descriptor->find(name);
            return found == m_descriptor->end() ? std::string() : found->second;
        };
        space_key = value("spaceKey");
        if (!value("buildNumber").empty()) m_source.format_version = "build " + value("buildNumber");
        if (!value("exportType").empty()) m_source.title = value("exportType") == "space" ? "space export" : "site export";
    }
    m_source.title = space_key.empty() ? "Confluence " + (m_source.title.empty() ? std::string("export") : m_source.title)
                                       : "Confluence space " + space_key;
    m_source.key = file_source_key(m_source.locator);
    return m_source;
}

void ConfluenceExtractor::extract(model::ModelSink& sink, const ProgressCallback& progress) {
    if (!m_stream) open();
    StagingStore store;
    // Pass 1: every object of the graph into the staging file. A problem part-way (a truncated file)
    // is kept and raised after everything read before it has gone out.
    std::optional<InputError> stopped;
    std::uint64_t objects = 0;
    XmlElement element;
    try {
        while (m_stream->next()) {
            if (m_stream->node() != XmlStream::Node::element || m_stream->depth() != 1) continue;
            if (m_stream->local_name() != "object") {
                if (!m_stream->is_empty_element()) m_stream->read_element(&classify_element, element);
                continue;
            }
            m_stream->read_element(&classify_element, element);
            store.add(HibernateObject(element));
            if (++objects % 256 == 0) {
                throw_if_interrupted();
                if (progress) progress(0, m_stream->bytes_consumed());
            }
        }
    } catch (const InputError& error) {
        stopped = error;
    }
    m_package.for_each_attachment_file([&store](const std::string& path) { store.add_file(path); });
    store.finish_loading();

    // Pass 2: the model, joined in the staging file.
    ModelEmitter emitter(store.db(), sink, m_package.entities_name());
    if (!m_descriptor) {
        model::Message message;
        message.severity = model::Severity::warning;
        message.code = "confluence.no-export-descriptor";
        message.text = "the export has no exportDescriptor.properties: its Confluence version and export type are "
                       "unknown; entities.xml is read all the same";
        message.position = {m_package.descriptor_name(), 0, 0};
        sink.message(std::move(message));
    }
    const std::uint64_t size = m_package.entities_size();
    emitter.emit_all([&progress, size](std::uint64_t items, std::uint64_t) {
        if (progress) progress(items, size);
    });
    for (auto& [line, warning] : m_stream->take_warnings()) {
        model::Message message;
        message.code = "xml-warning";
        message.text = std::move(warning);
        message.position = {m_stream->path(), line, 0};
        sink.message(std::move(message));
    }
    if (stopped) throw *stopped;
    if (progress) progress(emitter.items_emitted(), m_package.entities_size());
}

}  // namespace baton::extract::confluence

namespace baton::extract {
std::unique_ptr<Extractor> create_confluence_extractor(const std::string& path, const ExtractOptions& /*options*/) {
    return std::make_unique<confluence::ConfluenceExtractor>(path);
}
}  // namespace baton::extract
