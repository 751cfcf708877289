// HTTP to one Redmine: the API key header, Retry-After on 429/503, bounded jittered retries, a shared write pace.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

#include <Poco/JSON/Object.h>

namespace Poco::Net {
class HTTPClientSession;
}

namespace baton::load::redmine {

// The request may or may not have reached Redmine (a dropped connection, a 5xx): the caller finds the
// object again by its legacy key before trying once more, so a create is never repeated blindly.
class TransientError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Redmine refused the request for good (4xx other than 429): no retry helps.
class RefusedError : public std::runtime_error {
public:
    RefusedError(int status, const std::string& message) : std::runtime_error(message), m_status(status) {}
    [[nodiscard]] int status() const noexcept { return m_status; }

private:
    int m_status;
};

struct Endpoint {
    std::string host;
    unsigned short port = 0;
    std::string base_path;  // "" or "/redmine" when Redmine is served below the root
};

// "http://127.0.0.1:3000" -> its parts; throws UsageError for anything but a plain http URL.
[[nodiscard]] Endpoint parse_endpoint(const std::string& url);

struct RetryPolicy {
    int max_attempts = 6;                       // per request, and per object operation
    double base_delay_seconds = 0.2;            // doubled per attempt, with up to 50 % random jitter
    double max_delay_seconds = 30;              // cap on one wait (also on a Retry-After the server asks for)
    double timeout_seconds = 60;                // connect / send / receive
};

// At most `rate` writes per second over every connection of a load; 0: no cap.
class WritePacer {
public:
    explicit WritePacer(double rate) : m_rate(rate) {}
    void wait();

private:
    double m_rate;
    std::mutex m_mutex;
    std::chrono::steady_clock::time_point m_next{};
};

// Counters shared by every connection of one load (for the report and the tests).
struct TrafficCounters {
    std::atomic<std::int64_t> requests{0};
    std::atomic<std::int64_t> writes{0};     // POST / PUT / DELETE attempts
    std::atomic<std::int64_t> retries{0};
    std::atomic<std::int64_t> throttled{0};  // 429 / 503 answers waited out
};

struct Response {
    int status = 0;
    std::string body;
};

// One keep-alive connection; not thread-safe: each worker of a load has its own.
class RedmineClient {
public:
    RedmineClient(Endpoint endpoint, std::string api_key, RetryPolicy policy, WritePacer& pacer,
                  TrafficCounters& counters);
    ~RedmineClient();
    RedmineClient(const RedmineClient&) = delete;
    RedmineClient& operator=(const RedmineClient&) = delete;

    // GET; a JSON object, or null on 404. Throws RefusedError / TransientError otherwise.
    [[nodiscard]] Poco::JSON::Object::Ptr get_json(const std::string& path);
    // POST/PUT/DELETE of JSON (empty body: none), as `switch_user` when not empty. Returns status and body
    // of a 2xx answer; RefusedError for a 4xx (404 included), TransientError when retries ran out.
    Response write(const std::string& method, const std::string& path, const std::string& json,
                   const std::string& switch_user = {});
    // POST /uploads.json with the bytes of `file`, streamed from disk; the upload token.
    [[nodiscard]] std::string upload(const std::string& file, const std::string& filename);

private:
    // The body is `body`, or when `body_file` is given that file's bytes, streamed.
    Response send(const std::string& method, const std::string& path, const std::string& body,
                  const std::string& content_type, const std::string& switch_user,
                  const std::string& body_file = {});
    void sleep_backoff(int attempt);
    Endpoint m_endpoint;
    std::string m_api_key;
    RetryPolicy m_policy;
    WritePacer& m_pacer;
    TrafficCounters& m_counters;
    std::unique_ptr<Poco::Net::HTTPClientSession> m_session;
};

[[nodiscard]] Poco::JSON::Object::Ptr parse_json_object(const std::string& text);
// The object as JSON text.
[[nodiscard]] std::string json_text(const Poco::JSON::Object& object);

// URL path segment encoding (wiki titles, logins in query strings).
[[nodiscard]] std::string url_encode(const std::string& value);

}  // namespace baton::load::redmine
