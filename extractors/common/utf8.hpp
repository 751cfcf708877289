// UTF-8 well-formedness: where the first byte that is not part of a valid UTF-8 sequence is.
#pragma once

#include <cstddef>
#include <string_view>

namespace baton::extract {

// Offset of the first invalid byte (overlong forms, surrogates and code points past U+10FFFF are
// invalid; a sequence cut off at the end is too), std::string_view::npos when all of `bytes` is valid.
[[nodiscard]] inline std::size_t invalid_utf8_at(std::string_view bytes) noexcept {
    std::size_t at = 0;
    const std::size_t size = bytes.size();
    while (at < size) {
        const auto lead = static_cast<unsigned char>(bytes[at]);
        if (lead < 0x80) {
            ++at;
            continue;
        }
        std::size_t length = 0;
        unsigned char low = 0x80;  // the range of the second byte, narrowed to exclude overlongs and surrogates
        unsigned char high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) low = 0xA0;
            if (lead == 0xED) high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) low = 0x90;
            if (lead == 0xF4) high = 0x8F;
        } else {
            return at;
        }
        if (at + length > size) return at;
        const auto second = static_cast<unsigned char>(bytes[at + 1]);
        if (second < low || second > high) return at;
        for (std::size_t i = 2; i < length; ++i) {
            const auto next = static_cast<unsigned char>(bytes[at + i]);
            if (next < 0x80 || next > 0xBF) return at;
        }
        at += length;
    }
    return std::string_view::npos;
}

}  // namespace baton::extract
