// `baton tasks` outputs read by real third-party software: the calendars by Debian's python3-icalendar, the
// welcome e-mails by Python's email module, and --send through a real SMTP server (Debian's python3-aiosmtpd,
// started on 127.0.0.1 on a free port by tests/servers/smtp-sink.py). Needs scripts/setup-debian.sh --tests.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <algorithm>
#include <set>
#include <sstream>
#include <thread>

#include "support/strict_csv.hpp"
#include "support/test_support.hpp"

extern char** environ;

namespace baton {
namespace {

namespace fs = std::filesystem;
using test::run_baton;

constexpr const char* python = "/usr/bin/python3";

// Runs the output checker (tests/support/check_tasks_outputs.py) and returns its standard output lines.
std::vector<std::string> check(const test::TempDir& dir, const std::string& kind, const std::vector<std::string>& files) {
    std::string command = std::string(python) + " '" + test::source_file("tests/support/check_tasks_outputs.py") +
                          "' " + kind;
    for (const auto& file : files) command += " '" + file + "'";
    const std::string out = dir.file(".check.out");
    const int status = std::system((command + " > '" + out + "' 2> '" + dir.file(".check.err") + "'").c_str());
    EXPECT_EQ(status, 0) << command << "\n" << test::read_file(dir.file(".check.err"))
                         << "(is python3-icalendar installed? run scripts/setup-debian.sh --tests)";
    std::vector<std::string> lines;
    std::istringstream in(test::read_file(out));
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> split(const std::string& line, char separator) {
    std::vector<std::string> parts;
    std::string part;
    std::istringstream in(line);
    while (std::getline(in, part, separator)) parts.push_back(part);
    if (!line.empty() && line.back() == separator) parts.emplace_back();
    return parts;
}

struct Planned {
    test::TempDir dir;
    std::vector<std::vector<std::string>> csv;  // the tasks CSV, header first
};

void plan_sample(Planned& planned, const std::string& plan_options) {
    const auto& dir = planned.dir;
    ASSERT_EQ(run_baton("extract 'wxr:" + test::source_file("samples/wordpress/acme-intranet.xml") + "'", dir.path())
                  .exit_code, 0);
    ASSERT_EQ(run_baton("plan " + plan_options, dir.path()).exit_code, 0);
    const auto tasks = run_baton("tasks --go-live 2026-12-01 --from it@acme.example --out out", dir.path());
    ASSERT_EQ(tasks.exit_code, 0) << tasks.err;
    planned.csv = test::parse_csv_strictly(test::read_file(dir.file("out/tasks.csv")));
}

// A real SMTP server for one test, stopped (SIGTERM) when the test ends.
class SmtpSink {
public:
    explicit SmtpSink(std::string folder) : m_folder(std::move(folder)) {
        const std::string script = test::source_file("tests/servers/smtp-sink.py");
        std::vector<char*> argv = {const_cast<char*>(python), const_cast<char*>(script.c_str()),
                                   const_cast<char*>(m_folder.c_str()), nullptr};
        if (posix_spawn(&m_pid, python, nullptr, nullptr, argv.data(), environ) != 0) m_pid = 0;
        for (int i = 0; i < 200 && m_pid != 0 && !fs::exists(m_folder + "/port"); ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        if (fs::exists(m_folder + "/port")) m_port = std::stoi(test::read_file(m_folder + "/port"));
    }
    ~SmtpSink() {
        if (m_pid == 0) return;
        kill(m_pid, SIGTERM);
        int status = 0;
        waitpid(m_pid, &status, 0);
    }
    SmtpSink(const SmtpSink&) = delete;
    SmtpSink& operator=(const SmtpSink&) = delete;
    [[nodiscard]] int port() const { return m_port; }
    // The messages received so far, waiting up to 10 s for `expected` of them.
    [[nodiscard]] std::vector<std::string> messages(std::size_t expected) const {
        std::vector<std::string> found;
        for (int i = 0; i < 200; ++i) {
            found.clear();
            for (const auto& entry : fs::directory_iterator(m_folder)) {
                if (entry.path().extension() == ".eml") found.push_back(entry.path().string());
            }
            if (found.size() >= expected) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        std::sort(found.begin(), found.end());
        return found;
    }

private:
    std::string m_folder;
    pid_t m_pid = 0;
    int m_port = 0;
};

}  // namespace

TEST(TasksRealParsers, PythonIcalendarReadsEveryCalendar) {
    Planned planned;
    plan_sample(planned, "");
    std::size_t todos = 0;
    std::set<std::string> uids;
    std::vector<std::string> related;
    for (const auto& entry : fs::directory_iterator(planned.dir.file("out"))) {
        if (entry.path().extension() != ".ics") continue;
        const auto lines = check(planned.dir, "ics", {entry.path().string()});
        ASSERT_FALSE(lines.empty()) << entry.path();
        const std::size_t count = std::stoul(lines[0].substr(9));
        EXPECT_EQ(count, lines.size() - 1) << entry.path();
        for (std::size_t i = 1; i < lines.size(); ++i) {
            const auto fields = split(lines[i], '|');
            ASSERT_EQ(fields.size(), 7U) << lines[i];
            EXPECT_TRUE(uids.insert(fields[0]).second) << "UID twice: " << fields[0];
            EXPECT_EQ(fields[1].substr(10), "T17:00:00+0000") << lines[i];  // 17:00 UTC, the default
            EXPECT_TRUE(fields[3] == "1" || fields[3] == "5" || fields[3] == "9") << lines[i];
            EXPECT_EQ(fields[4], "NEEDS-ACTION");
            EXPECT_GT(std::stoul(fields[6]), 0U);  // a description survived escaping and folding
            for (const auto& uid : split(fields[5], ',')) {
                if (!uid.empty()) related.push_back(uid);
            }
        }
        todos += count;
    }
    EXPECT_EQ(todos, planned.csv.size() - 1);  // one VTODO per task
    for (const auto& uid : related) EXPECT_TRUE(uids.contains(uid)) << "RELATED-TO names no task: " << uid;
    EXPECT_FALSE(related.empty());
    // The accept-role task of Alice in Human Resources: 21 days before Tuesday 2026-12-01.
    EXPECT_TRUE(uids.contains("accept-role.human-resources.login-alice@baton"));
}

TEST(TasksRealParsers, PythonIcalendarReadsTimeZonesAndWorkingDays) {
    Planned planned;
    plan_sample(planned, "--mapping '" + test::source_file("mappings/tasks.example.xml") + "'");
    const auto lines = check(planned.dir, "ics", {planned.dir.file("out/alice.ics")});
    bool found = false;
    for (const auto& line : lines) {
        if (line.rfind("accept-role.human-resources.login-alice@baton|", 0) != 0) continue;
        // 15 working days before Tuesday 2026-12-01 is Tuesday 2026-11-10; 16:00 in Paris is 15:00 UTC.
        EXPECT_EQ(split(line, '|')[1], "2026-11-10T15:00:00+0000") << line;
        found = true;
    }
    EXPECT_TRUE(found);
}

TEST(TasksRealParsers, PythonEmailReadsTheWelcomeMails) {
    Planned planned;
    plan_sample(planned, "");
    std::set<std::string> emails;
    for (std::size_t i = 1; i < planned.csv.size(); ++i) emails.insert(planned.csv[i][1]);
    std::vector<std::string> files;
    for (const auto& entry : fs::directory_iterator(planned.dir.file("out"))) {
        if (entry.path().extension() == ".eml") files.push_back(entry.path().string());
    }
    EXPECT_EQ(files.size(), emails.size());
    const auto lines = check(planned.dir, "eml", files);
    ASSERT_EQ(lines.size(), files.size());
    for (const auto& line : lines) {
        const auto fields = split(line, '|');
        ASSERT_EQ(fields.size(), 3U) << line;
        const auto open = fields[0].find('<');
        ASSERT_NE(open, std::string::npos) << line;
        EXPECT_TRUE(emails.contains(fields[0].substr(open + 1, fields[0].size() - open - 2))) << line;
        EXPECT_EQ(fields[1].rfind("Welcome: your communities on the new platform (", 0), 0U) << line;
        EXPECT_EQ(fields[2], "text/plain,text/html,text/calendar") << line;
    }
    // A name that is not ASCII arrives decoded exactly.
    bool carol = false;
    for (const auto& line : lines) carol = carol || line.rfind("Carol Díaz <carol.diaz@acme.example>|", 0) == 0;
    EXPECT_TRUE(carol);
}

TEST(TasksRealParsers, SendsTheWelcomeMailsThroughARealSmtpServer) {
    Planned planned;
    plan_sample(planned, "");
    SmtpSink server(planned.dir.file("smtp"));
    ASSERT_GT(server.port(), 0) << "the SMTP server did not start (is python3-aiosmtpd installed?)";
    const auto sent = run_baton("tasks --go-live 2026-12-01 --from it@acme.example --format eml --out mail --send "
                                "smtp://127.0.0.1:" + std::to_string(server.port()),
                                planned.dir.path());
    ASSERT_EQ(sent.exit_code, 0) << sent.err;
    std::set<std::string> emails;
    for (std::size_t i = 1; i < planned.csv.size(); ++i) emails.insert(planned.csv[i][1]);
    EXPECT_NE(sent.out.find("sent " + std::to_string(emails.size()) + " welcome e-mails through smtp://127.0.0.1:"),
              std::string::npos) << sent.out;
    const auto received = server.messages(emails.size());
    ASSERT_EQ(received.size(), emails.size());
    std::set<std::string> recipients;
    for (const auto& file : received) {
        std::string rcpt = test::read_file(file.substr(0, file.size() - 4) + ".rcpt");
        recipients.insert(rcpt.substr(0, rcpt.find('\n')));
    }
    EXPECT_EQ(recipients, emails);
    const auto lines = check(planned.dir, "eml", received);
    ASSERT_EQ(lines.size(), received.size());
    for (const auto& line : lines) EXPECT_NE(line.find("|text/plain,text/html,text/calendar"), std::string::npos) << line;
}

TEST(TasksRealParsers, AnSmtpServerThatIsNotThereIsATargetError) {
    Planned planned;
    plan_sample(planned, "");
    // A port that was free a moment ago: nothing listens there.
    const int socket_fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ASSERT_EQ(bind(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
    ASSERT_EQ(getsockname(socket_fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
    close(socket_fd);
    const int port = ntohs(address.sin_port);
    const auto sent = run_baton("tasks --format eml --out mail --from it@acme.example --send smtp://127.0.0.1:" +
                                std::to_string(port), planned.dir.path());
    EXPECT_EQ(sent.exit_code, 10) << sent.out << sent.err;
    EXPECT_NE(sent.err.find("the SMTP server 127.0.0.1:" + std::to_string(port) + " did not take the welcome e-mail"),
              std::string::npos) << sent.err;
}

}  // namespace baton
