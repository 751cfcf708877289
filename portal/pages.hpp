// The portal's request handlers: pages for owners and the admin, and the POST actions.
#pragma once

#include "portal/portal.hpp"

namespace baton::portal {

Response invitation(RequestContext& context, const Request& request, const Captures& captures);   // GET /i/{token}
Response sign_out(RequestContext& context, const Request& request, const Captures& captures);     // POST /logout
Response home(RequestContext& context, const Request& request, const Captures& captures);         // GET /
Response community_page(RequestContext& context, const Request& request, const Captures& captures);  // GET /c/{slug}
Response post_decision(RequestContext& context, const Request& request, const Captures& captures);
Response post_task(RequestContext& context, const Request& request, const Captures& captures);
Response post_item_choice(RequestContext& context, const Request& request, const Captures& captures);
Response admin_dashboard(RequestContext& context, const Request& request, const Captures& captures);  // GET /admin

// Refusals, shared by the handlers.
[[nodiscard]] Response not_signed_in();
[[nodiscard]] Response forbidden();
[[nodiscard]] Response not_found();
[[nodiscard]] Response bad_request(const std::string& text);

}  // namespace baton::portal
