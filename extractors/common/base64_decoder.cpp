// Base64 decoded piece by piece as text arrives, so embedded files never have to be held whole.
#include "extractors/common/base64_decoder.hpp"

#include <cstdio>

namespace baton::extract {
namespace {

// The value of a base64 digit, -1 for anything else.
int digit_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string printable(char c) {
    if (c >= 0x21 && c <= 0x7e) return std::string("'") + c + "'";
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "byte 0x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
    return buffer;
}

}  // namespace

bool Base64Decoder::fail(std::string problem) {
    if (m_problem.empty()) m_problem = std::move(problem);
    return false;
}

bool Base64Decoder::feed(std::string_view text, std::string& out) {
    if (!m_problem.empty()) return false;
    for (const char c : text) {
        ++m_characters;
        if (is_space(c)) {
            if (c == '\n') ++m_line_breaks;
            continue;
        }
        if (c == '=') {
            // Padding ends a group of two or three digits: "xx==" or "xxx=".
            if (m_padding == 0 && m_pending < 2) {
                return fail("padding '=' at character " + std::to_string(m_characters) + " where a digit was expected");
            }
            if (m_padding > 0 && m_pending == 0) {
                return fail("too much padding at character " + std::to_string(m_characters));
            }
            ++m_padding;
            if (m_pending + m_padding == 4) emit_partial_group(out);
            continue;
        }
        const int value = digit_value(c);
        if (value < 0) {
            return fail(printable(c) + " at character " + std::to_string(m_characters) + " is not a base64 digit");
        }
        if (m_padding > 0) {
            return fail("data after the '=' padding at character " + std::to_string(m_characters));
        }
        m_bits = (m_bits << 6U) | static_cast<std::uint32_t>(value);
        if (++m_pending == 4) {
            out.push_back(static_cast<char>((m_bits >> 16U) & 0xffU));
            out.push_back(static_cast<char>((m_bits >> 8U) & 0xffU));
            out.push_back(static_cast<char>(m_bits & 0xffU));
            m_bits = 0;
            m_pending = 0;
        }
    }
    return true;
}

bool Base64Decoder::finish(std::string& out) {
    if (!m_problem.empty()) return false;
    if (m_pending == 1) {
        return fail("the text ends with a single digit after the last full group of four (" +
                    std::to_string(m_characters) + " characters read): it is cut short");
    }
    emit_partial_group(out);  // an unpadded "xx" or "xxx" ending is accepted
    return true;
}

void Base64Decoder::emit_partial_group(std::string& out) {
    if (m_pending == 2) {
        out.push_back(static_cast<char>((m_bits >> 4U) & 0xffU));
    } else if (m_pending == 3) {
        out.push_back(static_cast<char>((m_bits >> 10U) & 0xffU));
        out.push_back(static_cast<char>((m_bits >> 2U) & 0xffU));
    }
    m_bits = 0;
    m_pending = 0;
}

}  // namespace baton::extract
