// A .bz2 file read as a stream of decompressed bytes, for libxml2's I/O callbacks.
#include "extractors/common/bzip2_input.hpp"

#include <bzlib.h>

#include "core/error.hpp"

namespace baton::extract {

Bzip2Input::Bzip2Input(const std::string& path) : m_file(std::fopen(path.c_str(), "rb")) {
    if (m_file == nullptr) {
        throw InputError(ExitCode::input_unreadable, {path, 0, 0}, "cannot open the file",
                         "check that the file is readable by this user");
    }
    int status = BZ_OK;
    m_stream = BZ2_bzReadOpen(&status, m_file, 0, 0, nullptr, 0);
    if (status != BZ_OK) {
        std::fclose(m_file);
        throw InputError(ExitCode::input_unreadable, {path, 0, 0}, "cannot start reading the .bz2 file");
    }
}

Bzip2Input::~Bzip2Input() {
    int status = BZ_OK;
    if (m_stream != nullptr) BZ2_bzReadClose(&status, static_cast<BZFILE*>(m_stream));
    if (m_file != nullptr) std::fclose(m_file);
}

int Bzip2Input::read(char* buffer, int size) {
    if (m_end || size <= 0) return 0;
    int status = BZ_OK;
    const int got = BZ2_bzRead(&status, static_cast<BZFILE*>(m_stream), buffer, size);
    if (status == BZ_STREAM_END) {
        // Dumps are often several .bz2 streams concatenated (pbzip2, dumps split and joined).
        void* unused = nullptr;
        int unused_count = 0;
        BZ2_bzReadGetUnused(&status, static_cast<BZFILE*>(m_stream), &unused, &unused_count);
        const std::string rest(static_cast<char*>(unused), static_cast<std::size_t>(unused_count));
        BZ2_bzReadClose(&status, static_cast<BZFILE*>(m_stream));
        m_stream = nullptr;
        if (rest.empty() && std::feof(m_file) != 0) {
            m_end = true;
        } else {
            m_stream = BZ2_bzReadOpen(&status, m_file, 0, 0, const_cast<char*>(rest.data()),
                                      static_cast<int>(rest.size()));
            if (status != BZ_OK) m_end = true;
        }
        return got;
    }
    if (status != BZ_OK) {
        m_error = status == BZ_DATA_ERROR || status == BZ_DATA_ERROR_MAGIC ? "the .bz2 data is corrupt"
                  : status == BZ_UNEXPECTED_EOF                           ? "the .bz2 file ends early"
                                                                           : "the .bz2 file cannot be read";
        return -1;
    }
    return got;
}

std::uint64_t Bzip2Input::compressed_bytes_read() const {
    const long position = m_file != nullptr ? std::ftell(m_file) : 0;
    return position < 0 ? 0 : static_cast<std::uint64_t>(position);
}

}  // namespace baton::extract
