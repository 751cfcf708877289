// The review portal as a function from request to response: routes, sign-in, security headers, a pool of
// workspace connections. The HTTP server (server.hpp) only translates to and from Poco's types.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "portal/decisions.hpp"
#include "portal/http_types.hpp"
#include "portal/router.hpp"
#include "portal/session.hpp"
#include "portal/statement_cache.hpp"
#include "workspace/workspace.hpp"

namespace baton::portal {

struct PortalOptions {
    std::string workspace_path;
    std::string go_live;          // YYYY-MM-DD: task due dates and overdue tasks; "" = none
    DirectoryLogins directory;    // logins nominees may be chosen from besides the workspace's people
    bool secure_cookies = false;  // mark the session cookie Secure (behind HTTPS)
};

// What a handler works with during one request.
struct RequestContext {
    workspace::Workspace& workspace;
    StatementCache& queries;  // the workspace's prepared statements
    std::int64_t plan_run = 0;
    std::optional<Principal> principal;
    const PortalOptions& options;
    [[nodiscard]] StatementCache& db() { return queries; }
};

// One pooled workspace connection with its prepared statements.
struct Connection {
    std::unique_ptr<workspace::Workspace> workspace;
    std::unique_ptr<StatementCache> queries;
};

class Portal {
public:
    // Opens (and upgrades) the workspace once; throws WorkspaceError / PreconditionError (no plan yet).
    explicit Portal(PortalOptions options);
    Portal(const Portal&) = delete;
    Portal& operator=(const Portal&) = delete;

    // Answers one request; never throws (a failure is a 500 page, its cause written to stderr).
    [[nodiscard]] Response handle(const Request& request);

    [[nodiscard]] const PortalOptions& options() const noexcept { return m_options; }

private:
    Connection borrow();
    void give_back(Connection connection);
    Response route(Connection& connection, const Request& request);

    PortalOptions m_options;
    Router<RequestContext> m_router;
    std::mutex m_pool_mutex;
    std::vector<Connection> m_pool;  // idle connections; at most one per concurrent request is ever opened
};

// The headers every answer carries: CSP without inline script, no framing, nosniff, no referrer, no caching.
void add_security_headers(Response& response);

}  // namespace baton::portal
