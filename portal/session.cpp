// Who is asking: session cookies, the principal behind a token, and CSRF tokens derived from the session.
#include "portal/session.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/HMACEngine.h>
#include <Poco/SHA2Engine.h>

#include "core/text.hpp"

namespace baton::portal {
namespace {

class Sha256 : public Poco::SHA2Engine {
public:
    enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
    Sha256() : Poco::SHA2Engine(Poco::SHA2Engine::SHA_256) {}
};

}  // namespace

std::optional<Principal> authenticate(StatementCache& db, const std::string& raw_token) {
    if (raw_token.empty()) return std::nullopt;
    const std::string now = text::utc_now_iso();
    const auto token = find_valid_token(db, raw_token, now);
    if (!token) return std::nullopt;
    Principal principal;
    principal.token = *token;
    principal.raw_token = raw_token;
    if (principal.is_admin()) {
        principal.login = "admin";
        principal.display_name = "Administrator";
        return principal;
    }
    auto& person = db.prepare(
        "SELECT coalesce(nullif(login, ''), key), coalesce(nullif(display_name, ''), nullif(login, ''), key) "
        "FROM people WHERE id = ?");
    person.bind(1, token->person_id);
    if (!person.step()) return std::nullopt;
    principal.login = person.column_text(0);
    principal.display_name = person.column_text(1);
    return principal;
}

std::string session_cookie(const std::string& raw_token, bool secure) {
    return std::string(session_cookie_name) + "=" + raw_token + "; Path=/; HttpOnly; SameSite=Lax" +
           (secure ? "; Secure" : "");
}

std::string cleared_session_cookie(bool secure) {
    return std::string(session_cookie_name) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
           (secure ? "; Secure" : "");
}

std::string csrf_token(const std::string& raw_token) {
    Poco::HMACEngine<Sha256> hmac(raw_token);
    const std::string label = "baton-portal-csrf-v1";
    hmac.update(label.data(), static_cast<unsigned>(label.size()));
    return Poco::DigestEngine::digestToHex(hmac.digest());
}

bool csrf_valid(const Principal& principal, const Request& request) {
    const std::string expected = csrf_token(principal.raw_token);
    const std::string given = request.form_value("csrf");
    if (given.size() != expected.size()) return false;
    unsigned char difference = 0;
    for (std::size_t i = 0; i < given.size(); ++i) {
        difference |= static_cast<unsigned char>(given[i] ^ expected[i]);
    }
    return difference == 0;
}

}  // namespace baton::portal
