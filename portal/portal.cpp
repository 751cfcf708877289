// The review portal: routes, sign-in from the session cookie, security headers, workspace connections.
#include "portal/portal.hpp"

#include <iostream>

#include "core/error.hpp"
#include "portal/html_page.hpp"
#include "portal/pages.hpp"
#include "transform/plan.hpp"

namespace baton::portal {

void add_security_headers(Response& response) {
    response.headers.emplace_back(
        "Content-Security-Policy",
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; "
        "frame-ancestors 'none'");
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    response.headers.emplace_back("X-Frame-Options", "DENY");
    response.headers.emplace_back("Referrer-Policy", "no-referrer");
    response.headers.emplace_back("Cache-Control", "no-store");
    response.headers.emplace_back("Cross-Origin-Opener-Policy", "same-origin");
}

Portal::Portal(PortalOptions options) : m_options(std::move(options)) {
    auto first = borrow();
    (void)transform::require_plan_run(*first.workspace);
    give_back(std::move(first));
    m_router.add("GET", "/i/{}", &invitation);
    m_router.add("POST", "/logout", &sign_out);
    m_router.add("GET", "/", &home);
    m_router.add("GET", "/c/{}", &community_page);
    m_router.add("POST", "/c/{}/decision", &post_decision);
    m_router.add("POST", "/c/{}/items/{}/choice", &post_item_choice);
    m_router.add("POST", "/tasks", &post_task);
    m_router.add("GET", "/admin", &admin_dashboard);
}

Connection Portal::borrow() {
    {
        std::lock_guard lock(m_pool_mutex);
        if (!m_pool.empty()) {
            Connection connection = std::move(m_pool.back());
            m_pool.pop_back();
            return connection;
        }
    }
    Connection connection;
    connection.workspace = std::make_unique<workspace::Workspace>(m_options.workspace_path, workspace::Access::existing);
    // A smaller page cache than a command's 16 MiB: there may be as many connections as server threads.
    connection.workspace->db().exec("PRAGMA cache_size = -4096");
    connection.queries = std::make_unique<StatementCache>(connection.workspace->db());
    return connection;
}

void Portal::give_back(Connection connection) {
    connection.queries->reset_all();
    std::lock_guard lock(m_pool_mutex);
    m_pool.push_back(std::move(connection));
}

Response Portal::route(Connection& connection, const Request& request) {
    if (request.method == "GET" && request.path == "/static/portal.css") {
        Response response;
        response.content_type = "text/css; charset=utf-8";
        response.body = stylesheet();
        return response;
    }
    auto& latest_plan = connection.queries->prepare(
        "SELECT coalesce(max(p.run_id), 0) FROM plans p JOIN runs r ON r.id = p.run_id WHERE r.outcome = 'succeeded'");
    const std::int64_t plan_run = latest_plan.step() ? latest_plan.column_int(0) : 0;
    latest_plan.reset();
    RequestContext context{*connection.workspace, *connection.queries, plan_run, std::nullopt, m_options};
    const std::string token = request.cookie(session_cookie_name);
    if (!token.empty()) context.principal = authenticate(context.db(), token);
    auto response = m_router.dispatch(context, request);
    return response ? std::move(*response) : not_found();
}

Response Portal::handle(const Request& request) {
    Response response;
    try {
        Connection connection = borrow();
        response = route(connection, request);
        give_back(std::move(connection));
    } catch (const std::exception& error) {
        // The message names tables and values, never the request's cookie or token.
        std::cerr << "baton serve: " << request.method << " request failed: " << error.what() << '\n';
        response = Response::html(message_page("Something went wrong",
                                                "The request could not be answered. Try again in a moment."),
                                  500);
    }
    add_security_headers(response);
    return response;
}

}  // namespace baton::portal
