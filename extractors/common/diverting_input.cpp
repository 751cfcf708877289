// A dump's bytes (plain, .gz or .bz2) passed through a TextDiverter on their way to libxml2's I/O callbacks.
#include "extractors/common/diverting_input.hpp"

#include <zlib.h>

#include <algorithm>
#include <cstring>

#include "core/error.hpp"

namespace baton::extract {
namespace {

// UTF-16 and UTF-32 documents start with a byte-order mark or a NUL next to '<'; the diverter reads bytes
// as ASCII, so it is left out for them (the parser then gathers the text itself).
bool ascii_compatible(const std::string& first_bytes) {
    if (first_bytes.size() < 2) return true;
    const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(first_bytes[at]); };
    return !((byte(0) == 0xFE && byte(1) == 0xFF) || (byte(0) == 0xFF && byte(1) == 0xFE) || byte(0) == 0 ||
             byte(1) == 0);
}

}  // namespace

DivertingInput::DivertingInput(const std::string& path, std::string element_name, TextDiversion& diversion) {
    if (path.ends_with(".bz2")) {
        m_bzip2 = std::make_unique<Bzip2Input>(path);
    } else {
        m_gzip = gzopen(path.c_str(), "rb");
        if (m_gzip == nullptr) {
            throw InputError(ExitCode::input_unreadable, {path, 0, 0}, "cannot open the file",
                             "check that the file is readable by this user");
        }
        gzbuffer(static_cast<gzFile>(m_gzip), 65536);
    }
    m_diverter.emplace(std::move(element_name), diversion);
}

DivertingInput::~DivertingInput() {
    if (m_gzip != nullptr) gzclose(static_cast<gzFile>(m_gzip));
}

int DivertingInput::read_raw(char* buffer, int size) {
    if (m_bzip2) {
        const int got = m_bzip2->read(buffer, size);
        if (got < 0) m_error = m_bzip2->error();
        return got;
    }
    const int got = gzread(static_cast<gzFile>(m_gzip), buffer, static_cast<unsigned>(size));
    if (got < 0) {
        int code = 0;
        const char* message = gzerror(static_cast<gzFile>(m_gzip), &code);
        m_error = std::string("the gzip data is corrupt: ") + (message != nullptr ? message : "unknown error");
    }
    return got;
}

int DivertingInput::read(char* buffer, int size) noexcept {
    try {
        while (m_offset == m_staged.size() && !m_end) {
            char raw[16384];
            const int got = read_raw(raw, sizeof raw);
            if (got < 0) return -1;
            m_staged.clear();
            m_offset = 0;
            if (got == 0) {
                m_end = true;
                break;
            }
            const std::string_view bytes(raw, static_cast<std::size_t>(got));
            if (!m_sniffed) {
                m_sniffed = true;
                if (!ascii_compatible(std::string(bytes.substr(0, 2)))) m_diverter.reset();
            }
            if (m_diverter) {
                m_diverter->filter(bytes, m_staged);
            } else {
                m_staged.assign(bytes);
            }
        }
        const std::size_t count = std::min(static_cast<std::size_t>(size), m_staged.size() - m_offset);
        std::memcpy(buffer, m_staged.data() + m_offset, count);
        m_offset += count;
        return static_cast<int>(count);
    } catch (const std::exception& error) {  // nothing may cross libxml2's C frames
        m_error = error.what();
        return -1;
    }
}

std::uint64_t DivertingInput::file_bytes_read() const {
    if (m_bzip2) return m_bzip2->compressed_bytes_read();
    const auto offset = gzoffset(static_cast<gzFile>(m_gzip));
    return offset < 0 ? 0 : static_cast<std::uint64_t>(offset);
}

}  // namespace baton::extract
