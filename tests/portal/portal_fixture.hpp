// A planned workspace from the hand-made review site (review-site.xml), with the portal served in-process on a
// free loopback port and a small Poco HTTP client, for the portal tests.
#pragma once

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <memory>
#include <mutex>
#include <regex>
#include <sstream>
#include <vector>

#include "portal/portal.hpp"
#include "portal/server.hpp"
#include "portal/tokens.hpp"
#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"

namespace baton::test {

struct HttpAnswer {
    int status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
    [[nodiscard]] std::string header(const std::string& name) const {
        for (const auto& [key, value] : headers) {
            if (Poco::icompare(key, name) == 0) return value;
        }
        return {};
    }
};

class PortalFixture : public ::testing::Test {
protected:
    void SetUp() override {
        {
            workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
            extract_wxr(workspace, source_file("tests/portal/review-site.xml"));
            workspace::recorded_run(workspace, "plan", "", [&](std::int64_t run) {
                plan_run = transform::plan_with_built_in_rules(workspace, run).run_id;
                return workspace::RunOutcome::succeeded;
            });
            alice_id = query_int(workspace, "SELECT id FROM people WHERE login = 'alice'");
            bob_id = query_int(workspace, "SELECT id FROM people WHERE login = 'bob'");
            carol_id = query_int(workspace, "SELECT id FROM people WHERE login = 'carol'");
            alice_token = portal::issue_token(workspace.db(), alice_id, "owner", 30, 0).token;
            bob_token = portal::issue_token(workspace.db(), bob_id, "owner", 30, 0).token;
            admin_token = portal::issue_token(workspace.db(), 0, "admin", 30, 0).token;
        }
        portal::PortalOptions options;
        options.workspace_path = dir.file("w.db");
        options.directory = {"dave.hr"};  // as `serve --directory` reads it: a login with no legacy identity
        portal = std::make_unique<portal::Portal>(options);
        portal::ServerOptions server_options;
        server_options.port = 0;
        server_options.max_threads = 4;
        server_options.access_log = [this](const std::string& line) {
            std::lock_guard lock(log_mutex);
            log += line + "\n";
        };
        server = std::make_unique<portal::PortalServer>(*portal, server_options);
        server->start();
    }
    void TearDown() override {
        server->stop();
        server.reset();
        portal.reset();
    }

    HttpAnswer request(const std::string& method, const std::string& path, const std::string& token = {},
                       const std::string& form = {}) {
        Poco::Net::HTTPClientSession session("127.0.0.1", server->port());
        Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
        if (!token.empty()) request.add("Cookie", std::string(portal::session_cookie_name) + "=" + token);
        if (method == "POST") {
            request.setContentType("application/x-www-form-urlencoded");
            request.setContentLength(static_cast<std::streamsize>(form.size()));
            session.sendRequest(request) << form;
        } else {
            session.sendRequest(request);
        }
        Poco::Net::HTTPResponse response;
        std::istream& body = session.receiveResponse(response);
        HttpAnswer answer;
        answer.status = static_cast<int>(response.getStatus());
        Poco::StreamCopier::copyToString(body, answer.body);
        for (const auto& [name, value] : response) answer.headers.emplace_back(name, value);
        return answer;
    }
    HttpAnswer get(const std::string& path, const std::string& token = {}) { return request("GET", path, token); }
    HttpAnswer post(const std::string& path, const std::string& token, const std::string& form) {
        return request("POST", path, token, form);
    }
    // The CSRF token the portal put into the forms of `path` for this session.
    std::string csrf_of(const std::string& token, const std::string& path = "/") {
        const auto answer = get(path, token);
        std::smatch match;
        const std::regex field("name=\"csrf\" value=\"([0-9a-f]+)\"");
        if (!std::regex_search(answer.body, match, field)) return {};
        return match[1];
    }
    std::int64_t count(const std::string& sql) {
        workspace::Workspace workspace(dir.file("w.db"), workspace::Access::existing);
        return query_int(workspace, sql);
    }
    std::string text(const std::string& sql) {
        workspace::Workspace workspace(dir.file("w.db"), workspace::Access::existing);
        return query_text(workspace, sql);
    }
    void sql(const std::string& statement) {
        workspace::Workspace workspace(dir.file("w.db"), workspace::Access::existing);
        workspace.db().exec(statement);
    }

    TempDir dir;
    std::int64_t plan_run = 0;
    std::int64_t alice_id = 0;
    std::int64_t bob_id = 0;
    std::int64_t carol_id = 0;
    std::string alice_token;
    std::string bob_token;
    std::string admin_token;
    std::unique_ptr<portal::Portal> portal;
    std::unique_ptr<portal::PortalServer> server;
    std::mutex log_mutex;
    std::string log;
};

}  // namespace baton::test
