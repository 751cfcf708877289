// Who is asking: the session cookie an invitation link sets, the person or admin behind it, and CSRF tokens.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/sqlite.hpp"
#include "portal/http_types.hpp"
#include "portal/tokens.hpp"

namespace baton::portal {

inline constexpr const char* session_cookie_name = "baton_session";

struct Principal {
    TokenOwner token;
    std::string raw_token;  // kept in memory for the request only, to derive the CSRF token
    std::string login;         // the person's login (or key); "admin" for an admin token
    std::string display_name;
    [[nodiscard]] bool is_admin() const { return token.role == "admin"; }
    [[nodiscard]] std::int64_t person_id() const { return token.person_id; }
    // What `decided_by` / `updated_by` records: the person's login, or "admin".
    [[nodiscard]] std::string actor() const { return is_admin() ? std::string("admin") : login; }
};

// The principal of the request's session cookie; nullopt without a valid (known, unexpired, unrevoked) token.
[[nodiscard]] std::optional<Principal> authenticate(StatementCache& db, const std::string& raw_token);

// The Set-Cookie value that starts a session (HttpOnly, SameSite=Lax, Path=/) and the one that ends it.
[[nodiscard]] std::string session_cookie(const std::string& raw_token, bool secure);
[[nodiscard]] std::string cleared_session_cookie(bool secure);

// The CSRF token of a session: HMAC-SHA256 of a fixed label keyed with the session's token, hex. Forms carry it
// in the field `csrf`; it cannot be computed without the token, which JavaScript cannot read (HttpOnly).
[[nodiscard]] std::string csrf_token(const std::string& raw_token);
// True when the request's `csrf` form field matches the session's CSRF token (compared in constant time).
[[nodiscard]] bool csrf_valid(const Principal& principal, const Request& request);

}  // namespace baton::portal
