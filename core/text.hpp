// Small text helpers shared by every stage: escaping, hashing, slugs, timestamps.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace baton::text {

[[nodiscard]] std::string html_escape(std::string_view value);
void append_html_escaped(std::string& out, std::string_view value);  // the same, appended to `out`
// Appends code point `code` as UTF-8; NUL, surrogates and values past U+10FFFF become U+FFFD.
void append_utf8(std::string& out, unsigned long code);
[[nodiscard]] std::string json_escape(std::string_view value);  // without the surrounding quotes
void append_json_escaped(std::string& out, std::string_view value);  // the same, appended to `out`
[[nodiscard]] std::string json_string(std::string_view value);  // with the surrounding quotes
[[nodiscard]] std::string csv_field(std::string_view value);    // RFC 4180: quoted when needed
[[nodiscard]] std::string trim(std::string_view value);
[[nodiscard]] std::string to_lower_ascii(std::string_view value);
// A whole decimal integer ("-12", " 42 "); nullopt for anything else, including numbers out of range.
[[nodiscard]] std::optional<std::int64_t> parse_int(std::string_view value);

// "1 comment", "3 comments": a count with its noun in the right number; `plural` defaults to noun + "s".
[[nodiscard]] std::string counted(std::int64_t count, std::string_view noun, std::string_view plural = {});

// A lowercase ASCII slug: letters and digits joined by single dashes ("Human Resources" -> "human-resources").
[[nodiscard]] std::string slugify(std::string_view value);

// A 64-bit multiply-xorshift hash, hex encoded: a fast content fingerprint for change detection
// (not for security).
class Fingerprint {
public:
    Fingerprint& add(std::string_view value);
    [[nodiscard]] std::string hex() const;

private:
    std::uint64_t m_state = 1469598103934665603ULL;
};

// SHA-256 of a file's bytes, hex encoded; empty when the file cannot be read.
[[nodiscard]] std::string sha256_file(const std::string& path);

// The current UTC time as ISO 8601 ("2026-11-26T11:53:02Z").
[[nodiscard]] std::string utc_now_iso();

}  // namespace baton::text
