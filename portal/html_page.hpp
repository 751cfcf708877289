// The portal's page frame and small HTML helpers: every text that reaches a page goes through `h()`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "portal/session.hpp"

namespace baton::portal {

// HTML-escaped text (also safe inside double-quoted attributes).
[[nodiscard]] std::string h(std::string_view text);
// A query-string or path component, percent-encoded.
[[nodiscard]] std::string url_part(std::string_view text);

// A whole page: doctype, viewport, the stylesheet at /static/portal.css, a header naming who is signed in.
[[nodiscard]] std::string page(const std::string& title, const Principal* principal, const std::string& body);
// A page for a refusal or a problem, with a short explanation.
[[nodiscard]] std::string message_page(const std::string& title, const std::string& text);

// A POST form's opening tag with the session's CSRF token as a hidden field.
[[nodiscard]] std::string post_form(const std::string& action, const Principal& principal,
                                    const std::string& css_class = {});

// The stylesheet served at /static/portal.css.
[[nodiscard]] const std::string& stylesheet();

}  // namespace baton::portal
