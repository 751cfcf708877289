// Which URLs a writer may emit: the scheme allow-list every HTML and Markdown output goes through.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace baton::convert {

enum class UrlUse { link, image };

// The URL as it may be written, or nullopt when it must be dropped: only relative URLs and the schemes
// http, https, mailto, ftp and tel (plus data:image/png|gif|jpeg|webp;base64 for images). Whitespace and
// control characters, which browsers skip inside a scheme, are removed before the scheme is looked at. URLs
// holding < > " ` or a backslash, or "script:" anywhere, are refused as well.
[[nodiscard]] std::optional<std::string> safe_url(std::string_view url, UrlUse use);

}  // namespace baton::convert
