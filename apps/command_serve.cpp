// `baton serve [--listen HOST:PORT]`: the review portal where proposed owners answer and the admin follows up.
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

#include "apps/command.hpp"
#include "core/interrupt.hpp"
#include "core/text.hpp"
#include "portal/portal.hpp"
#include "portal/server.hpp"
#include "transform/mapping/people_directory.hpp"

namespace baton::app {

int run_serve(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("listen", po::value<std::string>()->default_value("127.0.0.1:8088"),
                          "the address and port to listen on (port 0: any free port)")(
        "go-live", po::value<std::string>()->default_value(""), "YYYY-MM-DD: show due dates and overdue tasks")(
        "directory", po::value<std::string>(), "a people directory CSV (login column) nominees may come from")(
        "threads", po::value<int>()->default_value(64), "the most requests answered at once")(
        "access-log", "print one line per request on stderr (invitation tokens blanked out)")(
        "secure-cookies", "mark the session cookie Secure (when a TLS proxy is in front)");
    const auto values = parse_command_line(
        "serve", "[--listen HOST:PORT] [--go-live YYYY-MM-DD] [--directory FILE] [--workspace FILE]",
        "Serves the review portal for the latest plan: each person invited with `baton invite` sees the\n"
        "communities proposed to them and answers (accept, decline, nominate someone), marks tasks done and\n"
        "chooses keep or archive for stale items; the admin link opens the dashboard. Stops on Ctrl-C.",
        options, {}, arguments);
    if (!values) return 0;
    portal::PortalOptions portal_options;
    portal_options.workspace_path = workspace_path(*values);
    portal_options.go_live = (*values)["go-live"].as<std::string>();
    portal_options.secure_cookies = values->count("secure-cookies") != 0;
    if (!portal_options.go_live.empty() &&
        (portal_options.go_live.size() != 10 || portal_options.go_live[4] != '-' || portal_options.go_live[7] != '-')) {
        throw UsageError("--go-live takes a date YYYY-MM-DD, not \"" + portal_options.go_live + "\"");
    }
    if (values->count("directory") != 0) {
        for (const auto& entry : transform::mapping::read_people_directory((*values)["directory"].as<std::string>()).entries) {
            if (entry.status != "departed") portal_options.directory.insert(text::to_lower_ascii(entry.login));
        }
    }
    portal::ServerOptions server_options;
    portal::parse_listen_address((*values)["listen"].as<std::string>(), server_options);
    server_options.max_threads = std::max(2, (*values)["threads"].as<int>());
    if (values->count("access-log") != 0) {
        server_options.access_log = [mutex = std::make_shared<std::mutex>()](const std::string& line) {
            std::lock_guard lock(*mutex);
            std::cerr << line << '\n';
        };
    }
    portal::Portal portal(portal_options);
    workspace::Workspace workspace(portal_options.workspace_path, workspace::Access::existing);
    workspace::recorded_run(workspace, "serve", options_text(arguments), [&](std::int64_t) {
        portal::PortalServer server(portal, server_options);
        server.start();
        std::cout << "baton serve: listening on http://" << server_options.host << ':' << server.port()
                  << " (Ctrl-C stops)" << std::endl;
        while (!interrupt_requested()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        server.stop();
        return workspace::RunOutcome::succeeded;
    });
    std::cout << "baton serve: stopped" << std::endl;
    return 0;
}

}  // namespace baton::app
