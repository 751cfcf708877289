// RFC 4180 CSV read one record at a time: quoted fields, doubled quotes, embedded newlines, CRLF or LF, a BOM.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace baton::extract::csv {

struct CsvRecord {
    std::vector<std::string> fields;
    std::int64_t line = 0;  // the line the record starts on (1-based)
};

class CsvReader {
public:
    // Opens `path`; throws InputError when it cannot be read. A UTF-8 byte order mark is skipped.
    explicit CsvReader(const std::string& path);

    // The next record into `record`; false at the end of the file. A record that cannot be read
    // (a quote left open to the end of the file, a quoted field followed by text, a record over
    // the size limit) comes back with `problem` set and whatever fields were read: the caller
    // reports and skips it, and reading goes on at the line after the record's first line.
    // Blank lines are skipped.
    bool next(CsvRecord& record, std::string& problem);

    [[nodiscard]] std::uint64_t bytes_consumed() const noexcept { return m_offset; }
    [[nodiscard]] std::uint64_t file_size() const noexcept { return m_size; }
    [[nodiscard]] bool had_bom() const noexcept { return m_bom; }
    [[nodiscard]] const std::string& path() const noexcept { return m_path; }

    // Records and quoted fields are limited in size so that a stray quote cannot swallow memory.
    static constexpr std::size_t max_record_bytes = 16 * 1024 * 1024;

private:
    int get();   // the next byte, or -1 at the end
    int peek();
    void seek(std::uint64_t offset, std::int64_t line);

    std::string m_path;
    std::ifstream m_in;
    std::vector<char> m_buffer;
    std::size_t m_position = 0;  // in m_buffer
    std::size_t m_filled = 0;
    std::uint64_t m_offset = 0;  // bytes consumed from the file
    std::uint64_t m_size = 0;
    std::int64_t m_line = 1;
    bool m_bom = false;
};

}  // namespace baton::extract::csv
