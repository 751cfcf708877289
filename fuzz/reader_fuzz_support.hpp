// Shared by the reader fuzz targets: bytes through one reader, every writer and the sanitiser's checks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "convert/registry.hpp"
#include "core/error.hpp"

namespace baton::fuzz {

// The HTML writer's allow-list (docs/commands/convert.md), checked on its output: every tag is one of the
// allowed elements, every attribute one of the allowed names with a quoted value, and href/src values never
// start a script or data URL (data:image/... only in src). Text and values are escaped, so a '<' always
// starts a tag and a '"' always ends a value: any mismatch is a writer bug.
inline bool allowed_html(std::string_view html) {
    static constexpr std::string_view tags[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "li", "dt",
                                                "dd", "table", "caption", "tr", "th", "td", "pre", "code",
                                                "blockquote", "hr", "em", "strong", "a", "img", "br"};
    static constexpr std::string_view attributes[] = {"title", "lang", "dir", "href", "src", "alt", "width", "height",
                                                      "colspan", "rowspan", "start", "class", "data-format",
                                                      "data-reason"};
    const auto lower = [](std::string_view text) {
        std::string out(text);
        for (auto& c : out) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        return out;
    };
    std::size_t at = 0;
    while ((at = html.find('<', at)) != std::string_view::npos) {
        ++at;
        if (at < html.size() && html[at] == '/') ++at;
        const std::size_t name_end = html.find_first_of(" >", at);
        if (name_end == std::string_view::npos) return false;
        const std::string_view tag = html.substr(at, name_end - at);
        bool known = false;
        for (const auto allowed : tags) known = known || tag == allowed;
        if (!known) return false;
        at = name_end;
        while (at < html.size() && html[at] == ' ') {
            const std::size_t equals = html.find("=\"", at);
            if (equals == std::string_view::npos) return false;
            const std::string_view name = html.substr(at + 1, equals - at - 1);
            bool allowed_name = false;
            for (const auto allowed : attributes) allowed_name = allowed_name || name == allowed;
            if (!allowed_name) return false;
            const std::size_t value_end = html.find('"', equals + 2);
            if (value_end == std::string_view::npos) return false;
            const std::string value = lower(html.substr(equals + 2, value_end - equals - 2));
            if ((name == "href" || name == "src") &&
                (value.find("script:") != std::string::npos ||
                 (value.starts_with("data:") && !(name == "src" && value.starts_with("data:image/"))))) {
                return false;
            }
            at = value_end + 1;
        }
        if (at < html.size() && html[at] == '/') ++at;  // <br/>, <hr/>, <img .../>
        if (at >= html.size() || html[at] != '>') return false;
    }
    return true;
}

// Runs reader `name` on the bytes, then each writer. Text that is not UTF-8 ends in InputError (expected);
// anything else escaping, a crash, a sanitizer report or HTML output outside the allow-list is a finding.
inline void run_reader(std::string_view name, const std::uint8_t* data, std::size_t size) {
    const convert::ReaderKind* reader = convert::find_reader(name);
    if (reader == nullptr) __builtin_trap();  // the target names a reader the registry does not know
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const auto& writer : convert::writer_kinds()) {
        try {
            const convert::Conversion conversion = convert::convert_text(text, *reader, writer);
            if (writer.name == "html" && !allowed_html(conversion.output)) __builtin_trap();
        } catch (const InputError&) {
            return;  // not UTF-8: refused before any reader runs, the same for every writer
        }
    }
}

}  // namespace baton::fuzz
