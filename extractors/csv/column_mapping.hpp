// Which CSV column holds which model field: from `extract --columns`, from the mapping file later, or by header names.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace baton::extract::csv {

// The model fields a column can fill, in the order --columns documents them.
inline constexpr std::array<std::string_view, 7> mapped_fields = {"title", "body",      "author", "created",
                                                                  "modified", "container", "id"};

// "title=Title,author=Created By" -> {{"title", "Title"}, {"author", "Created By"}}. A column name
// holding a comma or an equals sign is written in double quotes: body="Notes, long". Throws
// UsageError for an unknown field, a field given twice, or an entry that is not FIELD=COLUMN.
[[nodiscard]] std::vector<std::pair<std::string, std::string>> parse_columns_option(std::string_view option);

// Field -> index of its column in `header`, for every field a column was found for. `mapping`
// (field -> column name, matched exactly, then ignoring ASCII case) decides; fields it leaves out
// take a column named like the field or a usual alias ("Created By" for author, "Folder" or "Path"
// for container). Throws UsageError when a column `mapping` names is not in the header.
struct ResolvedColumns {
    std::array<std::optional<std::size_t>, mapped_fields.size()> index;
    [[nodiscard]] const std::optional<std::size_t>& of(std::string_view field) const;
};
[[nodiscard]] ResolvedColumns resolve_columns(const std::vector<std::pair<std::string, std::string>>& mapping,
                                              const std::vector<std::string>& header, const std::string& file);

}  // namespace baton::extract::csv
