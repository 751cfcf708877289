// UTF-8 checks shared by the readers.
#pragma once

#include <string_view>

namespace baton::convert {

// The byte offset of the first byte that does not start a valid UTF-8 sequence, or npos.
[[nodiscard]] std::size_t first_invalid_utf8(std::string_view text) noexcept;

}  // namespace baton::convert
