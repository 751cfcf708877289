// A dump's bytes (plain, .gz or .bz2) passed through a TextDiverter on their way to libxml2's I/O callbacks.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "extractors/common/bzip2_input.hpp"
#include "extractors/common/text_diverter.hpp"

namespace baton::extract {

class DivertingInput {
public:
    // Throws InputError when the file cannot be opened.
    DivertingInput(const std::string& path, std::string element_name, TextDiversion& diversion);
    ~DivertingInput();
    DivertingInput(const DivertingInput&) = delete;
    DivertingInput& operator=(const DivertingInput&) = delete;

    // Up to `size` bytes for the parser; 0 at the end; -1 on unreadable or corrupt data (error() says why).
    int read(char* buffer, int size) noexcept;
    // Bytes of the file itself read so far (compressed bytes for .gz and .bz2), comparable with its size.
    [[nodiscard]] std::uint64_t file_bytes_read() const;
    [[nodiscard]] const std::string& error() const noexcept { return m_error; }

private:
    int read_raw(char* buffer, int size);

    std::unique_ptr<Bzip2Input> m_bzip2;
    void* m_gzip = nullptr;  // gzFile for plain and gzip files (zlib reads plain files as they are)
    std::optional<TextDiverter> m_diverter;  // reset for input that is not ASCII-compatible (UTF-16)
    bool m_sniffed = false;
    bool m_end = false;
    std::string m_staged;  // filtered bytes not yet handed to the parser
    std::size_t m_offset = 0;
    std::string m_error;
};

}  // namespace baton::extract
