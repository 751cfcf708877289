// A .bz2 file read as a stream of decompressed bytes, for libxml2's I/O callbacks.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace baton::extract {

class Bzip2Input {
public:
    explicit Bzip2Input(const std::string& path);  // throws InputError when the file cannot be opened
    ~Bzip2Input();
    Bzip2Input(const Bzip2Input&) = delete;
    Bzip2Input& operator=(const Bzip2Input&) = delete;

    // Up to `size` decompressed bytes; 0 at the end; -1 on corrupt data (error() says why).
    int read(char* buffer, int size);
    [[nodiscard]] std::uint64_t compressed_bytes_read() const;
    [[nodiscard]] const std::string& error() const noexcept { return m_error; }

private:
    std::FILE* m_file = nullptr;
    void* m_stream = nullptr;  // BZFILE*
    bool m_end = false;
    std::string m_error;
};

}  // namespace baton::extract
