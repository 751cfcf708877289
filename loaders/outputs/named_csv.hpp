// A CSV file baton wrote for people to edit, read back by its header's column names.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include "extractors/csv/csv_reader.hpp"

namespace baton::load {

// The header names the columns (case and surrounding blanks ignored) and must hold every `needed` one; a file
// without one is an InputError naming file, line and what was expected ("the header of `what`"), with `hint`.
// next() skips a row that is malformed or not as wide as the header, reporting it as "PATH:LINE: why".
class NamedCsv {
public:
    NamedCsv(const std::string& path, std::initializer_list<const char*> needed, const std::string& what,
             const std::string& hint);

    // The next well-formed row; false at the end. Rows skipped on the way are added to `problems`.
    bool next(std::vector<std::string>& problems);
    // A column of the current row, trimmed.
    [[nodiscard]] std::string field(const char* name) const;
    // Reports the current row as skipped, with why.
    void skip(std::vector<std::string>& problems, const std::string& why) const;

private:
    std::string m_path;
    extract::csv::CsvReader m_reader;
    extract::csv::CsvRecord m_record;
    std::map<std::string, std::size_t> m_columns;
    std::size_t m_width = 0;
};

}  // namespace baton::load
