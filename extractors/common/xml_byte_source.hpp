// The raw bytes of an XML file, plain, gzip or bzip2 (told by content, not by name), or of a stream, in chunks.
#pragma once

#include <cstdint>
#include <exception>
#include <memory>
#include <string>

#include "extractors/common/bzip2_input.hpp"
#include "extractors/common/stream_input.hpp"

namespace baton::extract {

class XmlByteSource {
public:
    // Throws InputError when the file cannot be opened.
    explicit XmlByteSource(const std::string& path);
    // Bytes from another source (an entry of a zip archive), named `path` in messages.
    XmlByteSource(std::string path, std::unique_ptr<StreamInput> input);
    ~XmlByteSource();
    XmlByteSource(const XmlByteSource&) = delete;
    XmlByteSource& operator=(const XmlByteSource&) = delete;

    // Up to `size` decompressed bytes; 0 at the end. Throws InputError on unreadable or corrupt data.
    std::size_t read(char* buffer, std::size_t size);
    // Bytes of the file itself read so far (compressed bytes for compressed files), for progress.
    [[nodiscard]] std::uint64_t file_bytes_read() const;

private:
    std::size_t read_piece(char* buffer, std::size_t size);

    std::string m_path;
    int m_fd = -1;
    void* m_gzip = nullptr;  // gzFile
    std::unique_ptr<Bzip2Input> m_bzip2;
    std::unique_ptr<StreamInput> m_stream;
    std::uint64_t m_plain_read = 0;
    std::exception_ptr m_pending_error;  // met after some bytes were read; raised by the next read
};

}  // namespace baton::extract
