// RFC 4180 CSV read one record at a time: quoted fields, doubled quotes, embedded newlines, CRLF or LF, a BOM.
#include "extractors/csv/csv_reader.hpp"

#include <filesystem>

#include "core/error.hpp"

namespace baton::extract::csv {

CsvReader::CsvReader(const std::string& path) : m_path(path), m_buffer(65536) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error)) {
        throw InputError(ExitCode::input_unreadable, {path, 0, 0},
                         std::filesystem::exists(path, error) ? "not a regular file" : "no such file",
                         "check the path after csv: (relative paths start from the current folder)");
    }
    m_size = std::filesystem::file_size(path, error);
    m_in.open(path, std::ios::binary);
    if (!m_in) {
        throw InputError(ExitCode::input_unreadable, {path, 0, 0}, "cannot open the file",
                         "check that the file is readable by this user");
    }
    if (peek() == 0xEF) {
        get();
        if (get() == 0xBB && get() == 0xBF) {
            m_bom = true;
        } else {
            seek(0, 1);
        }
    }
}

int CsvReader::peek() {
    if (m_position == m_filled) {
        m_in.read(m_buffer.data(), static_cast<std::streamsize>(m_buffer.size()));
        m_filled = static_cast<std::size_t>(m_in.gcount());
        m_position = 0;
        if (m_filled == 0) return -1;
    }
    return static_cast<unsigned char>(m_buffer[m_position]);
}

int CsvReader::get() {
    const int c = peek();
    if (c < 0) return c;
    ++m_position;
    ++m_offset;
    if (c == '\n' || (c == '\r' && peek() != '\n')) ++m_line;  // LF, CRLF and a lone CR each end a line
    return c;
}

void CsvReader::seek(std::uint64_t offset, std::int64_t line) {
    m_in.clear();
    m_in.seekg(static_cast<std::streamoff>(offset));
    m_position = m_filled = 0;
    m_offset = offset;
    m_line = line;
}

bool CsvReader::next(CsvRecord& record, std::string& problem) {
    record.fields.clear();
    problem.clear();
    // Blank lines between records are not records.
    while (peek() == '\n' || peek() == '\r') get();
    if (peek() < 0) return false;
    record.line = m_line;
    std::uint64_t first_line_end = 0;  // where to go on when the record turns out unreadable
    std::size_t record_bytes = 0;
    std::string field;
    bool quoted = false;
    bool field_started = false;
    while (true) {
        const int c = get();
        if (first_line_end == 0 && (c == '\n' || (c == '\r' && peek() != '\n'))) first_line_end = m_offset;
        if (++record_bytes > max_record_bytes) {
            problem = quoted ? "a quoted field runs on for more than 16 MiB: a quote is probably not closed"
                             : "the record is longer than 16 MiB";
            break;
        }
        if (quoted) {
            if (c < 0) {
                problem = "the quoted field opened on this line is never closed";
                break;
            }
            if (c != '"') {
                field += static_cast<char>(c);
                continue;
            }
            if (peek() == '"') {  // a doubled quote is one quote
                get();
                field += '"';
                continue;
            }
            quoted = false;
            const int after = peek();
            if (after != ',' && after != '\n' && after != '\r' && after >= 0) {
                problem = "a quoted field is followed by text before the next comma";
                break;
            }
            continue;
        }
        if (c == '"' && !field_started) {
            quoted = true;
            field_started = true;
            continue;
        }
        if (c == ',') {
            record.fields.push_back(std::move(field));
            field.clear();
            field_started = false;
            continue;
        }
        if (c < 0 || c == '\n' || c == '\r') {
            if (c == '\r' && peek() == '\n') get();
            record.fields.push_back(std::move(field));
            return true;
        }
        field += static_cast<char>(c);  // a quote inside an unquoted field is kept as written
        field_started = true;
    }
    record.fields.push_back(std::move(field));
    // Go on at the line after the one the bad record started on, so one stray quote loses one row.
    if (first_line_end == 0) {
        while (true) {
            const int c = get();
            if (c < 0 || c == '\n') break;
        }
    } else {
        seek(first_line_end, record.line + 1);
    }
    return true;
}

}  // namespace baton::extract::csv
