// A progress line (count, rate, ETA) for long steps, shown only on an interactive terminal.
#include "core/progress.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

namespace baton {
namespace {

int g_override = -1;  // -1 auto, 0 off, 1 on

std::string with_thousands(std::uint64_t value) {
    std::string digits = std::to_string(value);
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n) out += ',';
    }
    return out;
}

std::string clock_text(double seconds) {
    const auto total = static_cast<std::uint64_t>(seconds + 0.5);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%llu:%02llu:%02llu", static_cast<unsigned long long>(total / 3600),
                  static_cast<unsigned long long>((total / 60) % 60), static_cast<unsigned long long>(total % 60));
    return buffer;
}

}  // namespace

Progress::Progress(std::string label, std::uint64_t total_work)
    : m_label(std::move(label)),
      m_total_work(total_work),
      m_enabled(wanted()),
      m_start(std::chrono::steady_clock::now()),
      m_last_draw(m_start - std::chrono::seconds(1)) {}  // the first update draws at once

Progress::~Progress() { finish(); }

bool Progress::wanted() {
    if (g_override >= 0) return g_override == 1;
    if (std::getenv("CI") != nullptr) return false;
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::strcmp(term, "dumb") == 0) return false;
    return isatty(STDERR_FILENO) == 1;
}

void Progress::set_override(int on_off_or_auto) { g_override = on_off_or_auto; }

void Progress::update(std::uint64_t items, std::uint64_t work_done) {
    m_items = items;
    m_work = work_done;
    if (!m_enabled) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_last_draw < std::chrono::milliseconds(250)) return;
    m_last_draw = now;
    draw(false);
}

void Progress::finish() {
    if (m_enabled && m_drawn) {
        draw(true);
        std::fputc('\n', stderr);
        m_drawn = false;
    }
    m_enabled = false;
}

std::string Progress::format_line(const std::string& label, std::uint64_t items, double seconds,
                                  std::uint64_t work_done, std::uint64_t total_work) {
    std::string line = label + ": " + with_thousands(items) + " items";
    if (seconds > 0.05) {
        line += ", " + with_thousands(static_cast<std::uint64_t>(static_cast<double>(items) / seconds)) + "/s";
    }
    if (total_work > 0 && work_done > 0) {
        const double fraction = static_cast<double>(work_done) / static_cast<double>(total_work);
        line += ", " + std::to_string(static_cast<int>(fraction * 100.0 + 0.5)) + "%";
        if (fraction < 1.0 && seconds > 0.5) line += ", ETA " + clock_text(seconds / fraction - seconds);
    }
    line += ", elapsed " + clock_text(seconds);
    return line;
}

void Progress::draw(bool final_line) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    const std::string line =
        format_line(m_label, m_items, seconds, final_line ? m_total_work : m_work, m_total_work);
    std::fprintf(stderr, "\r\033[K%s", line.c_str());
    std::fflush(stderr);
    m_drawn = true;
}

}  // namespace baton
