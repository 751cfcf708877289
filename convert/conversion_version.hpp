// Which conversion this build does: stored with converted bodies so that a later build reuses only its own.
#pragma once

#include <string_view>

namespace baton::convert {

// A hash of the conversion's sources (convert/ and core/text), made at build time (cmake/ConversionVersion.cmake).
[[nodiscard]] std::string_view conversion_version() noexcept;

}  // namespace baton::convert
