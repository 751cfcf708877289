// Paces target writes to `baton load --rate` (writes per second); safe to share between writer threads.
#pragma once

#include <chrono>
#include <mutex>
#include <thread>

namespace baton::load {

class WritePacer {
public:
    explicit WritePacer(double writes_per_second) {
        if (writes_per_second > 0) {
            m_interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                std::chrono::duration<double>(1.0 / writes_per_second));
        }
    }
    // Blocks until the next write may start.
    void wait() {
        if (m_interval.count() == 0) return;
        std::chrono::steady_clock::time_point slot;
        {
            const std::lock_guard lock(m_mutex);
            const auto now = std::chrono::steady_clock::now();
            if (m_next < now) m_next = now;
            slot = m_next;
            m_next += m_interval;
        }
        std::this_thread::sleep_until(slot);
    }

private:
    std::mutex m_mutex;
    std::chrono::steady_clock::duration m_interval{0};
    std::chrono::steady_clock::time_point m_next{};
};

}  // namespace baton::load
