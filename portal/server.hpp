// The portal on Poco's HTTPServer: translates Poco requests into portal::Request and back.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "portal/portal.hpp"

namespace Poco {
class ThreadPool;
namespace Net {
class HTTPServer;
}
}  // namespace Poco

namespace baton::portal {

struct ServerOptions {
    std::string host = "127.0.0.1";
    std::uint16_t port = 8088;  // 0: any free port (tests)
    int max_threads = 64;
    int max_queued = 1000;
    // One line per request (method, path with invitation tokens blanked out, status, milliseconds); none when empty.
    std::function<void(const std::string&)> access_log;
};

// "127.0.0.1:8088" -> host and port; throws UsageError for anything else.
void parse_listen_address(const std::string& listen, ServerOptions& options);

// The path as it may be written to a log: "/i/<token>" becomes "/i/[token]".
[[nodiscard]] std::string loggable_path(const std::string& path);

class PortalServer {
public:
    PortalServer(Portal& portal, ServerOptions options);
    ~PortalServer();
    PortalServer(const PortalServer&) = delete;
    PortalServer& operator=(const PortalServer&) = delete;

    void start();
    void stop();
    // The port listened on (the one chosen when the options said 0).
    [[nodiscard]] std::uint16_t port() const noexcept { return m_port; }

private:
    Portal& m_portal;
    ServerOptions m_options;
    std::unique_ptr<Poco::ThreadPool> m_threads;  // the server's own: Poco's default pool stops at 16 threads
    std::unique_ptr<Poco::Net::HTTPServer> m_server;
    std::uint16_t m_port = 0;
};

}  // namespace baton::portal
