// Small text helpers shared by every stage: escaping, hashing, slugs, timestamps.
#include "core/text.hpp"

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>

#include <bit>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>

namespace baton::text {

void append_html_escaped(std::string& out, std::string_view value) {
    for (const char c : value) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
}

std::string html_escape(std::string_view value) {
    std::string out;
    out.reserve(value.size() + value.size() / 8);
    append_html_escaped(out, value);
    return out;
}

void append_utf8(std::string& out, unsigned long code) {
    if (code == 0 || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) code = 0xFFFD;
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

void append_json_escaped(std::string& out, std::string_view value) {
    out.reserve(out.size() + value.size() + 8);
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (byte < 0x20) {
                    char buffer[8];
                    std::snprintf(buffer, sizeof buffer, "\\u%04x", byte);
                    out += buffer;
                } else {
                    out += c;
                }
        }
    }
}

std::string json_escape(std::string_view value) {
    std::string out;
    append_json_escaped(out, value);
    return out;
}

std::string json_string(std::string_view value) { return '"' + json_escape(value) + '"'; }

std::string csv_field(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
    std::string out = "\"";
    for (const char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string trim(std::string_view value) {
    const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    std::size_t begin = 0;
    std::size_t end = value.size();
    while (begin < end && is_space(value[begin])) ++begin;
    while (end > begin && is_space(value[end - 1])) --end;
    return std::string(value.substr(begin, end - begin));
}

std::string to_lower_ascii(std::string_view value) {
    std::string out(value);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::optional<std::int64_t> parse_int(std::string_view value) {
    const std::string trimmed = trim(value);
    std::int64_t number = 0;
    const char* end = trimmed.data() + trimmed.size();
    const auto [stop, error] = std::from_chars(trimmed.data(), end, number);
    if (trimmed.empty() || error != std::errc() || stop != end) return std::nullopt;
    return number;
}

std::string counted(std::int64_t count, std::string_view noun, std::string_view plural) {
    if (count == 1) return "1 " + std::string(noun);
    return std::to_string(count) + ' ' + (plural.empty() ? std::string(noun) + 's' : std::string(plural));
}

std::string slugify(std::string_view value) {
    std::string out;
    bool pending_dash = false;
    for (const char c : value) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) != 0 && byte < 0x80) {
            if (pending_dash && !out.empty()) out += '-';
            pending_dash = false;
            out += static_cast<char>(std::tolower(byte));
        } else {
            pending_dash = true;
        }
    }
    return out;
}

namespace {

// Eight bytes as a little-endian word, so fingerprints are the same on every machine.
std::uint64_t load_little_endian(const char* data, std::size_t size) {
    std::uint64_t word = 0;
    std::memcpy(&word, data, size);
    if constexpr (std::endian::native == std::endian::big) word = __builtin_bswap64(word);
    return word;
}

// One 64-bit multiply-xorshift round: cheap, and every input bit reaches every state bit.
std::uint64_t mix(std::uint64_t state, std::uint64_t word) {
    state = (state ^ word) * 0x9E3779B97F4A7C15ULL;
    return state ^ (state >> 29U);
}

}  // namespace

Fingerprint& Fingerprint::add(std::string_view value) {
    // Eight bytes at a time: bodies are hashed on every extract, so this is on the hot path.
    const char* data = value.data();
    std::size_t left = value.size();
    while (left >= 8) {
        m_state = mix(m_state, load_little_endian(data, 8));
        data += 8;
        left -= 8;
    }
    const std::uint64_t tail = left > 0 ? load_little_endian(data, left) : 0;
    // The length closes each field, so ("ab", "c") and ("a", "bc") differ.
    m_state = mix(m_state, tail);
    m_state = mix(m_state, static_cast<std::uint64_t>(value.size()) | (0xffULL << 56U));
    return *this;
}

std::string Fingerprint::hex() const {
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(m_state));
    return buffer;
}

std::string sha256_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return {};
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    char buffer[65536];
    while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
        engine.update(buffer, static_cast<unsigned>(in.gcount()));
    }
    return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string utc_now_iso() {
    const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    std::tm parts{};
    gmtime_r(&now, &parts);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
    return buffer;
}

}  // namespace baton::text
