// Base64 text decoded as it arrives, straight into a file: an attachment never has to be held whole in memory.
#include "extractors/common/base64_file.hpp"

#include <algorithm>
#include <cstring>

namespace baton::extract {

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
    m_decoded.clear();
    const bool good = m_decoder.feed(text, m_decoded);
    emit(reinterpret_cast<const unsigned char*>(m_decoded.data()), m_decoded.size());
    if (!good) m_problem = m_decoder.problem();
}

bool Base64FileWriter::finish(std::string& problem) {
    m_finished = true;
    if (m_problem.empty()) {
        // The last group, with or without its '=' padding.
        m_decoded.clear();
        const bool good = m_decoder.finish(m_decoded);
        emit(reinterpret_cast<const unsigned char*>(m_decoded.data()), m_decoded.size());
        if (!good) m_problem = m_decoder.problem();
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
