// A file page's <upload>: its metadata, and its embedded base64 <contents> decoded into the file store as read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

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

// Reads the <upload> the stream is on. Its small children go into `metadata` (reused between
// uploads); <contents> is decoded piece by piece into `store` (not kept when `store` is null).
UploadContents read_upload(XmlStream& stream, XmlStream::Classifier classify, const FileStore* store,
                           XmlElement& metadata);

// The stored file on the attachment: file_path, file_size, file_sha1; or file_error.
void add_file_attributes(model::Item& upload, const UploadContents& contents);
// What to report about the contents of `upload` (key set): bad base64, not kept, a hash that differs.
[[nodiscard]] std::vector<model::Message> upload_messages(const model::Item& upload, const UploadContents& contents,
                                                          const std::string& dump_path);

}  // namespace baton::extract::mediawiki
