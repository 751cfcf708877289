// Rewrite rules: escaping legacy paths and query values into regular expressions.
#include "convert/links/rewrite_rules.hpp"

namespace baton::convert {

namespace {

constexpr char hex_digits[] = "0123456789abcdef";

void append_hex(std::string& out, unsigned char byte) {
    out += "\\x";
    out += hex_digits[byte >> 4];
    out += hex_digits[byte & 0xF];
}

bool alphanumeric(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// The path part of a rule: a trailing slash made optional (WordPress and most servers redirect one form to the
// other), the root kept as it is.
std::string path_regex(std::string_view path) {
    if (path.size() > 1 && path.ends_with('/')) path.remove_suffix(1);
    if (path == "/") return "^/$";
    return "^" + regex_literal(path) + "/?$";
}

}  // namespace

std::string regex_literal(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() + 8);
    for (const char c : bytes) {
        if (alphanumeric(c) || std::string_view("/_~,@!:=&-").find(c) != std::string_view::npos) {
            out += c;
        } else if (std::string_view(".+*?()[]{}^|").find(c) != std::string_view::npos) {
            out += '\\';
            out += c;
        } else {
            append_hex(out, static_cast<unsigned char>(c));
        }
    }
    return out;
}

std::string query_value_regex(std::string_view value) {
    std::string out;
    for (const char c : value) {
        if (alphanumeric(c) || c == '-' || c == '_' || c == '~') {
            out += c;
            continue;
        }
        const auto byte = static_cast<unsigned char>(c);
        out += "(?:";
        out += regex_literal(std::string_view(&c, 1));
        out += "|%";
        const char high = hex_digits[byte >> 4];
        const char low = hex_digits[byte & 0xF];
        out += high;  // a digit: the same in either case
        if (low >= 'a') {
            out += '[';
            out += low;
            out += static_cast<char>(low - 'a' + 'A');
            out += ']';
        } else {
            out += low;
        }
        if (c == ' ') out += "|\\+";
        out += ')';
    }
    return out;
}

std::string nginx_rule(const LegacyUrl& legacy, std::string_view target) {
    const std::string to(target);
    if (legacy.query_name.empty()) {
        // rewrite matches the decoded, normalised path; the final '?' keeps the old query off the new URL.
        return "rewrite \"" + path_regex(legacy.path) + "\" \"" + to + "?\" permanent;\n";
    }
    // A query is matched on the request line as sent: the path (ASCII for every query form baton writes)
    // then the parameter anywhere in the query.
    return "if ($request_uri ~ \"^" + regex_literal(percent_encode_path(legacy.path)) + "\\?(?:[^#]*&)?" +
           regex_literal(legacy.query_name) + "=" + query_value_regex(legacy.query_value) + "(?:[&#]|$)\") { return 301 \"" +
           to + "\"; }\n";
}

std::string apache_rule(const LegacyUrl& legacy, std::string_view target) {
    // "^/?" lets the same rule work in a virtual host (path with '/') and in .htaccess (path without).
    std::string pattern = path_regex(legacy.path);
    pattern.replace(0, 2, "^/?");
    std::string out;
    if (!legacy.query_name.empty()) {
        out += "RewriteCond \"%{QUERY_STRING}\" \"(?:^|&)" + regex_literal(legacy.query_name) + "=" +
               query_value_regex(legacy.query_value) + "(?:&|$)\"\n";
    }
    // %HH escapes of a target (a Redmine title) would read as %N back-references to the RewriteCond: \% keeps them.
    std::string to;
    for (const char c : target) {
        if (c == '%') to += '\\';
        to += c;
    }
    out += "RewriteRule \"" + pattern + "\" \"" + to + "\" [R=301,L,NE,QSD]\n";
    return out;
}

}  // namespace baton::convert
