// A source of bytes for the XML reader besides a plain file: a compressed file, an entry of an archive.
#pragma once

#include <cstdint>
#include <string>

namespace baton::extract {

class StreamInput {
public:
    virtual ~StreamInput() = default;
    // Up to `size` bytes; 0 at the end; -1 on unreadable or corrupt data (error() says why).
    virtual int read(char* buffer, int size) = 0;
    // Bytes of the underlying file consumed so far, comparable with the size given for progress.
    [[nodiscard]] virtual std::uint64_t bytes_read() const = 0;
    [[nodiscard]] virtual std::string error() const = 0;
};

}  // namespace baton::extract
