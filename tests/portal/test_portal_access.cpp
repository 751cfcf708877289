// The review portal's negatives: another owner's community, forged, expired and revoked tokens, missing or
// wrong CSRF tokens, reflected and stored XSS through legacy titles, security headers, tokens kept out of logs.
#include <gtest/gtest.h>

#include "portal/invite.hpp"
#include "portal_fixture.hpp"

namespace baton::test {
namespace {

using PortalAccess = PortalFixture;

TEST_F(PortalAccess, InvitationLinkStartsAnHttpOnlySessionAndLeavesTheTokenOutOfTheAddress) {
    const auto answer = get("/i/" + alice_token);
    EXPECT_EQ(answer.status, 303);
    EXPECT_EQ(answer.header("Location"), "/");
    const std::string cookie = answer.header("Set-Cookie");
    EXPECT_NE(cookie.find(std::string(portal::session_cookie_name) + "=" + alice_token), std::string::npos);
    EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("SameSite=Lax"), std::string::npos);
    EXPECT_EQ(get("/i/" + admin_token).header("Location"), "/admin");
}

TEST_F(PortalAccess, EveryAnswerCarriesTheSecurityHeaders) {
    for (const auto& answer : {get("/", alice_token), get("/nowhere"), get("/static/portal.css"), get("/i/forged")}) {
        const std::string csp = answer.header("Content-Security-Policy");
        EXPECT_NE(csp.find("default-src 'none'"), std::string::npos) << csp;
        EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
        EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << csp;
        EXPECT_EQ(csp.find("script-src"), std::string::npos) << "no script may run at all: " << csp;
        EXPECT_EQ(answer.header("X-Content-Type-Options"), "nosniff");
        EXPECT_EQ(answer.header("Referrer-Policy"), "no-referrer");
    }
    EXPECT_EQ(get("/", alice_token).body.find("<script"), std::string::npos);
    EXPECT_EQ(get("/", alice_token).body.find("style="), std::string::npos) << "no inline styles either";
}

TEST_F(PortalAccess, OwnerSeesOnlyTheirOwnCommunities) {
    const auto home = get("/", alice_token);
    ASSERT_EQ(home.status, 200);
    EXPECT_NE(home.body.find("Human Resources"), std::string::npos);
    EXPECT_EQ(home.body.find("href=\"/c/it\""), std::string::npos);
    EXPECT_EQ(get("/c/hr", alice_token).status, 200);
    EXPECT_EQ(get("/c/it", alice_token).status, 404);
    EXPECT_EQ(get("/c/it", bob_token).status, 200);
    EXPECT_EQ(get("/c/hr", bob_token).status, 404);
    EXPECT_EQ(get("/admin", alice_token).status, 404);
}

TEST_F(PortalAccess, OwnerCannotAnswerForAnotherOwnersCommunityOrTasks) {
    const std::string csrf = csrf_of(alice_token);
    ASSERT_FALSE(csrf.empty());
    EXPECT_EQ(post("/c/it/decision", alice_token, "csrf=" + csrf + "&decision=accept").status, 404);
    EXPECT_EQ(post("/tasks", alice_token, "csrf=" + csrf + "&community=it&code=accept-role&status=done").status, 404);
    EXPECT_EQ(count("SELECT count(*) FROM owner_decisions"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM task_progress"), 0);
}

TEST_F(PortalAccess, ForgedTokenIsRefused) {
    const std::string forged = portal::random_token();
    EXPECT_EQ(get("/i/" + forged).status, 403);
    EXPECT_EQ(get("/i/" + forged).header("Set-Cookie"), "");
    EXPECT_EQ(get("/", forged).status, 401);
    EXPECT_EQ(get("/c/hr", forged).status, 401);
    // The stored hash is not a token either.
    const std::string hash = text("SELECT token_hash FROM access_tokens WHERE person_id = " + std::to_string(alice_id));
    EXPECT_EQ(hash, portal::token_hash(alice_token));
    EXPECT_EQ(get("/", hash).status, 401);
    EXPECT_EQ(get("/i/" + alice_token.substr(0, 42) + (alice_token.back() == 'A' ? "B" : "A")).status, 403);
}

TEST_F(PortalAccess, ExpiredTokenIsRefused) {
    EXPECT_EQ(get("/", alice_token).status, 200);
    sql("UPDATE access_tokens SET expires_at = '2020-01-01T00:00:00Z' WHERE person_id = " + std::to_string(alice_id));
    EXPECT_EQ(get("/", alice_token).status, 401);
    EXPECT_EQ(get("/i/" + alice_token).status, 403);
    EXPECT_EQ(get("/", bob_token).status, 200);
}

TEST_F(PortalAccess, RevokedTokenIsRefused) {
    EXPECT_EQ(get("/", alice_token).status, 200);
    {
        workspace::Workspace workspace(dir.file("w.db"), workspace::Access::existing);
        EXPECT_EQ(portal::revoke(workspace, "alice"), 1);
        EXPECT_THROW((void)portal::revoke(workspace, "nobody-here"), UsageError);
    }
    EXPECT_EQ(get("/", alice_token).status, 401);
    EXPECT_EQ(get("/i/" + alice_token).status, 403);
    EXPECT_EQ(get("/", bob_token).status, 200);
    {
        workspace::Workspace workspace(dir.file("w.db"), workspace::Access::existing);
        EXPECT_EQ(portal::revoke(workspace, "admin"), 1);
    }
    EXPECT_EQ(get("/admin", admin_token).status, 401);
}

TEST_F(PortalAccess, StateChangesNeedThePostMethodAndTheSessionsCsrfToken) {
    const std::string decline = "decision=decline&nominee=carol&note=x";
    EXPECT_EQ(post("/c/hr/decision", alice_token, decline).status, 403);                     // missing
    EXPECT_EQ(post("/c/hr/decision", alice_token, "csrf=" + std::string(64, 'a') + "&" + decline).status, 403);
    EXPECT_EQ(post("/c/hr/decision", alice_token, "csrf=" + csrf_of(bob_token) + "&" + decline).status, 403);
    EXPECT_EQ(post("/tasks", alice_token, "community=hr&code=accept-role&status=done").status, 403);
    EXPECT_EQ(post("/c/hr/decision", "", "csrf=" + csrf_of(alice_token) + "&" + decline).status, 401);
    EXPECT_EQ(get("/c/hr/decision?decision=accept", alice_token).status, 405);
    EXPECT_EQ(count("SELECT count(*) FROM owner_decisions"), 0);
    EXPECT_EQ(count("SELECT count(*) FROM task_progress"), 0);
}

TEST_F(PortalAccess, StoredXssThroughLegacyTitlesIsShownEscaped) {
    const auto page = get("/c/hr", alice_token);
    ASSERT_EQ(page.status, 200);
    EXPECT_NE(page.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_EQ(page.body.find("<script>alert(1)"), std::string::npos);
    EXPECT_NE(page.body.find("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"), std::string::npos);
    EXPECT_EQ(page.body.find("<img"), std::string::npos);
    // Control characters of broken exports are dropped.
    sql("UPDATE items SET title = 'Holiday' || char(27) || '[31m' || char(12) || ' policy' WHERE slug = 'holiday-policy'");
    const auto cleaned = get("/c/hr", alice_token);
    EXPECT_NE(cleaned.body.find("Holiday[31m policy"), std::string::npos);
    EXPECT_EQ(cleaned.body.find('\x1b'), std::string::npos);
    EXPECT_EQ(cleaned.body.find('\x0c'), std::string::npos);
    // The admin's search over legacy names, too.
    sql("UPDATE people SET display_name = '<script>alert(3)</script>' WHERE login = 'bob'");
    const auto admin = get("/admin?q=bob", admin_token);
    EXPECT_NE(admin.body.find("&lt;script&gt;alert(3)&lt;/script&gt;"), std::string::npos);
    EXPECT_EQ(admin.body.find("<script"), std::string::npos);
}

TEST_F(PortalAccess, ReflectedXssThroughSearchIsShownEscaped) {
    const std::string attack = "%22%3E%3Cscript%3Ealert(4)%3C%2Fscript%3E";
    for (const auto& answer : {get("/c/hr?q=" + attack, alice_token), get("/admin?q=" + attack, admin_token),
                               get("/c/hr?page=" + attack, alice_token)}) {
        EXPECT_EQ(answer.status, 200);
        EXPECT_EQ(answer.body.find("<script>alert(4)"), std::string::npos);
        EXPECT_EQ(answer.body.find("\"><script"), std::string::npos);
    }
    EXPECT_NE(get("/c/hr?q=" + attack, alice_token).body.find("value=\"&quot;&gt;&lt;script&gt;alert(4)"),
              std::string::npos);
}

TEST_F(PortalAccess, TokensNeverReachTheLog) {
    (void)get("/i/" + alice_token);
    (void)get("/", alice_token);
    (void)post("/c/hr/decision", alice_token, "csrf=" + csrf_of(alice_token) + "&decision=accept");
    std::lock_guard lock(log_mutex);
    EXPECT_NE(log.find("GET /i/[token] 303"), std::string::npos) << log;
    EXPECT_NE(log.find("POST /c/hr/decision 303"), std::string::npos) << log;
    EXPECT_EQ(log.find(alice_token), std::string::npos);
    EXPECT_EQ(log.find(portal::csrf_token(alice_token)), std::string::npos);
}

TEST_F(PortalAccess, OversizedBodiesAreRefused) {
    const std::string huge(100 * 1024, 'a');
    EXPECT_EQ(post("/c/hr/decision", alice_token, "note=" + huge).status, 413);
}

}  // namespace
}  // namespace baton::test
