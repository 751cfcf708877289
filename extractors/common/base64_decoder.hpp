// Base64 decoded piece by piece as text arrives, so embedded files never have to be held whole.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace baton::extract {

class Base64Decoder {
public:
    // Decodes `text` (whitespace anywhere is ignored), appending the bytes to `out`. False when the text
    // is not base64; problem() then says what and where (counted in characters from the start).
    bool feed(std::string_view text, std::string& out);
    // Ends the input: false when it stopped in the middle of a group of four characters that cannot
    // end there (a single leftover character).
    bool finish(std::string& out);
    [[nodiscard]] const std::string& problem() const noexcept { return m_problem; }
    [[nodiscard]] std::uint64_t characters_read() const noexcept { return m_characters; }
    // Line breaks read so far: added to where the text starts, the line of a problem.
    [[nodiscard]] std::uint64_t line_breaks_read() const noexcept { return m_line_breaks; }

private:
    bool fail(std::string problem);
    void emit_partial_group(std::string& out);  // the 1 or 2 bytes of a group of 2 or 3 digits

    std::uint32_t m_bits = 0;  // pending sextets, most recent in the low bits
    int m_pending = 0;         // sextets in m_bits (0-3)
    int m_padding = 0;         // '=' seen; only more '=' and whitespace may follow
    std::uint64_t m_characters = 0;
    std::uint64_t m_line_breaks = 0;
    std::string m_problem;
};

}  // namespace baton::extract
