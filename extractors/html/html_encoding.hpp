// Which character encoding a legacy HTML page is in: byte order mark, declared charset, or a guess.
#pragma once

#include <string>
#include <string_view>

namespace baton::extract::html {

struct PageEncoding {
    std::string name;     // passed to libxml2: "UTF-8", "UTF-16LE", "windows-1252", ...
    std::string source;   // "bom", "meta", "guess" (nothing declared)
    std::string declared;  // the label as the page wrote it ("iso-8859-1"), "" when none
    bool declared_wrong = false;  // declared UTF-8, but the bytes are not: read as windows-1252 instead
};

// Detects the encoding of a page from its bytes: a byte order mark wins, then a charset declared in
// a <meta> near the top (HTML's prescan window), else UTF-8 when the bytes are valid UTF-8 and
// windows-1252 when not. Labels browsers read as windows-1252 (iso-8859-1, latin1, us-ascii) are
// mapped to it, as the WHATWG Encoding standard does, so 0x80-0x9F become the characters Word meant.
[[nodiscard]] PageEncoding detect_page_encoding(std::string_view bytes);

// The charset named by a <meta charset> or <meta http-equiv content="...; charset=..."> within `head`.
[[nodiscard]] std::string declared_charset(std::string_view head);

// `bytes` in `encoding` as UTF-8, without the byte order mark. Bytes the encoding does not define
// become U+FFFD (windows-1252's five holes become the C1 controls browsers give them); `replaced`
// counts them. Throws std::invalid_argument when iconv does not know the encoding.
[[nodiscard]] std::string to_utf8(std::string_view bytes, const PageEncoding& encoding, std::size_t& replaced);

}  // namespace baton::extract::html
