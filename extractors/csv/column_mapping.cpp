// Which CSV column holds which model field: from `extract --columns`, from the mapping file later, or by header names.
#include "extractors/csv/column_mapping.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::extract::csv {
namespace {

constexpr const char* columns_hint =
    "write --columns FIELD=COLUMN,... with FIELD one of title, body, author, created, modified, container, id "
    "and COLUMN as the header names it, e.g. --columns \"title=Title,author=Created By\"";

std::optional<std::size_t> field_position(std::string_view field) {
    const auto found = std::find(mapped_fields.begin(), mapped_fields.end(), field);
    if (found == mapped_fields.end()) return std::nullopt;
    return static_cast<std::size_t>(found - mapped_fields.begin());
}

std::string unquoted(std::string_view value) {
    std::string trimmed = text::trim(value);
    if (trimmed.size() >= 2 && trimmed.front() == '"' && trimmed.back() == '"') trimmed = trimmed.substr(1, trimmed.size() - 2);
    return trimmed;
}

std::optional<std::size_t> find_column(const std::vector<std::string>& header, const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) return i;
    }
    const std::string lower = text::to_lower_ascii(name);
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (text::to_lower_ascii(text::trim(header[i])) == lower) return i;
    }
    return std::nullopt;
}

// Column names tried for a field --columns leaves out: its own name, then what SharePoint lists
// and spreadsheets usually call it.
std::vector<std::string> default_names(std::string_view field) {
    if (field == "author") return {"author", "created by", "creator"};
    if (field == "container") return {"container", "folder", "path", "category"};
    if (field == "body") return {"body", "content", "description"};
    return {std::string(field)};
}

}  // namespace

const std::optional<std::size_t>& ResolvedColumns::of(std::string_view field) const {
    static const std::optional<std::size_t> none;
    const auto position = field_position(field);
    return position ? index[*position] : none;
}

std::vector<std::pair<std::string, std::string>> parse_columns_option(std::string_view option) {
    std::vector<std::string> entries;
    std::string current;
    bool in_quotes = false;
    for (const char c : option) {
        if (c == '"') in_quotes = !in_quotes;
        if (c == ',' && !in_quotes) {
            entries.push_back(std::move(current));
            current.clear();
            continue;
        }
        current += c;
    }
    if (in_quotes) throw UsageError("--columns: a double quote is not closed in \"" + std::string(option) + "\"", columns_hint);
    entries.push_back(std::move(current));

    std::vector<std::pair<std::string, std::string>> mapping;
    for (const auto& entry : entries) {
        if (text::trim(entry).empty()) continue;
        const auto equals = entry.find('=');
        if (equals == std::string::npos) {
            throw UsageError("--columns: \"" + entry + "\" is not FIELD=COLUMN", columns_hint);
        }
        const std::string field = text::to_lower_ascii(text::trim(entry.substr(0, equals)));
        const std::string column = unquoted(entry.substr(equals + 1));
        if (!field_position(field)) throw UsageError("--columns: unknown field \"" + field + "\"", columns_hint);
        if (column.empty()) throw UsageError("--columns: no column named for " + field, columns_hint);
        if (std::any_of(mapping.begin(), mapping.end(), [&](const auto& pair) { return pair.first == field; })) {
            throw UsageError("--columns: " + field + " is given twice", columns_hint);
        }
        mapping.emplace_back(field, column);
    }
    return mapping;
}

ResolvedColumns resolve_columns(const std::vector<std::pair<std::string, std::string>>& mapping,
                                const std::vector<std::string>& header, const std::string& file) {
    ResolvedColumns resolved;
    for (const auto& [field, column] : mapping) {
        const auto position = field_position(field);
        if (!position) throw UsageError("column mapping: unknown field \"" + field + "\"", columns_hint);
        const auto index = find_column(header, column);
        if (!index) {
            std::string names;
            for (const auto& name : header) names += (names.empty() ? "" : ", ") + name;
            throw UsageError("the column \"" + column + "\" (for " + field + ") is not in the header of " + file,
                             "the header has: " + names);
        }
        resolved.index[*position] = index;
    }
    for (std::size_t position = 0; position < mapped_fields.size(); ++position) {
        if (resolved.index[position]) continue;
        if (std::any_of(mapping.begin(), mapping.end(), [&](const auto& pair) { return pair.first == mapped_fields[position]; })) {
            continue;
        }
        for (const auto& name : default_names(mapped_fields[position])) {
            if (const auto index = find_column(header, name)) {
                resolved.index[position] = index;
                break;
            }
        }
    }
    return resolved;
}

}  // namespace baton::extract::csv
