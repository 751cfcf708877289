// Bounded and case-insensitive searches: readers must stay linear on hostile input (no unbounded rescans).
#pragma once

#include <cctype>
#include <string_view>

namespace baton::convert::detail {

// The first `needle` in text[from, from + limit), or npos.
[[nodiscard]] inline std::size_t find_within(std::string_view text, std::string_view needle, std::size_t from,
                                             std::size_t limit) {
    if (from >= text.size()) return std::string_view::npos;
    const std::string_view window = text.substr(from, limit + needle.size());
    const auto at = window.find(needle);
    return at == std::string_view::npos ? at : from + at;
}

// The first `lower_needle` (given in lower case) in text from `from`, ignoring ASCII case; npos if none.
[[nodiscard]] inline std::size_t find_nocase(std::string_view text, std::string_view lower_needle, std::size_t from) {
    if (lower_needle.empty() || from > text.size()) return std::string_view::npos;
    for (std::size_t i = from; i + lower_needle.size() <= text.size(); ++i) {
        std::size_t k = 0;
        while (k < lower_needle.size() &&
               std::tolower(static_cast<unsigned char>(text[i + k])) == static_cast<unsigned char>(lower_needle[k])) {
            ++k;
        }
        if (k == lower_needle.size()) return i;
    }
    return std::string_view::npos;
}

// Nesting limits of the wikitext reader: deeper input is kept as text or a flagged raw node.
inline constexpr int max_block_depth = 12;    // quotes, tables in cells, notes
inline constexpr int max_inline_depth = 8;    // links inside link labels
inline constexpr std::size_t max_list_depth = 16;
inline constexpr std::size_t max_open_formatting = 32;
inline constexpr std::size_t max_tag_length = 1024;
inline constexpr std::size_t max_link_length = 4096;

}  // namespace baton::convert::detail
