// A file page's <upload>: its metadata, and its embedded base64 <contents> decoded into the file store as read.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "extractors/common/base64_decoder.hpp"
#include "extractors/common/file_store.hpp"
#include "extractors/common/xml_stream.hpp"
#include "model/model.hpp"

namespace baton::extract::mediawiki {

// What became of an upload's embedded contents.
struct UploadContents {
    bool present = false;              // the dump embedded them (dumpBackup.php --include-files)
    std::int64_t line = 0;             // where <contents> starts, or where its problem is
    std::optional<StoredFile> stored;  // set when they were decoded and written
    std::string problem;               // why they were not (bad base64, unknown encoding); "" otherwise
};

// Decodes an upload's embedded base64 <contents> piece by piece, as the parser hands the text out, into the
// file store, so an upload of any size is never held in memory, by baton or by libxml2.
class UploadDecoder {
public:
    explicit UploadDecoder(const std::string& files_folder);  // "": contents are checked, not kept
    void begin(std::int64_t line);    // a <contents> element starts at `line`
    void text(std::string_view piece);  // its text, as many pieces as it takes
    UploadContents end();              // what became of it
    [[nodiscard]] const FileStore* store() const noexcept { return m_store ? &*m_store : nullptr; }

private:
    std::optional<FileStore> m_store;
    UploadContents m_current;
    std::unique_ptr<FileStore::Writer> m_writer;
    Base64Decoder m_decoder;
    std::string m_bytes;
    bool m_good = true;
};

// Reads the <upload> the stream is on. Its small children go into `metadata` (reused between uploads);
// <contents> is decoded by `decoder` as the parser hands it out.
UploadContents read_upload(XmlStream& stream, XmlStream::Classifier classify, UploadDecoder& decoder,
                           XmlElement& metadata);

// The stored file on the attachment: file_path, file_size, file_sha1; or file_error.
void add_file_attributes(model::Item& upload, const UploadContents& contents);
// What to report about the contents of `upload` (key set): bad base64, not kept, a hash that differs.
[[nodiscard]] std::vector<model::Message> upload_messages(const model::Item& upload, const UploadContents& contents,
                                                          const std::string& dump_path);

}  // namespace baton::extract::mediawiki
