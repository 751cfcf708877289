// A strict RFC 4180 reader for the tests: what baton writes must pass it (CRLF records, nothing tolerated).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace baton::test {

// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes, nothing else tolerated.
inline std::vector<std::vector<std::string>> parse_csv_strictly(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '"') {
            ++i;
            while (true) {
                if (i >= text.size()) throw std::runtime_error("unterminated quoted field");
                if (text[i] == '"') {
                    if (i + 1 < text.size() && text[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += text[i++];
            }
        } else {
            while (i < text.size() && text[i] != ',' && text[i] != '\r') {
                if (text[i] == '"' || text[i] == '\n') throw std::runtime_error("bare quote or LF in unquoted field");
                field += text[i++];
            }
        }
        row.push_back(std::move(field));
        field.clear();
        if (i < text.size() && text[i] == ',') {
            ++i;
        } else if (i + 1 < text.size() && text[i] == '\r' && text[i + 1] == '\n') {
            i += 2;
            rows.push_back(std::move(row));
            row.clear();
        } else if (i < text.size()) {
            throw std::runtime_error("expected , or CRLF after a field");
        }
    }
    if (!row.empty()) throw std::runtime_error("last record lacks its CRLF");
    return rows;
}

}  // namespace baton::test
