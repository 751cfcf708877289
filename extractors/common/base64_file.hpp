// Base64 text decoded as it arrives, straight into a file: an attachment never has to be held whole in memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "extractors/common/base64_decoder.hpp"

namespace baton::extract {

class Base64FileWriter {
public:
    // Decodes into `path` (its folders are created); an empty path decodes and counts, writing nothing.
    explicit Base64FileWriter(std::filesystem::path path);
    ~Base64FileWriter();
    Base64FileWriter(const Base64FileWriter&) = delete;
    Base64FileWriter& operator=(const Base64FileWriter&) = delete;

    // Any piece of the text, cut anywhere; whitespace is ignored.
    void write(std::string_view text);
    // Flushes and closes. False, with `problem` set and the partial file removed, when the text was
    // not base64 or the file could not be written.
    bool finish(std::string& problem);

    [[nodiscard]] std::uint64_t decoded_bytes() const noexcept { return m_bytes; }
    // The first decoded bytes (up to 16), to tell what the file is.
    [[nodiscard]] const std::string& head() const noexcept { return m_head; }

private:
    void emit(const unsigned char* data, std::size_t size);

    std::filesystem::path m_path;
    std::ofstream m_out;
    std::string m_problem;
    std::string m_head;
    std::uint64_t m_bytes = 0;
    Base64Decoder m_decoder;
    std::string m_decoded;  // what the last piece decoded to
    bool m_finished = false;
    char m_buffer[65536];
    std::size_t m_buffered = 0;
};

}  // namespace baton::extract
