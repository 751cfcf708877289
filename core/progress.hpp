// A progress line (count, rate, ETA) for long steps, shown only on an interactive terminal.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>

namespace baton {

class Progress {
public:
    // `label` names the step ("extract wxr"); `total_work` (e.g. input bytes) enables the ETA, 0 = unknown.
    Progress(std::string label, std::uint64_t total_work);
    ~Progress();
    Progress(const Progress&) = delete;
    Progress& operator=(const Progress&) = delete;

    // Cheap to call per item: redraws at most a few times a second.
    void update(std::uint64_t items, std::uint64_t work_done);
    void finish();

    // True when stderr is a terminal and we are not in CI (CI set, TERM=dumb).
    [[nodiscard]] static bool wanted();
    // Force on or off (tests, --progress / --no-progress).
    static void set_override(int on_off_or_auto);

    // The line as it would be drawn; public for tests.
    [[nodiscard]] static std::string format_line(const std::string& label, std::uint64_t items, double seconds,
                                                 std::uint64_t work_done, std::uint64_t total_work);

private:
    void draw(bool final_line);
    std::string m_label;
    std::uint64_t m_total_work;
    std::uint64_t m_items = 0;
    std::uint64_t m_work = 0;
    bool m_enabled;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_start;
    std::chrono::steady_clock::time_point m_last_draw;
};

}  // namespace baton
