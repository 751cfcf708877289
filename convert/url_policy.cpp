// The URL scheme allow-list.
#include "convert/url_policy.hpp"

#include <array>
#include <cctype>

namespace baton::convert {

namespace {

std::string lower(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

bool is_data_image(std::string_view url) {
    static constexpr std::array<std::string_view, 5> types = {"data:image/png;base64,", "data:image/gif;base64,",
                                                              "data:image/jpeg;base64,", "data:image/jpg;base64,",
                                                              "data:image/webp;base64,"};
    const std::string prefix = lower(url.substr(0, 24));
    for (const auto type : types) {
        if (prefix.starts_with(type)) return true;
    }
    return false;
}

}  // namespace

std::optional<std::string> safe_url(std::string_view url, UrlUse use) {
    std::string cleaned;
    cleaned.reserve(url.size());
    for (const char c : url) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= 0x20 || byte == 0x7F) continue;  // browsers drop tabs, newlines, NULs inside schemes
        cleaned += c;
    }
    if (cleaned.empty()) return std::nullopt;
    // Defence in depth: characters no valid URL holds unencoded, and a script scheme anywhere (in a
    // relative URL it is inert, but such a URL is never legitimate content).
    if (cleaned.find_first_of("<>\"`\\") != std::string::npos) return std::nullopt;
    const std::string lowered = lower(cleaned);
    if (lowered.find("script:") != std::string::npos) return std::nullopt;
    const auto colon = cleaned.find(':');
    const auto boundary = cleaned.find_first_of("/?#");
    if (colon == std::string::npos || (boundary != std::string::npos && boundary < colon)) {
        return cleaned;  // relative URL (a ':' only after the path starts)
    }
    const std::string scheme = lower(std::string_view(cleaned).substr(0, colon));
    if (scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "ftp" || scheme == "tel") {
        return cleaned;
    }
    if (use == UrlUse::image && scheme == "data" && is_data_image(cleaned)) return cleaned;
    return std::nullopt;
}

}  // namespace baton::convert
