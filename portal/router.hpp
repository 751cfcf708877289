// Maps a method and a path pattern ("/c/{}/decision") to a handler; `{}` captures one path segment.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "portal/http_types.hpp"

namespace baton::portal {

using Captures = std::vector<std::string>;

template <typename Context>
class Router {
public:
    using Handler = std::function<Response(Context&, const Request&, const Captures&)>;

    void add(std::string method, std::string pattern, Handler handler) {
        m_routes.push_back({std::move(method), split_path(pattern), std::move(handler)});
    }

    // The handler's answer; nullopt when no route matches the path, a 405 answer when only the method differs.
    std::optional<Response> dispatch(Context& context, const Request& request) const {
        const auto segments = split_path(request.path);
        bool path_matched = false;
        for (const auto& route : m_routes) {
            Captures captures;
            if (!matches(route.segments, segments, captures)) continue;
            path_matched = true;
            if (route.method == request.method) return route.handler(context, request, captures);
        }
        if (!path_matched) return std::nullopt;
        Response response = Response::html("<!doctype html><title>Method not allowed</title><p>Method not allowed.</p>",
                                           405);
        return response;
    }

    [[nodiscard]] static std::vector<std::string> split_path(const std::string& path);

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;
        Handler handler;
    };
    static bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& segments,
                        Captures& captures) {
        if (pattern.size() != segments.size()) return false;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            if (pattern[i] == "{}") {
                if (segments[i].empty()) return false;
                captures.push_back(segments[i]);
            } else if (pattern[i] != segments[i]) {
                return false;
            }
        }
        return true;
    }
    std::vector<Route> m_routes;
};

template <typename Context>
std::vector<std::string> Router<Context>::split_path(const std::string& path) {
    std::vector<std::string> segments;
    std::string current;
    for (const char c : path) {
        if (c == '/') {
            if (!current.empty()) segments.push_back(std::move(current));
            current.clear();
        } else {
            current += c;
        }
    }
    if (!current.empty()) segments.push_back(std::move(current));
    return segments;
}

}  // namespace baton::portal
