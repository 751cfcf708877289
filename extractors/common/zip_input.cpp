// A .zip archive's directory and one entry read as a stream of inflated bytes (zlib), never whole in memory.
#include "extractors/common/zip_input.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <filesystem>

#include "core/error.hpp"

namespace baton::extract {

struct ZipInflateState {
    z_stream stream{};
};

namespace {

constexpr std::uint32_t end_of_directory_signature = 0x06054b50;
constexpr std::uint32_t zip64_locator_signature = 0x07064b50;
constexpr std::uint32_t zip64_end_signature = 0x06064b50;
constexpr std::uint32_t directory_entry_signature = 0x02014b50;
constexpr std::uint32_t local_header_signature = 0x04034b50;

std::uint64_t little_endian(const unsigned char* bytes, int count) {
    std::uint64_t value = 0;
    for (int i = count - 1; i >= 0; --i) value = (value << 8) | bytes[i];
    return value;
}

[[noreturn]] void not_a_zip(const std::string& path, const std::string& problem) {
    throw InputError(ExitCode::malformed_input, {path, 0, 0}, "not a readable .zip archive: " + problem,
                     "check the download, or unpack the export and give its folder instead");
}

struct File {
    explicit File(const std::string& path) : handle(std::fopen(path.c_str(), "rb")) {}
    ~File() {
        if (handle != nullptr) std::fclose(handle);
    }
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    bool read_at(std::uint64_t offset, unsigned char* into, std::size_t size) const {
        return fseeko(handle, static_cast<off_t>(offset), SEEK_SET) == 0 && std::fread(into, 1, size, handle) == size;
    }
    std::FILE* handle;
};

}  // namespace

ZipArchive::ZipArchive(const std::string& path) : m_path(path) {
    std::error_code error;
    const std::uint64_t file_size = std::filesystem::file_size(path, error);
    if (error) {
        throw InputError(ExitCode::input_unreadable, {path, 0, 0}, "cannot read the file: " + error.message());
    }
    const File file(path);
    if (file.handle == nullptr) {
        throw InputError(ExitCode::input_unreadable, {path, 0, 0}, "cannot open the file",
                         "check that the file is readable by this user");
    }
    // The end-of-directory record is the last 22 bytes plus a comment of up to 65535 bytes.
    const std::uint64_t tail_size = std::min<std::uint64_t>(file_size, 22 + 65535);
    if (tail_size < 22) not_a_zip(path, "the file is too short");
    std::vector<unsigned char> tail(tail_size);
    if (!file.read_at(file_size - tail_size, tail.data(), tail.size())) not_a_zip(path, "cannot read its end");
    std::size_t at = tail.size() - 22 + 1;
    bool found = false;
    while (at-- > 0) {
        if (little_endian(&tail[at], 4) == end_of_directory_signature) {
            found = true;
            break;
        }
    }
    if (!found) {
        not_a_zip(path, "no end-of-directory record (the archive is truncated or not a zip)");
    }
    const unsigned char* record = &tail[at];
    m_entry_count = little_endian(record + 10, 2);
    m_directory_size = little_endian(record + 12, 4);
    m_directory_offset = little_endian(record + 16, 4);
    const std::uint64_t record_offset = file_size - tail_size + at;
    if ((m_entry_count == 0xFFFF || m_directory_size == 0xFFFFFFFF || m_directory_offset == 0xFFFFFFFF) &&
        record_offset >= 20) {
        std::array<unsigned char, 20> locator{};
        std::array<unsigned char, 56> zip64{};
        if (file.read_at(record_offset - 20, locator.data(), locator.size()) &&
            little_endian(locator.data(), 4) == zip64_locator_signature &&
            file.read_at(little_endian(locator.data() + 8, 8), zip64.data(), zip64.size()) &&
            little_endian(zip64.data(), 4) == zip64_end_signature) {
            m_entry_count = little_endian(zip64.data() + 32, 8);
            m_directory_size = little_endian(zip64.data() + 40, 8);
            m_directory_offset = little_endian(zip64.data() + 48, 8);
        }
    }
    if (m_directory_offset + m_directory_size > file_size) {
        not_a_zip(path, "its directory lies past the end of the file (truncated?)");
    }
}

void ZipArchive::for_each_entry(const std::function<bool(const ZipEntry&)>& visit) const {
    const File file(m_path);
    if (file.handle == nullptr || fseeko(file.handle, static_cast<off_t>(m_directory_offset), SEEK_SET) != 0) {
        not_a_zip(m_path, "cannot read its directory");
    }
    std::array<unsigned char, 46> header{};
    std::vector<unsigned char> extra;
    ZipEntry entry;
    for (std::uint64_t index = 0; index < m_entry_count; ++index) {
        if (std::fread(header.data(), 1, header.size(), file.handle) != header.size() ||
            little_endian(header.data(), 4) != directory_entry_signature) {
            not_a_zip(m_path, "directory entry " + std::to_string(index + 1) + " is damaged");
        }
        const auto name_length = static_cast<std::size_t>(little_endian(&header[28], 2));
        const auto extra_length = static_cast<std::size_t>(little_endian(&header[30], 2));
        const auto comment_length = static_cast<long>(little_endian(&header[32], 2));
        entry.method = static_cast<std::uint16_t>(little_endian(&header[10], 2));
        if ((little_endian(&header[8], 2) & 1U) != 0) entry.method = 0xFFFF;  // encrypted: unreadable
        entry.compressed_size = little_endian(&header[20], 4);
        entry.size = little_endian(&header[24], 4);
        entry.local_header_offset = little_endian(&header[42], 4);
        entry.name.resize(name_length);
        extra.resize(extra_length);
        if (std::fread(entry.name.data(), 1, name_length, file.handle) != name_length ||
            std::fread(extra.data(), 1, extra_length, file.handle) != extra_length ||
            std::fseek(file.handle, comment_length, SEEK_CUR) != 0) {
            not_a_zip(m_path, "directory entry " + std::to_string(index + 1) + " is cut short");
        }
        // Zip64: the sizes and offset that did not fit are in extra field 0x0001, in this order.
        for (std::size_t at = 0; at + 4 <= extra.size();) {
            const auto id = little_endian(&extra[at], 2);
            const auto length = static_cast<std::size_t>(little_endian(&extra[at + 2], 2));
            std::size_t field = at + 4;
            const std::size_t end = std::min(extra.size(), field + length);
            if (id == 0x0001) {
                for (std::uint64_t* value : {&entry.size, &entry.compressed_size, &entry.local_header_offset}) {
                    if (*value != 0xFFFFFFFF || field + 8 > end) continue;
                    *value = little_endian(&extra[field], 8);
                    field += 8;
                }
            }
            at += 4 + length;
        }
        if (!visit(entry)) return;
    }
}

bool ZipArchive::find(const std::string& name, ZipEntry& found, bool anywhere) const {
    bool matched = false;
    for_each_entry([&](const ZipEntry& entry) {
        const bool exact = entry.name == name;
        if (exact || (anywhere && entry.name.size() > name.size() && entry.name.ends_with("/" + name) && !matched)) {
            found = entry;
            matched = true;
        }
        return !exact;  // an exact match wins over one in a subfolder
    });
    return matched;
}

ZipEntryInput::ZipEntryInput(const ZipArchive& archive, const ZipEntry& entry)
    : m_file(std::fopen(archive.path().c_str(), "rb")), m_entry(entry), m_buffer(64 * 1024) {
    const std::string where = archive.path() + "!/" + entry.name;
    if (m_file == nullptr) {
        throw InputError(ExitCode::input_unreadable, {archive.path(), 0, 0}, "cannot open the file");
    }
    std::array<unsigned char, 30> header{};
    if (fseeko(m_file, static_cast<off_t>(entry.local_header_offset), SEEK_SET) != 0 ||
        std::fread(header.data(), 1, header.size(), m_file) != header.size() ||
        little_endian(header.data(), 4) != local_header_signature) {
        std::fclose(m_file);
        not_a_zip(where, "the entry's local header is missing or damaged");
    }
    const auto skip = static_cast<long>(little_endian(&header[26], 2) + little_endian(&header[28], 2));
    if (entry.method != 0 && entry.method != 8) {
        std::fclose(m_file);
        throw InputError(ExitCode::malformed_input, {where, 0, 0},
                         entry.method == 0xFFFF ? "the entry is encrypted"
                                                : "the entry uses compression method " + std::to_string(entry.method) +
                                                      "; only stored and deflated entries are read",
                         "unpack the export and give its folder instead");
    }
    std::fseek(m_file, skip, SEEK_CUR);
    if (entry.method == 8) {
        m_inflate = std::make_unique<ZipInflateState>();
        if (inflateInit2(&m_inflate->stream, -MAX_WBITS) != Z_OK) {
            std::fclose(m_file);
            throw InputError(ExitCode::internal, {where, 0, 0}, "cannot start zlib");
        }
    }
}

ZipEntryInput::~ZipEntryInput() {
    if (m_inflate) inflateEnd(&m_inflate->stream);
    if (m_file != nullptr) std::fclose(m_file);
}

int ZipEntryInput::read(char* buffer, int size) {
    if (m_end || size <= 0) return 0;
    if (!m_inflate) {  // stored
        const std::uint64_t left = m_entry.compressed_size - m_compressed_read;
        if (left == 0) {
            m_end = true;
            return 0;
        }
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left, static_cast<std::uint64_t>(size)));
        const std::size_t got = std::fread(buffer, 1, want, m_file);
        m_compressed_read += got;
        if (got < want) {
            m_error = "the archive ends inside the entry (truncated zip)";
            return -1;
        }
        return static_cast<int>(got);
    }
    z_stream& stream = m_inflate->stream;
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = static_cast<uInt>(size);
    while (stream.avail_out == static_cast<uInt>(size)) {
        if (stream.avail_in == 0) {
            const std::uint64_t left = m_entry.compressed_size - m_compressed_read;
            const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(left, m_buffer.size()));
            const std::size_t got = want == 0 ? 0 : std::fread(m_buffer.data(), 1, want, m_file);
            m_compressed_read += got;
            if (got == 0) {
                m_error = "the archive ends inside the compressed entry (truncated zip)";
                return -1;
            }
            stream.next_in = m_buffer.data();
            stream.avail_in = static_cast<uInt>(got);
        }
        const int status = inflate(&stream, Z_NO_FLUSH);
        if (status == Z_STREAM_END) {
            m_end = true;
            break;
        }
        if (status != Z_OK && status != Z_BUF_ERROR) {
            m_error = std::string("the compressed entry is corrupt (zlib: ") +
                      (stream.msg != nullptr ? stream.msg : "inflate failed") + ")";
            return -1;
        }
    }
    const int produced = size - static_cast<int>(stream.avail_out);
    m_produced += static_cast<std::uint64_t>(produced);
    return produced;
}

std::string ZipEntryInput::read_all(std::size_t limit) {
    std::string text;
    std::array<char, 8192> chunk{};
    while (text.size() < limit) {
        const int got = read(chunk.data(), static_cast<int>(chunk.size()));
        if (got < 0) throw InputError(ExitCode::malformed_input, {m_entry.name, 0, 0}, m_error);
        if (got == 0) break;
        text.append(chunk.data(), static_cast<std::size_t>(got));
    }
    return text;
}

}  // namespace baton::extract
