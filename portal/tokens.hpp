// Access tokens of the review portal: unguessable random links, stored only as SHA-256 hashes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/sqlite.hpp"
#include "portal/statement_cache.hpp"

namespace baton::portal {

// 32 random bytes from /dev/urandom, base64url without padding (43 characters).
[[nodiscard]] std::string random_token();
// SHA-256 of the token text, lowercase hex: what `access_tokens.token_hash` holds.
[[nodiscard]] std::string token_hash(std::string_view token);
[[nodiscard]] std::string base64url(std::string_view bytes);

struct IssuedToken {
    std::string token;       // the raw token: only in the link, never stored
    std::string expires_at;  // ISO 8601 UTC
};

// Stores a new token for `person_id` (0 for an admin token) valid for `days` days.
[[nodiscard]] IssuedToken issue_token(sql::Database& db, std::int64_t person_id, const std::string& role, int days,
                                      std::int64_t run_id);

// Revokes every token still valid of the given people (`role` admin: every admin token); returns how many.
int revoke_person_tokens(sql::Database& db, std::int64_t person_id);
int revoke_admin_tokens(sql::Database& db);

struct TokenOwner {
    std::int64_t token_id = 0;
    std::int64_t person_id = 0;  // 0 for an admin
    std::string role;            // "owner" | "admin"
};

// The token's row when it is known, not revoked and not expired at `now` (ISO 8601 UTC); nullopt otherwise.
[[nodiscard]] std::optional<TokenOwner> find_valid_token(StatementCache& db, std::string_view token,
                                                         const std::string& now);

// Token-shaped text (base64url, 43 characters): anything else is refused before touching the database.
[[nodiscard]] bool looks_like_token(std::string_view token);

}  // namespace baton::portal
