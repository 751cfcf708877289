// Base64 text decoded as it arrives, straight into a file: an attachment never has to be held whole in memory.
#include "extractors/common/base64_file.hpp"

#include <cstring>

namespace baton::extract {
namespace {

int sextet(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

}  // namespace

Base64FileWriter::Base64FileWriter(std::filesystem::path path) : m_path(std::move(path)) {
    if (m_path.empty()) return;
    std::error_code error;
    std::filesystem::create_directories(m_path.parent_path(), error);
    m_out.open(m_path, std::ios::binary | std::ios::trunc);
    if (!m_out) m_problem = "cannot write " + m_path.string() + (error ? " (" + error.message() + ")" : std::string());
}

Base64FileWriter::~Base64FileWriter() {
    if (!m_finished) {
        std::string ignored;
        (void)finish(ignored);
    }
}

void Base64FileWriter::emit(const unsigned char* data, std::size_t size) {
    if (m_head.size() < 16) m_head.append(reinterpret_cast<const char*>(data), std::min<std::size_t>(size, 16 - m_head.size()));
    m_bytes += size;
    if (!m_out.is_open()) return;
    if (m_buffered + size > sizeof m_buffer) {
        m_out.write(m_buffer, static_cast<std::streamsize>(m_buffered));
        m_buffered = 0;
    }
    std::memcpy(m_buffer + m_buffered, data, size);
    m_buffered += size;
}

void Base64FileWriter::write(std::string_view text) {
    if (!m_problem.empty()) return;
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (c == '=') {
            if (m_groups < 2) {
                m_problem = "misplaced '=' in base64 data";
                return;
            }
            ++m_padding;
            continue;
        }
        const int value = sextet(c);
        if (value < 0 || m_padding > 0) {
            m_problem = value < 0 ? "the character '" + std::string(1, c) + "' is not base64" : "base64 data after '='";
            return;
        }
        m_quantum = (m_quantum << 6) | static_cast<std::uint32_t>(value);
        if (++m_groups == 4) {
            const unsigned char bytes[3] = {static_cast<unsigned char>(m_quantum >> 16),
                                            static_cast<unsigned char>(m_quantum >> 8), static_cast<unsigned char>(m_quantum)};
            emit(bytes, 3);
            m_quantum = 0;
            m_groups = 0;
        }
    }
}

bool Base64FileWriter::finish(std::string& problem) {
    m_finished = true;
    if (m_problem.empty() && m_groups == 1) m_problem = "the base64 data ends in the middle of a byte";
    if (m_problem.empty() && m_groups > 1) {
        // The last quantum, with or without its '=' padding.
        const std::uint32_t bits = m_quantum << (6 * (4 - m_groups));
        const unsigned char bytes[2] = {static_cast<unsigned char>(bits >> 16), static_cast<unsigned char>(bits >> 8)};
        emit(bytes, static_cast<std::size_t>(m_groups - 1));
        m_groups = 0;
    }
    if (m_out.is_open()) {
        m_out.write(m_buffer, static_cast<std::streamsize>(m_buffered));
        m_buffered = 0;
        m_out.close();
        if (m_problem.empty() && !m_out) m_problem = "cannot write " + m_path.string();
    }
    if (!m_problem.empty() && !m_path.empty()) {
        std::error_code error;
        std::filesystem::remove(m_path, error);
    }
    problem = m_problem;
    return m_problem.empty();
}

}  // namespace baton::extract
