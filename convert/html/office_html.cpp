// Office HTML specifics: downlevel conditionals marked for the parser, Word list paragraphs recognised.
#include "convert/html/office_html.hpp"

#include <cctype>

#include "convert/text_scan.hpp"
#include "core/text.hpp"

namespace baton::convert::detail {

namespace {

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view prefix) {
    if (text.size() - at < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(text[at + i])) != prefix[i]) return false;
    }
    return true;
}

}  // namespace

std::string mark_downlevel_conditionals(std::string_view html) {
    std::string out;
    out.reserve(html.size());
    std::size_t i = 0;
    while (i < html.size()) {
        const auto next = html.find("<!", i);
        if (next == std::string_view::npos) break;
        out.append(html.substr(i, next - i));
        if (starts_with_nocase(html, next, "<![if")) {
            const auto end = find_within(html, "]", next + 5, 256);
            if (end != std::string_view::npos && end + 1 < html.size() && html[end + 1] == '>') {
                std::string condition(html.substr(next + 5, end - next - 5));
                for (auto& c : condition) {
                    if (c == '"' || c == '<' || c == '>' || c == '&') c = ' ';
                }
                out += "<baton-if cond=\"" + condition + "\">";
                i = end + 2;
                continue;
            }
        } else if (starts_with_nocase(html, next, "<![endif]>")) {
            out += "</baton-if>";
            i = next + 10;
            continue;
        } else if (starts_with_nocase(html, next, "<!--")) {  // copy comments untouched
            const auto end = html.find("-->", next + 4);
            const auto stop = end == std::string_view::npos ? html.size() : end + 3;
            out.append(html.substr(next, stop - next));
            i = stop;
            continue;
        }
        out += "<!";
        i = next + 2;
    }
    if (i < html.size()) out.append(html.substr(i));
    return out;
}

std::optional<WordListParagraph> word_list_paragraph(std::string_view style, std::string_view css_class) {
    const std::string lower_style = text::to_lower_ascii(style);
    const auto at = lower_style.find("mso-list:");
    if (at == std::string::npos) {
        if (text::to_lower_ascii(css_class).starts_with("msolistparagraph")) return WordListParagraph{};
        return std::nullopt;
    }
    std::string_view value(lower_style);
    value = value.substr(at + 9);
    value = value.substr(0, value.find(';'));
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (value.starts_with("ignore") || value.starts_with("none") || value.starts_with("skip")) return std::nullopt;
    WordListParagraph paragraph;
    if (value.starts_with('l')) {
        std::size_t end = 1;
        while (end < value.size() && std::isdigit(static_cast<unsigned char>(value[end]))) ++end;
        paragraph.list_id = std::string(value.substr(0, end));
    }
    if (const auto level = value.find("level"); level != std::string_view::npos) {
        int number = 0;
        for (std::size_t k = level + 5; k < value.size() && std::isdigit(static_cast<unsigned char>(value[k])); ++k) {
            number = number * 10 + (value[k] - '0');
            if (number > 9) break;
        }
        if (number >= 1 && number <= 9) paragraph.level = number;
    }
    return paragraph;
}

bool is_ordered_marker(std::string_view marker) {
    // Trim ASCII spaces and no-break spaces (U+00A0 as C2 A0).
    std::string text;
    for (std::size_t i = 0; i < marker.size(); ++i) {
        const auto c = static_cast<unsigned char>(marker[i]);
        if (c == 0xC2 && i + 1 < marker.size() && static_cast<unsigned char>(marker[i + 1]) == 0xA0) {
            ++i;
            continue;
        }
        if (std::isspace(c)) continue;
        text += static_cast<char>(c);
    }
    if (text.size() < 2 || text.size() > 6) return false;
    const char last = text.back();
    if (last != '.' && last != ')') return false;
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (!std::isalnum(c) && text[i] != '.') return false;
    }
    return true;
}

bool is_word_marker_style(std::string_view style) {
    const std::string lower_style = text::to_lower_ascii(style);
    const auto at = lower_style.find("mso-list:");
    return at != std::string::npos && lower_style.compare(at + 9, 6, "ignore") == 0;
}

}  // namespace baton::convert::detail
