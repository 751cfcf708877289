// Names Redmine accepts, derived from workspace values: project identifiers, logins, wiki titles; and hashes.
#include "loaders/redmine/redmine_names.hpp"

#include "core/text.hpp"

namespace baton::load::redmine {
namespace {

// Cuts at `limit` bytes without splitting a UTF-8 sequence.
std::string cut_utf8(std::string value, std::size_t limit) {
    if (value.size() <= limit) return value;
    std::size_t end = limit;
    while (end > 0 && (static_cast<unsigned char>(value[end]) & 0xC0U) == 0x80U) --end;
    value.resize(end);
    return value;
}

}  // namespace

std::string project_identifier(std::string_view slug) {
    std::string out = text::slugify(slug);
    if (out.empty() || out.front() < 'a' || out.front() > 'z') out = "c-" + out;
    while (!out.empty() && out.back() == '-') out.pop_back();
    out = out.substr(0, 100);
    while (out.back() == '-') out.pop_back();
    if (out == "new") out = "c-new";  // Redmine reserves it
    return out;
}

std::string user_login(std::string_view login, std::string_view email, std::string_view display_name,
                       std::string_view key) {
    std::string source(login);
    if (source.empty() && !email.empty()) source = std::string(email.substr(0, email.find('@')));
    if (source.empty()) source = std::string(display_name);
    if (source.empty()) source = std::string(key);
    std::string out;
    for (const char c : text::to_lower_ascii(source)) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '@';
        if (allowed) {
            out += c;
        } else if (!out.empty() && out.back() != '_') {
            out += '_';
        }
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    if (out.empty()) out = "user-" + text::Fingerprint().add(key).hex().substr(0, 8);
    return out.substr(0, 60);
}

std::string wiki_title(std::string_view title, std::string_view fallback) {
    std::string out;
    const std::string source = text::trim(title.empty() ? fallback : title);
    for (const char c : source) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            if (!out.empty() && out.back() != '_') out += '_';
        } else if (byte < 0x20 || std::string_view(",./?;:|#[]\"<>%+&\\'").find(c) != std::string_view::npos) {
            if (!out.empty() && out.back() != '_') out += '_';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    while (!out.empty() && out.front() == '_') out.erase(0, 1);
    if (out.empty()) out = "Page_" + text::Fingerprint().add(fallback).hex().substr(0, 8);
    if (out.front() >= 'a' && out.front() <= 'z') out.front() = static_cast<char>(out.front() - 'a' + 'A');
    return cut_utf8(out, 200);
}

std::string normalised_text(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (const char c : value) {
        if (c != '\r') out += c;
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\t')) out.pop_back();
    return out;
}

std::string hash_of(std::initializer_list<std::string_view> parts) {
    text::Fingerprint fingerprint;
    for (const auto part : parts) fingerprint.add(normalised_text(part)).add("\x1f");
    return fingerprint.hex();
}

std::string issue_marker(std::string_view legacy_key) {
    return "baton-legacy-" + text::Fingerprint().add(legacy_key).hex();
}

}  // namespace baton::load::redmine
