// The portal on Poco's HTTPServer: bounded request bodies, form and cookie parsing, the access log.
#include "portal/server.hpp"

#include <algorithm>

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/ThreadPool.h>
#include <Poco/URI.h>

#include <chrono>
#include <csignal>
#include <istream>

#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::portal {
namespace {

constexpr std::streamsize max_body_bytes = 64 * 1024;
// How much of a body refused as too large is still read (and dropped) before the 413 goes out: a client that sends
// its whole body before reading the answer then gets the 413 instead of a connection reset under its feet.
constexpr std::streamsize drained_bytes = 1024 * 1024;

void drain(std::istream& in) {
    char buffer[8192];
    std::streamsize left = drained_bytes;
    while (left > 0) {
        in.read(buffer, std::min<std::streamsize>(left, static_cast<std::streamsize>(sizeof buffer)));
        if (in.gcount() <= 0) break;
        left -= in.gcount();
    }
}

std::string form_decode(std::string_view text) {
    std::string plus_as_space(text);
    for (char& c : plus_as_space) {
        if (c == '+') c = ' ';
    }
    std::string decoded;
    Poco::URI::decode(plus_as_space, decoded);
    return decoded;
}

std::map<std::string, std::string> parse_form(std::string_view body) {
    std::map<std::string, std::string> fields;
    while (!body.empty()) {
        const auto end = body.find('&');
        const std::string_view pair = body.substr(0, end);
        const auto equals = pair.find('=');
        if (!pair.empty()) {
            fields.emplace(form_decode(pair.substr(0, equals)),
                           equals == std::string_view::npos ? std::string() : form_decode(pair.substr(equals + 1)));
        }
        if (end == std::string_view::npos) break;
        body.remove_prefix(end + 1);
    }
    return fields;
}

class RequestHandler : public Poco::Net::HTTPRequestHandler {
public:
    RequestHandler(Portal& portal, const ServerOptions& options) : m_portal(portal), m_options(options) {}

    void handleRequest(Poco::Net::HTTPServerRequest& in, Poco::Net::HTTPServerResponse& out) override {
        const auto started = std::chrono::steady_clock::now();
        Request request;
        Response response;
        if (translate(in, request, response)) response = m_portal.handle(request);
        else add_security_headers(response);
        out.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(response.status));
        out.setContentType(response.content_type);
        for (const auto& [name, value] : response.headers) out.add(name, value);
        out.setContentLength(static_cast<std::streamsize>(response.body.size()));
        out.send().write(response.body.data(), static_cast<std::streamsize>(response.body.size()));
        if (m_options.access_log) {
            const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - started);
            m_options.access_log(request.method + " " + loggable_path(request.path) + " " +
                                 std::to_string(response.status) + " " + std::to_string(elapsed.count()) + "ms");
        }
    }

private:
    // Fills `request`; false (with `response` set to the refusal) for a request the portal does not take.
    static bool translate(Poco::Net::HTTPServerRequest& in, Request& request, Response& response) {
        request.method = in.getMethod();
        try {
            const Poco::URI uri(in.getURI());
            request.path = uri.getPath();
            for (const auto& [name, value] : uri.getQueryParameters()) request.query.emplace(name, value);
        } catch (const Poco::Exception&) {
            response = Response::html("<!doctype html><title>Bad request</title><p>Bad request.</p>", 400);
            return false;
        }
        Poco::Net::NameValueCollection cookies;
        in.getCookies(cookies);
        for (const auto& [name, value] : cookies) request.cookies.emplace(name, value);
        if (request.method == "POST") {
            if (in.hasContentLength() && in.getContentLength64() > max_body_bytes) {
                if (in.getContentLength64() <= drained_bytes) drain(in.stream());
                response = Response::html("<!doctype html><title>Too large</title><p>Request too large.</p>", 413);
                return false;
            }
            std::string body(static_cast<std::size_t>(max_body_bytes + 1), '\0');
            in.stream().read(body.data(), max_body_bytes + 1);
            body.resize(static_cast<std::size_t>(in.stream().gcount()));
            if (static_cast<std::streamsize>(body.size()) > max_body_bytes) {
                drain(in.stream());
                response = Response::html("<!doctype html><title>Too large</title><p>Request too large.</p>", 413);
                return false;
            }
            const std::string type = text::to_lower_ascii(in.getContentType());
            if (type.rfind("application/x-www-form-urlencoded", 0) == 0) request.form = parse_form(body);
        }
        return true;
    }

    Portal& m_portal;
    const ServerOptions& m_options;
};

class HandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
public:
    HandlerFactory(Portal& portal, const ServerOptions& options) : m_portal(portal), m_options(options) {}
    Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
        return new RequestHandler(m_portal, m_options);
    }

private:
    Portal& m_portal;
    const ServerOptions& m_options;
};

}  // namespace

void parse_listen_address(const std::string& listen, ServerOptions& options) {
    const auto colon = listen.rfind(':');
    const auto port = colon == std::string::npos ? std::nullopt : text::parse_int(listen.substr(colon + 1));
    if (colon == std::string::npos || colon == 0 || !port || *port < 0 || *port > 65535) {
        throw UsageError("--listen takes HOST:PORT, not \"" + listen + "\"", "for example --listen 127.0.0.1:8088");
    }
    options.host = listen.substr(0, colon);
    options.port = static_cast<std::uint16_t>(*port);
}

std::string loggable_path(const std::string& path) {
    if (path.rfind("/i/", 0) == 0) return "/i/[token]";
    return path;
}

PortalServer::PortalServer(Portal& portal, ServerOptions options) : m_portal(portal), m_options(std::move(options)) {}

PortalServer::~PortalServer() { stop(); }

void PortalServer::start() {
    // A browser that goes away while its answer is written must not end the process.
    std::signal(SIGPIPE, SIG_IGN);
    Poco::Net::ServerSocket socket;
    try {
        socket.bind(Poco::Net::SocketAddress(m_options.host, m_options.port), true);
        socket.listen(256);
    } catch (const Poco::Exception& error) {
        throw UsageError("cannot listen on " + m_options.host + ":" + std::to_string(m_options.port) + ": " +
                             error.displayText(),
                         "choose another --listen address or port");
    }
    m_port = socket.address().port();
    auto* params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(m_options.max_threads);
    params->setMaxQueued(m_options.max_queued);
    params->setKeepAlive(true);
    params->setMaxKeepAliveRequests(1000);
    params->setKeepAliveTimeout(Poco::Timespan(5, 0));
    params->setTimeout(Poco::Timespan(30, 0));
    params->setServerName("baton");
    m_threads = std::make_unique<Poco::ThreadPool>(2, m_options.max_threads);
    m_server = std::make_unique<Poco::Net::HTTPServer>(new HandlerFactory(m_portal, m_options), *m_threads, socket,
                                                       params);
    m_server->start();
}

void PortalServer::stop() {
    if (m_server) {
        m_server->stopAll(true);
        m_server.reset();
        m_threads->joinAll();
        m_threads.reset();
    }
}

}  // namespace baton::portal
