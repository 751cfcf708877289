// Signing in with an invitation link, signing out, and the refusal pages.
#include "portal/html_page.hpp"
#include "portal/pages.hpp"

namespace baton::portal {

Response not_signed_in() {
    return Response::html(message_page("Please use your invitation link",
                                       "This page needs the personal link from your invitation e-mail. Open that "
                                       "link again to sign in."),
                          401);
}

Response forbidden() {
    return Response::html(message_page("Not allowed", "This request was refused. Reload the page and try again."),
                          403);
}

Response not_found() {
    return Response::html(message_page("Not found", "There is no such page, or it is not one of yours."), 404);
}

Response bad_request(const std::string& text) {
    return Response::html(message_page("Please check your answer", text), 400);
}

Response invitation(RequestContext& context, const Request& /*request*/, const Captures& captures) {
    const std::string& token = captures.at(0);
    const auto principal = authenticate(context.db(), token);
    if (!principal) {
        return Response::html(message_page("This link is not valid",
                                           "The link has expired, was withdrawn or is mistyped. Ask the migration "
                                           "team for a new one."),
                              403);
    }
    // The token moves from the address into an HttpOnly cookie; the address it leaves is replaced at once.
    Response response = Response::redirect(principal->is_admin() ? "/admin" : "/");
    response.headers.emplace_back("Set-Cookie", session_cookie(token, context.options.secure_cookies));
    return response;
}

Response sign_out(RequestContext& context, const Request& request, const Captures& /*captures*/) {
    if (context.principal && !csrf_valid(*context.principal, request)) return forbidden();
    Response response = Response::html(message_page("Signed out", "You can sign in again with your invitation link."));
    response.headers.emplace_back("Set-Cookie", cleared_session_cookie(context.options.secure_cookies));
    return response;
}

}  // namespace baton::portal
