// A stable, human-readable text dump of the model: one object per block, strings JSON-quoted.
#include "model/model_dump.hpp"

#include "core/text.hpp"

namespace baton::model {
namespace {

void field(std::ostream& out, const char* name, const std::string& value) {
    if (!value.empty()) out << "  " << name << ": " << text::json_string(value) << '\n';
}

void attributes(std::ostream& out, const Attributes& values) {
    for (const auto& [name, value] : values) {
        out << "  attribute " << text::json_string(name) << " = " << text::json_string(value) << '\n';
    }
}

}  // namespace

ModelDumpWriter::ModelDumpWriter(std::ostream& out) : m_out(out) {
    m_out << "# baton model dump, model version " << model_version << '\n';
}

void ModelDumpWriter::source(const SourceInfo& source) {
    m_out << "source " << source.kind << ' ' << text::json_string(source.key) << '\n';
    field(m_out, "title", source.title);
    field(m_out, "site_url", source.site_url);
    field(m_out, "format_version", source.format_version);
}

void ModelDumpWriter::person(Person person) {
    m_out << "person " << text::json_string(person.key) << '\n';
    field(m_out, "login", person.login);
    field(m_out, "display_name", person.display_name);
    field(m_out, "email", person.email);
    attributes(m_out, person.attributes);
}

void ModelDumpWriter::container(Container container) {
    m_out << "container " << text::json_string(container.key) << '\n';
    field(m_out, "kind", container.kind);
    field(m_out, "name", container.name);
    field(m_out, "slug", container.slug);
    field(m_out, "parent", container.parent_key);
    field(m_out, "description", container.description);
    attributes(m_out, container.attributes);
}

void ModelDumpWriter::item(Item item) {
    m_out << "item " << text::json_string(item.key) << '\n';
    field(m_out, "kind", item.kind);
    field(m_out, "title", item.title);
    field(m_out, "status", item.status);
    field(m_out, "slug", item.slug);
    field(m_out, "url", item.url);
    field(m_out, "created_at", item.created_at);
    field(m_out, "modified_at", item.modified_at);
    field(m_out, "author", item.author_key);
    field(m_out, "parent", item.parent_key);
    field(m_out, "reply_to", item.reply_to_key);
    for (const auto& key : item.container_keys) m_out << "  in " << text::json_string(key) << '\n';
    attributes(m_out, item.attributes);
    if (!item.body.text.empty() || !item.body.format.empty()) {
        m_out << "  body " << item.body.format << " (" << item.body.text.size()
              << " bytes): " << text::json_string(item.body.text) << '\n';
    }
    for (const auto& revision : item.revisions) {
        m_out << "  revision " << text::json_string(revision.key) << " by " << text::json_string(revision.author_key)
              << " at " << text::json_string(revision.timestamp) << " size " << revision.size;
        if (!revision.comment.empty()) m_out << " comment " << text::json_string(revision.comment);
        for (const auto& [name, value] : revision.attributes) {
            m_out << ' ' << name << '=' << text::json_string(value);
        }
        m_out << '\n';
    }
}

void ModelDumpWriter::message(Message message) {
    m_out << "message " << severity_name(message.severity) << ' ' << message.code;
    if (!message.item_key.empty()) m_out << " item " << text::json_string(message.item_key);
    if (message.position.line > 0) m_out << " line " << message.position.line;
    m_out << ": " << text::json_string(message.text) << '\n';
}

}  // namespace baton::model
