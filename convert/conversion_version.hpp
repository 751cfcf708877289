// Which conversion this build does: stored with converted bodies so that a later build reuses only its own.
#pragma once

#include <string_view>

namespace baton::convert {

// A hash of the conversion's sources (convert/ and core/text), made at build time (cmake/ConversionVersion.cmake),
// and the version of the libxml2 it runs with (its HTML parser reads the bodies).
[[nodiscard]] std::string_view conversion_version() noexcept;

}  // namespace baton::convert
