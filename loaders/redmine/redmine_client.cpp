// HTTP to one Redmine: the API key header, Retry-After on 429/503, bounded jittered retries, a shared write pace.
#include "loaders/redmine/redmine_client.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include <Poco/Exception.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include "core/error.hpp"
#include "core/text.hpp"

namespace baton::load::redmine {
namespace {

std::string snippet(const std::string& body) {
    std::string out = body.substr(0, 300);
    std::replace(out.begin(), out.end(), '\n', ' ');
    return out;
}

void sleep_seconds(double seconds) {
    if (seconds > 0) std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

}  // namespace

Endpoint parse_endpoint(const std::string& url) {
    Poco::URI uri;
    try {
        uri = Poco::URI(url);
    } catch (const Poco::Exception& error) {
        throw UsageError("\"" + url + "\" is not a URL: " + error.message(), "for example redmine:http://127.0.0.1:3000");
    }
    if (uri.getScheme() != "http" || uri.getHost().empty()) {
        throw UsageError("\"" + url + "\" is not an http:// URL of a Redmine",
                         "for example redmine:http://127.0.0.1:3000 (put a TLS proxy in front for https)");
    }
    Endpoint endpoint;
    endpoint.host = uri.getHost();
    endpoint.port = uri.getPort();
    endpoint.base_path = uri.getPath();
    while (!endpoint.base_path.empty() && endpoint.base_path.back() == '/') endpoint.base_path.pop_back();
    return endpoint;
}

void WritePacer::wait() {
    if (m_rate <= 0) return;
    const auto interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(1.0 / m_rate));
    std::chrono::steady_clock::time_point slot;
    {
        const std::lock_guard lock(m_mutex);
        const auto now = std::chrono::steady_clock::now();
        slot = std::max(now, m_next);
        m_next = slot + interval;
    }
    std::this_thread::sleep_until(slot);
}

RedmineClient::RedmineClient(Endpoint endpoint, std::string api_key, RetryPolicy policy, WritePacer& pacer,
                             TrafficCounters& counters)
    : m_endpoint(std::move(endpoint)),
      m_api_key(std::move(api_key)),
      m_policy(policy),
      m_pacer(pacer),
      m_counters(counters) {}

RedmineClient::~RedmineClient() = default;

void RedmineClient::sleep_backoff(int attempt) {
    thread_local std::mt19937 random(std::random_device{}());
    const double base = std::min(m_policy.max_delay_seconds, m_policy.base_delay_seconds * std::pow(2.0, attempt - 1));
    sleep_seconds(base * std::uniform_real_distribution<double>(0.5, 1.0)(random));
}

namespace {

// Sends the first `size` bytes of `file` into a request body, 64 KiB at a time (memory stays flat whatever its size).
void send_file(std::ostream& out, const std::string& file, std::uint64_t size) {
    std::ifstream in(file, std::ios::binary);
    std::vector<char> buffer(64 * 1024);
    std::uint64_t sent = 0;
    while (sent < size) {
        if (!out) throw Poco::IOException("the connection failed while " + file + " was being uploaded");
        in.read(buffer.data(), static_cast<std::streamsize>(std::min<std::uint64_t>(buffer.size(), size - sent)));
        const std::streamsize got = in.gcount();
        if (got <= 0) {
            throw std::runtime_error(file + ": ended after " + std::to_string(sent) + " of " + std::to_string(size) +
                                     " bytes while it was being uploaded");
        }
        out.write(buffer.data(), got);
        sent += static_cast<std::uint64_t>(got);
    }
}

}  // namespace

Response RedmineClient::send(const std::string& method, const std::string& path, const std::string& body,
                             const std::string& content_type, const std::string& switch_user,
                             const std::string& body_file) {
    // A POST that may have reached Redmine is not repeated here: the caller looks the object up first.
    const bool idempotent = method != Poco::Net::HTTPRequest::HTTP_POST;
    const bool writes = method != Poco::Net::HTTPRequest::HTTP_GET;
    const std::string what = method + " " + path;
    for (int attempt = 1;; ++attempt) {
        if (writes) {
            m_pacer.wait();
            ++m_counters.writes;
        }
        ++m_counters.requests;
        Response response;
        double retry_after = -1;
        try {
            if (!m_session) {
                m_session = std::make_unique<Poco::Net::HTTPClientSession>(m_endpoint.host, m_endpoint.port);
                m_session->setKeepAlive(true);
                m_session->setTimeout(Poco::Timespan(static_cast<long>(m_policy.timeout_seconds), 0));
            }
            Poco::Net::HTTPRequest request(method, m_endpoint.base_path + path, Poco::Net::HTTPMessage::HTTP_1_1);
            request.set("X-Redmine-API-Key", m_api_key);
            if (!switch_user.empty()) request.set("X-Redmine-Switch-User", switch_user);
            const std::uint64_t size = body_file.empty() ? body.size() : std::filesystem::file_size(body_file);
            if (writes) {
                request.setContentType(content_type);
                request.setContentLength(static_cast<std::streamsize>(size));
            }
            std::ostream& out = m_session->sendRequest(request);
            if (body_file.empty()) {
                out.write(body.data(), static_cast<std::streamsize>(body.size()));
            } else {
                try {
                    send_file(out, body_file, size);
                } catch (const std::runtime_error&) {
                    m_session.reset();  // the request was cut short: the connection cannot be reused
                    throw;
                }
            }
            Poco::Net::HTTPResponse answer;
            std::istream& in = m_session->receiveResponse(answer);
            Poco::StreamCopier::copyToString(in, response.body);
            response.status = static_cast<int>(answer.getStatus());
            if (answer.has("Retry-After")) {
                if (const auto seconds = text::parse_int(answer.get("Retry-After")); seconds && *seconds >= 0) {
                    retry_after = static_cast<double>(*seconds);
                }
            }
        } catch (const Poco::Exception& error) {
            m_session.reset();  // a dropped or half-read connection is not reused
            if (!idempotent || attempt >= m_policy.max_attempts) {
                throw TransientError(what + ": " + error.displayText() + " (attempt " + std::to_string(attempt) + ")");
            }
            ++m_counters.retries;
            sleep_backoff(attempt);
            continue;
        }
        if (response.status == 429 || response.status == 503) {  // refused before doing anything: safe to repeat
            ++m_counters.throttled;
            if (attempt >= m_policy.max_attempts) {
                throw TransientError(what + ": HTTP " + std::to_string(response.status) + " after " +
                                     std::to_string(attempt) + " attempts");
            }
            ++m_counters.retries;
            if (retry_after >= 0) {
                sleep_seconds(std::min(retry_after, m_policy.max_delay_seconds));
            } else {
                sleep_backoff(attempt);
            }
            continue;
        }
        if (response.status >= 500) {
            if (!idempotent || attempt >= m_policy.max_attempts) {
                throw TransientError(what + ": HTTP " + std::to_string(response.status) + ": " + snippet(response.body));
            }
            ++m_counters.retries;
            sleep_backoff(attempt);
            continue;
        }
        return response;
    }
}

Poco::JSON::Object::Ptr RedmineClient::get_json(const std::string& path) {
    const Response response = send(Poco::Net::HTTPRequest::HTTP_GET, path, {}, {}, {});
    if (response.status == 404) return nullptr;
    if (response.status >= 400 || response.status < 200) {
        throw RefusedError(response.status, "GET " + path + ": HTTP " + std::to_string(response.status) + ": " +
                                                snippet(response.body));
    }
    return parse_json_object(response.body);
}

Response RedmineClient::write(const std::string& method, const std::string& path, const std::string& json,
                              const std::string& switch_user) {
    Response response = send(method, path, json, "application/json", switch_user);
    if (response.status >= 400) {
        throw RefusedError(response.status, method + " " + path + ": HTTP " + std::to_string(response.status) + ": " +
                                                snippet(response.body));
    }
    return response;
}

std::string RedmineClient::upload(const std::string& file, const std::string& filename) {
    const std::string path = "/uploads.json?filename=" + url_encode(filename);
    // An upload is only a token until a page takes it: repeating one after a dropped connection is harmless.
    for (int attempt = 1;; ++attempt) {
        try {
            Response response = send(Poco::Net::HTTPRequest::HTTP_POST, path, {}, "application/octet-stream", {}, file);
            if (response.status >= 400) {
                throw RefusedError(response.status, "POST /uploads.json: HTTP " + std::to_string(response.status) +
                                                        ": " + snippet(response.body));
            }
            const auto upload = parse_json_object(response.body)->getObject("upload");
            if (!upload) throw TransientError("POST /uploads.json: no token in the answer");
            return upload->getValue<std::string>("token");
        } catch (const TransientError&) {
            if (attempt >= m_policy.max_attempts) throw;
            ++m_counters.retries;
            sleep_backoff(attempt);
        }
    }
}

Poco::JSON::Object::Ptr parse_json_object(const std::string& text) {
    try {
        Poco::JSON::Parser parser;
        auto object = parser.parse(text).extract<Poco::JSON::Object::Ptr>();
        if (!object) throw TransientError("Redmine answered JSON that is not an object: " + snippet(text));
        return object;
    } catch (const Poco::Exception& error) {
        throw TransientError("Redmine answered something that is not JSON (" + error.displayText() + "): " + snippet(text));
    }
}

std::string json_text(const Poco::JSON::Object& object) {
    std::ostringstream out;
    object.stringify(out);
    return out.str();
}

std::string url_encode(const std::string& value) {
    std::string out;
    Poco::URI::encode(value, "/?#&=+;:,%[]@!$'()*\" <>", out);
    return out;
}

}  // namespace baton::load::redmine
