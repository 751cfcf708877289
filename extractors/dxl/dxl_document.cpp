// One DXL <document>, read node by node: its items, rich text, people, and embedded files streamed to disk.
#include "extractors/dxl/dxl_document.hpp"

#include <algorithm>

#include "core/text.hpp"
#include "extractors/common/base64_file.hpp"
#include "extractors/dxl/dxl_values.hpp"

namespace baton::extract::dxl {
namespace fs = std::filesystem;
namespace {

using Node = XmlStream::Node;

// Picture formats written out as image files; other embedded data (Notes bitmaps, metafiles, raw
// item data) is decoded and counted but not written, since nothing downstream can read it.
bool is_written_image(std::string_view name) { return name == "jpeg" || name == "gif" || name == "png" || name == "bmp"; }

bool is_binary_data(std::string_view name) {
    return name == "notesbitmap" || name == "cgm" || name == "wmf" || name == "pict" || name == "filedata" ||
           name == "rawitemdata" || name == "itemdata";
}

std::string document_key(const DxlDocument& document, std::int64_t ordinal) {
    return document.unid.empty() ? "doc:#" + std::to_string(ordinal) : "doc:" + document.unid;
}

}  // namespace

DocumentReader::DocumentReader(XmlStream& stream, fs::path files_base, fs::path subfolder)
    : m_stream(stream), m_files_base(std::move(files_base)), m_subfolder(std::move(subfolder)) {}

std::string DocumentReader::text_until_end(int depth) {
    std::string text;
    if (m_stream.is_empty_element()) return text;
    while (m_stream.next()) {
        if (m_stream.node() == Node::text) text += m_stream.value();
        if (m_stream.node() == Node::end_element && m_stream.depth() == depth) break;
    }
    return text::trim(text);
}

void DocumentReader::skip_to_end(int depth) {
    if (m_stream.is_empty_element()) return;
    while (m_stream.next()) {
        if (m_stream.node() == Node::end_element && m_stream.depth() == depth) return;
    }
}

fs::path DocumentReader::document_dir(const DxlDocument& document) const {
    return m_subfolder / safe_file_name(document.unid.empty() ? "note-" + std::to_string(m_ordinal) : document.unid);
}

DxlDocument DocumentReader::read(std::int64_t ordinal) {
    DxlDocument document;
    m_ordinal = ordinal;
    m_images = 0;
    document.line = m_stream.line();
    document.form = m_stream.attribute("form");
    if (m_stream.is_empty_element()) return document;
    const int depth = m_stream.depth();
    while (m_stream.next()) {
        if (m_stream.node() == Node::end_element && m_stream.depth() == depth) return document;
        if (m_stream.node() != Node::element || m_stream.depth() != depth + 1) continue;
        const std::string_view name = m_stream.local_name();
        const int child_depth = m_stream.depth();
        if (name == "noteinfo") {
            document.unid = m_stream.attribute("unid");
            document.noteid = m_stream.attribute("noteid");
            document.sequence = m_stream.attribute("sequence");
            if (m_stream.is_empty_element()) continue;
            std::string which;
            while (m_stream.next()) {
                if (m_stream.node() == Node::end_element && m_stream.depth() == child_depth) break;
                if (m_stream.node() != Node::element) continue;
                if (m_stream.local_name() == "datetime") {
                    const std::string value = dxl_datetime_to_iso(text_until_end(m_stream.depth()));
                    if (which == "created") document.created = value;
                    if (which == "modified") document.modified = value;
                } else {
                    which = std::string(m_stream.local_name());
                }
            }
        } else if (name == "updatedby" || name == "revisions") {
            const bool names = name == "updatedby";
            if (m_stream.is_empty_element()) continue;
            while (m_stream.next()) {
                if (m_stream.node() == Node::end_element && m_stream.depth() == child_depth) break;
                if (m_stream.node() != Node::element) continue;
                const std::string value = text_until_end(m_stream.depth());
                if (value.empty()) continue;
                if (names) {
                    document.updated_by.push_back(value);
                } else {
                    document.revision_times.push_back(dxl_datetime_to_iso(value));
                }
            }
        } else if (name == "item") {
            read_item(document);
        } else {
            skip_to_end(child_depth);
        }
    }
    return document;
}

void DocumentReader::read_item(DxlDocument& document) {
    const std::string name = m_stream.attribute("name");
    const bool holds_names = m_stream.attribute("names") == "true" || m_stream.attribute("authors") == "true" ||
                             m_stream.attribute("readers") == "true";
    std::vector<std::string> values;
    bool first_is_text = false;
    if (!m_stream.is_empty_element()) {
        const int depth = m_stream.depth();
        while (m_stream.next()) {
            if (m_stream.node() == Node::end_element && m_stream.depth() == depth) break;
            if (m_stream.node() != Node::element) continue;
            const std::string_view kind = m_stream.local_name();
            if (kind == "text" || kind == "number" || kind == "datetime") {
                if (values.empty()) first_is_text = kind == "text";
                const std::string value = text_until_end(m_stream.depth());
                values.push_back(kind == "datetime" ? dxl_datetime_to_iso(value) : value);
            } else if (kind == "richtext") {
                std::string xml;
                read_rich_text(document, name, xml);
                document.rich_texts.emplace_back(name, std::move(xml));
            } else if (kind == "object") {
                read_file_object(document, name);
            } else if (is_binary_data(kind)) {
                skip_to_end(m_stream.depth());  // raw item data: nothing a person wrote
            }
        }
    }
    const std::string lower = text::to_lower_ascii(name);
    for (const auto& value : values) document.values.emplace_back("item:" + name, value);
    if (holds_names) document.name_values.insert(document.name_values.end(), values.begin(), values.end());
    if (lower == "from" || lower == "$creator" || lower == "principal") {
        document.from.insert(document.from.end(), values.begin(), values.end());
    }
    if (lower == "$updatedby") document.updated_by.insert(document.updated_by.end(), values.begin(), values.end());
    if ((lower == "subject" || lower == "title" || lower == "$title") && document.subject.empty() && !values.empty()) {
        document.subject = values.front();
    }
    if (document.first_text.empty() && first_is_text && !name.starts_with("$") && !values.empty()) {
        document.first_text = values.front();
    }
}

void DocumentReader::read_rich_text(DxlDocument& document, const std::string& item_name, std::string& xml) {
    // The rich text is kept as DXL, element by element; picture data goes to files and is replaced
    // by a reference, so the body stays small whatever the document embeds.
    const int depth = m_stream.depth();
    const bool empty = m_stream.is_empty_element();
    xml += empty ? "<richtext/>" : "<richtext>";
    if (empty) return;
    while (m_stream.next()) {
        if (m_stream.node() == Node::text) {
            xml += text::html_escape(m_stream.value());
        } else if (m_stream.node() == Node::end_element) {
            if (m_stream.depth() == depth) {
                xml += "</richtext>";
                return;
            }
            xml += "</" + std::string(m_stream.local_name()) + ">";
        } else if (m_stream.node() == Node::element) {
            const std::string name(m_stream.local_name());
            m_stream.attributes(m_attributes);
            xml += "<" + name;
            for (const auto& [key, value] : m_attributes) xml += " " + key + "=\"" + text::html_escape(value) + "\"";
            if (is_written_image(name) || is_binary_data(name)) {
                const bool image = is_written_image(name);
                const std::string file_name = image ? "image" + std::to_string(++m_images) + "." + name : std::string();
                model::Item file;
                if (stream_file(document, file_name, item_name, image, file)) {
                    if (image) xml += " file=\"" + text::html_escape(file_name) + "\"";
                    xml += " bytes=\"" + file.attributes.front().second + "\"";
                    if (image) document.files.push_back(std::move(file));
                }
                xml += "/>";
                continue;
            }
            xml += m_stream.is_empty_element() ? "/>" : ">";
        }
    }
}

void DocumentReader::read_file_object(DxlDocument& document, const std::string& item_name) {
    if (m_stream.is_empty_element()) return;
    const int depth = m_stream.depth();
    std::string file_name;
    std::string which;
    std::string created, modified;
    while (m_stream.next()) {
        if (m_stream.node() == Node::end_element && m_stream.depth() == depth) return;
        if (m_stream.node() != Node::element) continue;
        const std::string_view name = m_stream.local_name();
        if (name == "file") {
            file_name = m_stream.attribute("name");
            created.clear();
            modified.clear();
        } else if (name == "created" || name == "modified") {
            which = std::string(name);
        } else if (name == "datetime") {
            (which == "created" ? created : modified) = dxl_datetime_to_iso(text_until_end(m_stream.depth()));
        } else if (name == "filedata") {
            model::Item file;
            if (stream_file(document, file_name.empty() ? "file" : file_name, item_name, true, file)) {
                file.created_at = created;
                file.modified_at = modified.empty() ? created : modified;
                document.files.push_back(std::move(file));
            }
        } else if (is_binary_data(name)) {
            skip_to_end(m_stream.depth());
        }
    }
}

bool DocumentReader::stream_file(DxlDocument& document, const std::string& file_name, const std::string& item_name,
                                 bool write, model::Item& file) {
    const std::string safe_name = safe_file_name(file_name);
    const fs::path relative = document_dir(document) / safe_name;
    const fs::path path = write && !m_files_base.empty() ? m_files_base / relative : fs::path();
    const std::int64_t line = m_stream.line();
    Base64FileWriter writer(path);
    if (!m_stream.is_empty_element()) {
        const int depth = m_stream.depth();
        while (m_stream.next()) {
            if (m_stream.node() == Node::text) writer.write(m_stream.value());
            if (m_stream.node() == Node::end_element && m_stream.depth() == depth) break;
        }
    }
    std::string problem;
    if (!writer.finish(problem)) {
        model::Message message;
        message.severity = model::Severity::error;
        message.code = "dxl.bad-file-data";
        message.text = "the embedded data " + (file_name.empty() ? std::string() : "\"" + file_name + "\" ") +
                       "in item \"" + item_name + "\" cannot be decoded (" + problem + "); it is skipped";
        message.position = {m_stream.path(), line, 0};
        message.item_key = document_key(document, m_ordinal);
        document.messages.push_back(std::move(message));
        return false;
    }
    file.key = "file:" + (document.unid.empty() ? "#" + std::to_string(m_ordinal) : document.unid) + "/" + safe_name;
    file.kind = "attachment";
    file.status = "current";
    file.title = file_name;
    file.slug = text::slugify(fs::path(safe_name).stem().string());
    file.parent_key = document_key(document, m_ordinal);
    file.source_line = line;
    file.attributes.emplace_back("size", std::to_string(writer.decoded_bytes()));
    file.attributes.emplace_back("item", item_name);
    if (!path.empty()) file.attributes.emplace_back("file", relative.generic_string());
    return true;
}

}  // namespace baton::extract::dxl
