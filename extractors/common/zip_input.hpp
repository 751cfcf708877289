// A .zip archive's directory and one entry read as a stream of inflated bytes (zlib), never whole in memory.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "extractors/common/stream_input.hpp"

namespace baton::extract {

struct ZipEntry {
    std::string name;
    std::uint16_t method = 0;  // 0 stored, 8 deflated
    std::uint64_t compressed_size = 0;
    std::uint64_t size = 0;
    std::uint64_t local_header_offset = 0;
};

// Reads the central directory at the end of the archive (zip64 included). Entries are visited one at a
// time, so an archive with many attachments does not fill memory.
class ZipArchive {
public:
    explicit ZipArchive(const std::string& path);  // throws InputError when it is not a readable zip
    [[nodiscard]] const std::string& path() const noexcept { return m_path; }
    [[nodiscard]] std::uint64_t entry_count() const noexcept { return m_entry_count; }
    // Calls `visit` for every entry in directory order; stops early when it returns false.
    void for_each_entry(const std::function<bool(const ZipEntry&)>& visit) const;
    // The entry named `name` (exactly, or ending in "/" + name when `anywhere`), if present.
    [[nodiscard]] bool find(const std::string& name, ZipEntry& found, bool anywhere = false) const;

private:
    std::string m_path;
    std::uint64_t m_directory_offset = 0;
    std::uint64_t m_directory_size = 0;
    std::uint64_t m_entry_count = 0;
};

// One entry's bytes, inflated as they are read.
class ZipEntryInput : public StreamInput {
public:
    ZipEntryInput(const ZipArchive& archive, const ZipEntry& entry);
    ~ZipEntryInput() override;
    ZipEntryInput(const ZipEntryInput&) = delete;
    ZipEntryInput& operator=(const ZipEntryInput&) = delete;

    int read(char* buffer, int size) override;
    [[nodiscard]] std::uint64_t bytes_read() const override { return m_compressed_read; }
    [[nodiscard]] std::string error() const override { return m_error; }
    // Everything, for small entries such as exportDescriptor.properties.
    [[nodiscard]] std::string read_all(std::size_t limit);

private:
    std::FILE* m_file = nullptr;
    std::unique_ptr<struct ZipInflateState> m_inflate;
    ZipEntry m_entry;
    std::uint64_t m_compressed_read = 0;
    std::uint64_t m_produced = 0;
    std::vector<unsigned char> m_buffer;
    bool m_end = false;
    std::string m_error;
};

}  // namespace baton::extract
