// The raw bytes of an XML file, plain, gzip or bzip2 (told by content, not by name), or of a stream, in chunks.
#include "extractors/common/xml_byte_source.hpp"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <utility>

#include "core/error.hpp"

namespace baton::extract {
namespace {

[[noreturn]] void unreadable(const std::string& path, const std::string& what) {
    throw InputError(ExitCode::input_unreadable, {path, 0, 0}, what, "check that the file is readable by this user");
}

}  // namespace

XmlByteSource::XmlByteSource(const std::string& path) : m_path(path) {
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (m_fd < 0) unreadable(path, std::string("cannot open the file: ") + std::strerror(errno));
    std::array<unsigned char, 3> magic{};
    const ssize_t got = ::pread(m_fd, magic.data(), magic.size(), 0);
    if (got == 3 && magic[0] == 'B' && magic[1] == 'Z' && magic[2] == 'h') {
        ::close(m_fd);
        m_fd = -1;
        m_bzip2 = std::make_unique<Bzip2Input>(path);
    } else if (got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b) {
        m_gzip = gzdopen(m_fd, "rb");
        if (m_gzip == nullptr) unreadable(path, "cannot start reading the gzip file");
        m_fd = -1;  // owned by zlib now
        gzbuffer(static_cast<gzFile>(m_gzip), 256U * 1024U);
    }
}

XmlByteSource::XmlByteSource(std::string path, std::unique_ptr<StreamInput> input)
    : m_path(std::move(path)), m_stream(std::move(input)) {}

XmlByteSource::~XmlByteSource() {
    if (m_gzip != nullptr) gzclose(static_cast<gzFile>(m_gzip));
    if (m_fd >= 0) ::close(m_fd);
}

std::size_t XmlByteSource::read(char* buffer, std::size_t size) {
    if (m_pending_error) std::rethrow_exception(std::exchange(m_pending_error, nullptr));
    if (m_stream == nullptr && m_bzip2 == nullptr && m_gzip == nullptr) return read_piece(buffer, size);
    // Decoded input comes in pieces, so that the bytes before corrupt data still reach the parser (and
    // what they hold is kept); the fault is raised by the next call.
    constexpr std::size_t piece_size = 8192;
    std::size_t got = 0;
    while (got < size) {
        std::size_t piece = 0;
        try {
            piece = read_piece(buffer + got, std::min(piece_size, size - got));
        } catch (const InputError&) {
            if (got == 0) throw;
            m_pending_error = std::current_exception();
            break;
        }
        if (piece == 0) break;
        got += piece;
    }
    return got;
}

std::size_t XmlByteSource::read_piece(char* buffer, std::size_t size) {
    if (m_stream) {
        const int got = m_stream->read(buffer, static_cast<int>(size));
        if (got < 0) {
            throw InputError(ExitCode::malformed_input, {m_path, 0, 0}, m_stream->error(),
                             "check the download or make the archive again");
        }
        return static_cast<std::size_t>(got);
    }
    if (m_bzip2) {
        const int got = m_bzip2->read(buffer, static_cast<int>(size));
        if (got < 0) {
            throw InputError(ExitCode::malformed_input, {m_path, 0, 0}, m_bzip2->error(),
                             "check the download or compress the dump again");
        }
        return static_cast<std::size_t>(got);
    }
    if (m_gzip != nullptr) {
        const int got = gzread(static_cast<gzFile>(m_gzip), buffer, static_cast<unsigned>(size));
        if (got < 0) {
            int code = 0;
            const char* message = gzerror(static_cast<gzFile>(m_gzip), &code);
            throw InputError(ExitCode::malformed_input, {m_path, 0, 0},
                             std::string("corrupt gzip data: ") + (message != nullptr ? message : "unknown error"),
                             "check the download or compress the dump again");
        }
        return static_cast<std::size_t>(got);
    }
    for (;;) {
        const ssize_t got = ::read(m_fd, buffer, size);
        if (got >= 0) {
            m_plain_read += static_cast<std::uint64_t>(got);
            return static_cast<std::size_t>(got);
        }
        if (errno != EINTR) unreadable(m_path, std::string("cannot read the file: ") + std::strerror(errno));
    }
}

std::uint64_t XmlByteSource::file_bytes_read() const {
    if (m_stream) return m_stream->bytes_read();
    if (m_bzip2) return m_bzip2->compressed_bytes_read();
    if (m_gzip != nullptr) {
        const auto offset = gzoffset(static_cast<gzFile>(m_gzip));
        return offset < 0 ? 0 : static_cast<std::uint64_t>(offset);
    }
    return m_plain_read;
}

}  // namespace baton::extract
