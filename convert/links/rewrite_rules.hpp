// nginx and Apache rewrite rules for one legacy URL: regex escaping that both servers' parsers and PCRE accept.
#pragma once

#include <string>
#include <string_view>

#include "convert/links/legacy_urls.hpp"

namespace baton::convert {

// `bytes` as a PCRE pattern matching exactly those bytes: letters, digits and / _ ~ , @ ! : = & - as they are,
// the metacharacters . + * ? ( ) [ ] { } ^ | escaped with a backslash, every other byte (space, quotes, $, %,
// backslash, #, ;, control and non-ASCII bytes) as \xHH. The result holds no quote, no whitespace and no
// backslash followed by a quote or another backslash, so it can be written inside "..." in nginx and Apache.
[[nodiscard]] std::string regex_literal(std::string_view bytes);

// A query parameter value as sent by a browser: each character that is not a letter, digit or - _ . ~ also
// matches its %HH form ("wiki:start" -> "wiki(?::|%3[aA])start").
[[nodiscard]] std::string query_value_regex(std::string_view value);

// One redirect as nginx rules for a server { } block (`rewrite` for a path, `if ($request_uri ~ ...)` with
// `return 301` for a query URL) and as mod_rewrite rules (a RewriteRule, after a RewriteCond on the query
// string for a query URL), each ending with a newline. `target` is a URL TargetScheme::validate() accepted, or
// one a target supplied (TargetScheme::item_url), which may also hold %HH escapes (written as \% for Apache).
[[nodiscard]] std::string nginx_rule(const LegacyUrl& legacy, std::string_view target);
[[nodiscard]] std::string apache_rule(const LegacyUrl& legacy, std::string_view target);

}  // namespace baton::convert
