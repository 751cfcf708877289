// Which character encoding a legacy HTML page is in: byte order mark, declared charset, or a guess.
#include "extractors/html/html_encoding.hpp"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <stdexcept>

#include "core/text.hpp"
#include "extractors/common/utf8.hpp"

namespace baton::extract::html {
namespace {

// How far into a page a <meta> charset is looked for; Word puts it in the first lines, clipboard
// captures after a conditional comment or two.
constexpr std::size_t prescan_bytes = 16384;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// Labels whose decoder is windows-1252 in every browser (WHATWG Encoding, "windows-1252" entry).
bool is_windows_1252_label(const std::string& label) {
    static constexpr std::array<std::string_view, 17> labels = {
        "ansi_x3.4-1968", "ascii",   "cp1252",     "cp819",    "csisolatin1", "ibm819",     "iso-8859-1",     "iso-ir-100",
        "iso8859-1",      "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1",  "latin1",     "us-ascii",       "windows-1252",
        "x-cp1252"};
    return std::find(labels.begin(), labels.end(), label) != labels.end();
}

std::string canonical_name(const std::string& label) {
    if (is_windows_1252_label(label)) return "windows-1252";
    // A page cannot declare UTF-16 in ASCII bytes; browsers read such pages as UTF-8.
    if (label == "utf8" || label == "utf-8" || label == "unicode-1-1-utf-8" || label.starts_with("utf-16")) {
        return "UTF-8";
    }
    return label;
}

}  // namespace

std::string declared_charset(std::string_view head) {
    const std::string lower = text::to_lower_ascii(head.substr(0, std::min(head.size(), prescan_bytes)));
    for (std::size_t at = lower.find("<meta"); at != std::string::npos; at = lower.find("<meta", at + 5)) {
        const std::size_t end = lower.find('>', at);
        const std::string_view tag = std::string_view(lower).substr(at, end == std::string::npos ? std::string::npos : end - at);
        for (std::size_t name = tag.find("charset"); name != std::string_view::npos; name = tag.find("charset", name + 7)) {
            std::size_t value = name + 7;
            while (value < tag.size() && is_space(tag[value])) ++value;
            if (value >= tag.size() || tag[value] != '=') continue;
            ++value;
            while (value < tag.size() && (is_space(tag[value]) || tag[value] == '"' || tag[value] == '\'')) ++value;
            std::size_t stop = value;
            while (stop < tag.size() && !is_space(tag[stop]) && tag[stop] != '"' && tag[stop] != '\'' && tag[stop] != ';' &&
                   tag[stop] != '/') {
                ++stop;
            }
            if (stop > value) return std::string(tag.substr(value, stop - value));
        }
    }
    return {};
}

PageEncoding detect_page_encoding(std::string_view bytes) {
    PageEncoding result;
    if (bytes.starts_with("\xEF\xBB\xBF")) return {"UTF-8", "bom", {}, false};
    if (bytes.starts_with("\xFF\xFE")) return {"UTF-16LE", "bom", {}, false};
    if (bytes.starts_with("\xFE\xFF")) return {"UTF-16BE", "bom", {}, false};
    result.declared = declared_charset(bytes);
    if (!result.declared.empty()) {
        result.name = canonical_name(result.declared);
        result.source = "meta";
        if (result.name == "UTF-8" && invalid_utf8_at(bytes) != std::string_view::npos) {
            result.name = "windows-1252";
            result.declared_wrong = true;
        }
        return result;
    }
    result.source = "guess";
    result.name = invalid_utf8_at(bytes) == std::string_view::npos ? "UTF-8" : "windows-1252";
    return result;
}

std::string to_utf8(std::string_view bytes, const PageEncoding& encoding, std::size_t& replaced) {
    replaced = 0;
    if (encoding.source == "bom") bytes.remove_prefix(encoding.name == "UTF-8" ? 3 : 2);
    if (encoding.name == "UTF-8" && invalid_utf8_at(bytes) == std::string_view::npos) return std::string(bytes);
    iconv_t converter = iconv_open("UTF-8", encoding.name.c_str());
    if (converter == reinterpret_cast<iconv_t>(-1)) throw std::invalid_argument("unknown encoding " + encoding.name);
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    char buffer[16384];
    char* in = const_cast<char*>(bytes.data());  // iconv's interface is not const-correct
    std::size_t in_left = bytes.size();
    while (in_left > 0) {
        char* to = buffer;
        std::size_t to_left = sizeof buffer;
        const std::size_t result = iconv(converter, &in, &in_left, &to, &to_left);
        out.append(buffer, static_cast<std::size_t>(to - buffer));
        if (result != static_cast<std::size_t>(-1) || errno == E2BIG) continue;
        // An undefined or cut-off sequence: one byte is replaced and reading goes on.
        const auto byte = static_cast<unsigned char>(*in);
        if (encoding.name == "windows-1252" && byte >= 0x80 && byte < 0xA0) {
            out += static_cast<char>(0xC2);
            out += static_cast<char>(byte);
        } else {
            out += "\xEF\xBF\xBD";
        }
        ++replaced;
        ++in;
        --in_left;
        iconv(converter, nullptr, nullptr, nullptr, nullptr);
    }
    iconv_close(converter);
    return out;
}

}  // namespace baton::extract::html
