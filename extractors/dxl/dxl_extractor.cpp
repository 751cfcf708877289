// Lotus Notes / Domino DXL database exports: documents with their items and files, forms and views as containers.
#include "extractors/dxl/dxl_extractor.hpp"

#include "core/interrupt.hpp"
#include "core/text.hpp"
#include "extractors/common/source_key.hpp"
#include "extractors/dxl/dxl_values.hpp"

namespace baton::extract::dxl {
namespace fs = std::filesystem;
namespace {

using Node = XmlStream::Node;
constexpr std::string_view dxl_namespace = "http://www.lotus.com/dxl";
constexpr std::size_t max_group_names = 100000;  // ACLs are small; a bound keeps memory flat on any input

model::Message warning(std::string code, std::string text, SourcePosition position, std::string item_key = {}) {
    model::Message message;
    message.severity = model::Severity::warning;
    message.code = std::move(code);
    message.text = std::move(text);
    message.position = std::move(position);
    message.item_key = std::move(item_key);
    return message;
}

}  // namespace

DxlExtractor::DxlExtractor(const std::string& path, const ExtractOptions& options)
    : m_stream(path), m_files_base(options.files_dir) {}

model::SourceInfo DxlExtractor::open() {
    m_source.kind = "dxl";
    m_source.locator = m_stream.path();
    bool saw_root = false;
    while (m_stream.next()) {
        if (m_stream.node() != Node::element) continue;
        const std::string_view name = m_stream.local_name();
        if (name != "database" || (m_stream.namespace_uri() != dxl_namespace && !m_stream.namespace_uri().empty())) {
            throw InputError(ExitCode::unrecognised_format, {m_stream.path(), m_stream.line(), 0},
                             "this does not appear to be a Domino DXL database export: the root element is <" +
                                 std::string(name) + ">, not <database xmlns='http://www.lotus.com/dxl'>",
                             "export the whole database with Domino Designer (Tools > DXL Utilities > Exporter) or "
                             "NotesDXLExporter");
        }
        saw_root = true;
        m_source.format_version = m_stream.attribute("version");
        m_source.title = m_stream.attribute("title");
        const std::string replica = m_stream.attribute("replicaid");
        const std::string nsf = m_stream.attribute("path");
        if (m_source.title.empty()) m_source.title = nsf;
        m_source.key = replica.empty() ? file_source_key(m_stream.path()) : "dxl:replica:" + replica;
        if (nsf.size() > 0) m_source.site_url = nsf;
        const std::string folder = replica.empty() ? fs::path(m_stream.path()).stem().string() : replica;
        m_subfolder = fs::path("dxl") / safe_file_name(folder);
        m_database_key = "database:" + folder;
        break;
    }
    if (!saw_root) {
        throw InputError(ExitCode::unrecognised_format, {m_stream.path(), 0, 0},
                         "this does not appear to be a Domino DXL database export: it has no <database> element");
    }
    if (m_source.title.empty()) m_source.title = fs::path(m_stream.path()).stem().string();
    return m_source;
}

void DxlExtractor::skip_element() {
    if (m_stream.is_empty_element()) return;
    const int depth = m_stream.depth();
    while (m_stream.next()) {
        if (m_stream.node() == Node::end_element && m_stream.depth() == depth) return;
    }
}

void DxlExtractor::flush_warnings(model::ModelSink& sink) {
    for (auto& [line, text] : m_stream.take_warnings()) {
        sink.message(warning("xml-warning", std::move(text), {m_stream.path(), line, 0}));
    }
}

void DxlExtractor::extract(model::ModelSink& sink, const ProgressCallback& progress) {
    if (m_source.kind.empty()) open();
    // A Notes database is one team's application: it is the space its documents, forms and views belong to.
    model::Container database;
    database.key = m_database_key;
    database.kind = "space";
    database.name = m_source.title;
    database.slug = text::slugify(m_source.title);
    if (!m_source.site_url.empty()) database.attributes.emplace_back("path", m_source.site_url);
    sink.container(std::move(database));
    while (m_stream.next()) {
        if (m_stream.node() != Node::element || m_stream.depth() != 1) continue;
        const std::string name(m_stream.local_name());
        if (name == "databaseinfo") {
            read_database_info(sink);
        } else if (name == "acl") {
            read_acl(sink);
        } else if (name == "form" || name == "subform" || name == "view" || name == "folder") {
            read_design_element(name, sink);
        } else if (name == "document") {
            DocumentReader reader(m_stream, m_files_base, m_subfolder);
            emit_document(reader.read(++m_documents), sink);
            if (m_documents % 16 == 0) {
                throw_if_interrupted();
                if (progress) progress(static_cast<std::uint64_t>(m_documents), m_stream.bytes_consumed());
            }
        } else {
            skip_element();  // agents, script libraries, design notes: not content
        }
        flush_warnings(sink);
    }
    flush_warnings(sink);
    if (m_declared_documents && *m_declared_documents != m_documents) {
        sink.message(warning("dxl.document-count",
                             "the database header declares " + text::counted(*m_declared_documents, "document") +
                                 " (numberofdocuments) but the export holds " + std::to_string(m_documents),
                             {m_stream.path(), m_declared_line, 0}));
    }
    if (progress) progress(static_cast<std::uint64_t>(m_documents), m_stream.file_size());
}

void DxlExtractor::read_database_info(model::ModelSink& sink) {
    m_declared_line = m_stream.line();
    const std::string declared = m_stream.attribute("numberofdocuments");
    if (!declared.empty()) {
        try {
            m_declared_documents = std::stoll(declared);
        } catch (const std::exception&) {
            sink.message(warning("dxl.bad-header", "numberofdocuments=\"" + declared + "\" is not a number",
                                 {m_stream.path(), m_declared_line, 0}));
        }
    }
    skip_element();
}

void DxlExtractor::read_acl(model::ModelSink& sink) {
    if (m_stream.is_empty_element()) return;
    const int depth = m_stream.depth();
    while (m_stream.next()) {
        if (m_stream.node() == Node::end_element && m_stream.depth() == depth) return;
        if (m_stream.node() != Node::element || m_stream.local_name() != "aclentry") continue;
        const std::string name = text::trim(m_stream.attribute("name"));
        const std::string type = m_stream.attribute("type");
        if (name.empty()) continue;
        if (type == "person") {
            // People on the ACL are declared: a manager of the database is an owner candidate.
            model::Person person;
            person.key = "login:" + name;
            person.login = name;
            person.display_name = common_name(name);
            person.attributes.emplace_back("acl_level", m_stream.attribute("level"));
            for (const char* right : {"deletedocs", "createdocs"}) {
                if (const std::string value = m_stream.attribute(right); !value.empty()) person.attributes.emplace_back(right, value);
            }
            m_emitted.first_sight(person.key);
            sink.person(std::move(person));
        } else if (!type.empty() && m_group_names.size() < max_group_names) {
            m_group_names.insert(name);
        }
    }
}

void DxlExtractor::read_design_element(const std::string& kind, model::ModelSink& sink) {
    model::Container container;
    container.kind = kind;
    container.name = text::trim(m_stream.attribute("name"));
    if (container.name.empty()) container.name = "(untitled)";
    container.key = kind + ":" + container.name;
    container.slug = text::slugify(container.name);
    container.parent_key = m_database_key;
    if (const std::string alias = m_stream.attribute("alias"); !alias.empty()) container.attributes.emplace_back("alias", alias);
    if (!m_stream.is_empty_element()) {
        const int depth = m_stream.depth();
        while (m_stream.next()) {
            if (m_stream.node() == Node::end_element && m_stream.depth() == depth) break;
            if (m_stream.node() != Node::element) continue;
            const std::string_view name = m_stream.local_name();
            if (name == "noteinfo") {
                container.attributes.emplace_back("unid", m_stream.attribute("unid"));
            } else if (name == "field") {
                const std::string type = m_stream.attribute("type");
                container.attributes.emplace_back("field", m_stream.attribute("name") + (type.empty() ? "" : " (" + type + ")"));
            } else if (name == "columnheader") {
                container.attributes.emplace_back("column", m_stream.attribute("title"));
            }
        }
    }
    if (kind == "form" || kind == "subform") m_emitted.first_sight(container.key);
    sink.container(std::move(container));
}

std::string DxlExtractor::person(const std::string& notes_name, model::ModelSink& sink) {
    const std::string name = text::trim(notes_name);
    if (name.empty()) return {};
    const std::string key = "login:" + name;
    if (m_emitted.first_sight(key)) {
        model::Person person;
        person.key = key;
        person.login = name;
        person.display_name = common_name(name);
        person.declared = false;
        sink.person(std::move(person));
    }
    return key;
}

std::string DxlExtractor::form_container(const std::string& form, model::ModelSink& sink) {
    if (form.empty()) return {};
    const std::string key = "form:" + form;
    if (m_emitted.first_sight(key)) sink.container({key, "form", form, text::slugify(form), m_database_key, {}, {}, false});
    return key;
}

void DxlExtractor::emit_document(DxlDocument document, model::ModelSink& sink) {
    for (auto& message : document.messages) sink.message(std::move(message));
    model::Item item;
    item.key = document.unid.empty() ? "doc:#" + std::to_string(m_documents) : "doc:" + document.unid;
    if (document.unid.empty()) {
        sink.message(warning("dxl.document-without-unid",
                             "the document has no <noteinfo unid=...>; it is kept as " + item.key,
                             {m_stream.path(), document.line, 0}, item.key));
    }
    item.kind = "document";
    item.status = "current";
    item.source_line = document.line;
    item.title = !document.subject.empty() ? document.subject : !document.first_text.empty() ? document.first_text
                                                                                               : document.form + " document";
    item.slug = text::slugify(item.title);
    item.created_at = document.created;
    item.modified_at = document.modified.empty() ? document.created : document.modified;

    // Authors: From (mail and discussion forms) first, else the first editor $UpdatedBy remembers.
    const std::string creator = !document.from.empty() ? document.from.front()
                                                       : !document.updated_by.empty() ? document.updated_by.front() : "";
    item.author_key = person(creator, sink);
    for (const auto& name : document.updated_by) {
        item.attributes.emplace_back("updated_by", name);
        (void)person(name, sink);
    }
    for (const auto& name : document.from) (void)person(name, sink);
    for (const auto& name : document.name_values) {
        if (!m_group_names.contains(text::trim(name))) (void)person(name, sink);
    }

    item.revisions.push_back({"created", item.author_key, item.created_at, 0, {}, {}});
    for (const auto& time : document.revision_times) item.revisions.push_back({"saved:" + time, {}, time, 0, {}, {}});
    if (!document.modified.empty() && document.modified != document.created) {
        const std::string last = document.updated_by.empty() ? creator : document.updated_by.back();
        item.revisions.push_back({"modified", person(last, sink), document.modified, 0, {}, {}});
    }

    item.container_keys.push_back(m_database_key);
    if (const std::string form = form_container(document.form, sink); !form.empty()) item.container_keys.push_back(form);
    item.attributes.emplace_back("form", document.form);
    item.attributes.emplace_back("unid", document.unid);
    item.attributes.emplace_back("noteid", document.noteid);
    item.attributes.emplace_back("sequence", document.sequence);
    for (auto& value : document.values) item.attributes.push_back(std::move(value));

    // The body is the item Notes calls Body, else the first rich text; other rich texts stay attributes.
    std::size_t body = document.rich_texts.size();
    for (std::size_t i = 0; i < document.rich_texts.size(); ++i) {
        if (text::to_lower_ascii(document.rich_texts[i].first) == "body") body = i;
    }
    if (body == document.rich_texts.size() && !document.rich_texts.empty()) body = 0;
    for (std::size_t i = 0; i < document.rich_texts.size(); ++i) {
        if (i == body) continue;
        item.attributes.emplace_back("richtext:" + document.rich_texts[i].first, std::move(document.rich_texts[i].second));
    }
    item.body.format = "dxl-richtext";
    if (body < document.rich_texts.size()) {
        item.attributes.emplace_back("body_item", document.rich_texts[body].first);
        item.body.text = std::move(document.rich_texts[body].second);
    }
    if (!item.revisions.empty()) item.revisions.back().size = static_cast<std::int64_t>(item.body.text.size());
    const std::string document_key = item.key;
    sink.item(std::move(item));
    for (auto& file : document.files) {
        file.parent_key = document_key;
        sink.item(std::move(file));
    }
}

}  // namespace baton::extract::dxl

namespace baton::extract {
std::unique_ptr<Extractor> create_dxl_extractor(const std::string& path, const ExtractOptions& options) {
    return std::make_unique<dxl::DxlExtractor>(path, options);
}
}  // namespace baton::extract
