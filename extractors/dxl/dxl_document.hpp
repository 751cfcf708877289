// One DXL <document>, read node by node: its items, rich text, people, and embedded files streamed to disk.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "extractors/common/xml_stream.hpp"
#include "model/model.hpp"

namespace baton::extract::dxl {

// A document as read, before it becomes model objects.
struct DxlDocument {
    std::string form;
    std::string unid;
    std::string noteid;
    std::string sequence;
    std::string parent_unid;  // a response document's main document ($REF)
    std::string created, modified;  // ISO 8601
    std::vector<std::string> revision_times;  // $Revisions: earlier saves, oldest first
    std::vector<std::string> updated_by;      // $UpdatedBy: editors, first = creator
    std::vector<std::string> from;            // From / $Creator / Principal
    std::vector<std::string> name_values;     // values of names, authors and readers items
    model::Attributes values;                 // "item:<name>" -> each value of each plain item
    std::string first_text;                   // the first text value, for a title of last resort
    std::string subject;                      // Subject / Title / $TITLE
    std::vector<std::pair<std::string, std::string>> rich_texts;  // item name -> its <richtext> as XML
    std::vector<model::Item> files;           // attachments and embedded images (metadata; bytes on disk)
    std::vector<model::Message> messages;
    std::int64_t line = 0;
};

class DocumentReader {
public:
    // Files go to `files_base`/`subfolder`/<document UNID>/<name>; an empty `files_base` writes nothing
    // (the data is decoded and counted only). Attachments name their file relative to `files_base`.
    DocumentReader(XmlStream& stream, std::filesystem::path files_base, std::filesystem::path subfolder);
    // Reads the <document> the stream is on, to its end tag. `ordinal` names documents without a UNID.
    DxlDocument read(std::int64_t ordinal);

private:
    void read_item(DxlDocument& document);
    void read_rich_text(DxlDocument& document, const std::string& item_name, std::string& xml);
    void read_file_object(DxlDocument& document, const std::string& item_name);
    // Streams the base64 text of the element the stream is on into `file_name` (in the document's
    // folder; "" to decode without writing). Returns the attachment item, or nothing on bad data.
    bool stream_file(DxlDocument& document, const std::string& file_name, const std::string& item_name, bool write,
                     model::Item& file);
    std::string text_until_end(int depth);
    void skip_to_end(int depth);
    // The document's folder below the files folder.
    std::filesystem::path document_dir(const DxlDocument& document) const;

    XmlStream& m_stream;
    std::filesystem::path m_files_base;
    std::filesystem::path m_subfolder;
    std::vector<std::pair<std::string, std::string>> m_attributes;
    std::int64_t m_ordinal = 0;
    int m_images = 0;
};

}  // namespace baton::extract::dxl
