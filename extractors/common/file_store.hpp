// Files an export carries inside itself (e.g. base64 uploads), written beside the workspace by content hash.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

namespace Poco {
class SHA1Engine;
}

namespace baton::extract {

// What was stored: where, how many bytes, and the SHA-1 of the bytes (40 hex digits).
struct StoredFile {
    std::string path;
    std::uint64_t size = 0;
    std::string sha1;
};

// A content-addressed folder: every file lands at <folder>/<first two hex digits>/<sha1>, so the same
// bytes are stored once however often and from whichever source they come, and a re-run writes nothing new.
class FileStore {
public:
    explicit FileStore(std::string folder) : m_folder(std::move(folder)) {}
    [[nodiscard]] const std::string& folder() const noexcept { return m_folder; }

    // One file being written piece by piece; abandoned (its partial file removed) unless finish() is called.
    class Writer {
    public:
        explicit Writer(const FileStore& store);  // throws InputError when the folder cannot be written
        ~Writer();
        Writer(const Writer&) = delete;
        Writer& operator=(const Writer&) = delete;
        void write(std::string_view bytes);  // throws InputError on a write failure (disk full)
        StoredFile finish();                 // moves the file to its place under its hash
    private:
        std::string m_folder;
        std::string m_temporary;
        std::FILE* m_file = nullptr;
        std::unique_ptr<Poco::SHA1Engine> m_sha1;
        std::uint64_t m_size = 0;
    };

private:
    std::string m_folder;
};

// A SHA-1 in hex (40 digits) written in base 36, as MediaWiki's sha1base36 (31 digits, zero-padded).
[[nodiscard]] std::string sha1_hex_to_base36(std::string_view hex);

}  // namespace baton::extract
