// Source keys for exports that do not name their site: the file's absolute, normalised path.
#pragma once

#include <filesystem>
#include <string>

namespace baton::extract {

// "file:/abs/path/export.xml" (the path as given when it cannot be made absolute).
[[nodiscard]] inline std::string file_source_key(const std::string& path) {
    std::error_code error;
    const auto absolute = std::filesystem::absolute(path, error);
    return "file:" + (error ? path : absolute.lexically_normal().string());
}

}  // namespace baton::extract
