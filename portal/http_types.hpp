// The portal's own request and response types: what a page handler sees, independent of the HTTP server.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace baton::portal {

struct Request {
    std::string method;  // "GET", "POST", ...
    std::string path;    // decoded path, without the query
    std::map<std::string, std::string> query;    // from the URL
    std::map<std::string, std::string> form;     // from an application/x-www-form-urlencoded POST body
    std::map<std::string, std::string> cookies;

    // The value of a query or form field ("" when absent).
    [[nodiscard]] std::string query_value(const std::string& name) const;
    [[nodiscard]] std::string form_value(const std::string& name) const;
    [[nodiscard]] std::string cookie(const std::string& name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::vector<std::pair<std::string, std::string>> headers;  // beyond the security headers every answer gets
    std::string body;

    [[nodiscard]] static Response html(std::string body, int status = 200);
    // 303 See Other: the answer to a POST, so a reload does not post again.
    [[nodiscard]] static Response redirect(const std::string& location);
};

}  // namespace baton::portal
