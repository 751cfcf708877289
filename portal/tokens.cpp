// Access tokens of the review portal: random links from /dev/urandom, stored as SHA-256 hashes.
#include "portal/tokens.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <array>
#include <chrono>
#include <ctime>
#include <fstream>

#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::portal {
namespace {

constexpr std::size_t token_bytes = 32;
constexpr std::size_t token_length = 43;  // base64url of 32 bytes, no padding

std::string iso_in_days(int days) {
    const auto now = std::chrono::system_clock::now() + std::chrono::hours(24) * days;
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::array<char, 32> buffer{};
    std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer.data();
}

}  // namespace

std::string base64url(std::string_view bytes) {
    static constexpr char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    for (const char c : bytes) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += alphabet[(buffer >> bits) & 0x3F];
        }
    }
    if (bits > 0) out += alphabet[(buffer << (6 - bits)) & 0x3F];
    return out;
}

std::string random_token() {
    std::ifstream random("/dev/urandom", std::ios::binary);
    std::string bytes(token_bytes, '\0');
    if (!random.read(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        throw Error(ExitCode::internal, "cannot read random bytes from /dev/urandom");
    }
    return base64url(bytes);
}

std::string token_hash(std::string_view token) {
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    engine.update(token.data(), static_cast<unsigned>(token.size()));
    return Poco::DigestEngine::digestToHex(engine.digest());
}

bool looks_like_token(std::string_view token) {
    if (token.size() != token_length) return false;
    for (const char c : token) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_';
        if (!ok) return false;
    }
    return true;
}

IssuedToken issue_token(sql::Database& db, std::int64_t person_id, const std::string& role, int days,
                        std::int64_t run_id) {
    IssuedToken issued{random_token(), iso_in_days(days)};
    auto insert = db.prepare(
        "INSERT INTO access_tokens(token_hash, person_id, role, created_at, expires_at, run_id) VALUES (?,?,?,?,?,?)");
    insert.bind(1, token_hash(issued.token)).bind_id_or_null(2, person_id).bind(3, role);
    insert.bind(4, text::utc_now_iso()).bind(5, issued.expires_at).bind_id_or_null(6, run_id);
    insert.run();
    return issued;
}

int revoke_person_tokens(sql::Database& db, std::int64_t person_id) {
    auto update = db.prepare("UPDATE access_tokens SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL");
    update.bind(1, text::utc_now_iso()).bind(2, person_id);
    update.run();
    return db.changes();
}

int revoke_admin_tokens(sql::Database& db) {
    auto update = db.prepare("UPDATE access_tokens SET revoked_at = ? WHERE role = 'admin' AND revoked_at IS NULL");
    update.bind(1, text::utc_now_iso());
    update.run();
    return db.changes();
}

std::optional<TokenOwner> find_valid_token(StatementCache& db, std::string_view token, const std::string& now) {
    if (!looks_like_token(token)) return std::nullopt;
    auto& select = db.prepare(
        "SELECT id, coalesce(person_id, 0), role FROM access_tokens WHERE token_hash = ? AND revoked_at IS NULL "
        "AND expires_at > ?");
    const std::string hash = token_hash(token);
    select.bind(1, hash).bind(2, now);
    if (!select.step()) return std::nullopt;
    TokenOwner owner;
    owner.token_id = select.column_int(0);
    owner.person_id = select.column_int(1);
    owner.role = select.column_text(2);
    if (owner.role == "owner" && owner.person_id == 0) return std::nullopt;
    return owner;
}

}  // namespace baton::portal
