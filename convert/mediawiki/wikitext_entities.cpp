// HTML entities in wikitext (&ouml;, &#777;, &#xAAA;), decoded to UTF-8 with libxml2's entity table.
#include <libxml/HTMLparser.h>

#include <cctype>

#include "convert/mediawiki/wikitext_context.hpp"
#include "convert/text_scan.hpp"
#include "core/text.hpp"

namespace baton::convert::detail {

std::size_t decode_entity(std::string_view text, std::size_t at, std::string& out) {
    const auto semicolon = find_within(text, ";", at, 12);
    if (semicolon == std::string_view::npos || semicolon - at > 12 || semicolon == at + 1) return 0;
    const std::string name(text.substr(at + 1, semicolon - at - 1));
    if (name[0] == '#') {
        unsigned long code = 0;
        const bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
        const std::string digits = name.substr(hex ? 2 : 1);
        if (digits.empty() || digits.size() > 7) return 0;
        for (const char c : digits) {
            const int value = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                              : hex && std::isxdigit(static_cast<unsigned char>(c))
                                  ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                                  : -1;
            if (value < 0) return 0;
            code = code * (hex ? 16 : 10) + static_cast<unsigned long>(value);
        }
        text::append_utf8(out, code);
        return semicolon - at + 1;
    }
    const htmlEntityDesc* entity = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
    if (!entity) return 0;
    text::append_utf8(out, entity->value);
    return semicolon - at + 1;
}

}  // namespace baton::convert::detail
