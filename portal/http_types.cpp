// The portal's own request and response types.
#include "portal/http_types.hpp"

namespace baton::portal {
namespace {

std::string value_of(const std::map<std::string, std::string>& values, const std::string& name) {
    const auto found = values.find(name);
    return found == values.end() ? std::string() : found->second;
}

}  // namespace

std::string Request::query_value(const std::string& name) const { return value_of(query, name); }
std::string Request::form_value(const std::string& name) const { return value_of(form, name); }
std::string Request::cookie(const std::string& name) const { return value_of(cookies, name); }

Response Response::html(std::string body, int status) {
    Response response;
    response.status = status;
    response.body = std::move(body);
    return response;
}

Response Response::redirect(const std::string& location) {
    Response response;
    response.status = 303;
    response.headers.emplace_back("Location", location);
    return response;
}

}  // namespace baton::portal
