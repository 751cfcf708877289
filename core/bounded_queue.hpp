// A fixed-depth queue between a producer and a consumer thread: memory stays bounded.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>

namespace baton {

template <typename T>
class BoundedQueue {
public:
    explicit BoundedQueue(std::size_t depth) : m_depth(depth) {}

    // Blocks while full; returns false if the queue was closed.
    bool push(T value) {
        std::unique_lock lock(m_mutex);
        m_not_full.wait(lock, [&] { return m_closed || m_items.size() < m_depth; });
        if (m_closed) return false;
        m_items.push_back(std::move(value));
        m_not_empty.notify_one();
        return true;
    }

    // Blocks while empty; nullopt once closed and drained.
    std::optional<T> pop() {
        std::unique_lock lock(m_mutex);
        m_not_empty.wait(lock, [&] { return m_closed || !m_items.empty(); });
        if (m_items.empty()) return std::nullopt;
        T value = std::move(m_items.front());
        m_items.pop_front();
        m_not_full.notify_one();
        return value;
    }

    // Non-blocking variants: false / nullopt instead of waiting.
    bool try_push(T value) {
        std::lock_guard lock(m_mutex);
        if (m_closed || m_items.size() >= m_depth) return false;
        m_items.push_back(std::move(value));
        m_not_empty.notify_one();
        return true;
    }

    std::optional<T> try_pop() {
        std::lock_guard lock(m_mutex);
        if (m_items.empty()) return std::nullopt;
        T value = std::move(m_items.front());
        m_items.pop_front();
        m_not_full.notify_one();
        return value;
    }

    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_not_empty.notify_all();
        m_not_full.notify_all();
    }

private:
    std::size_t m_depth;
    std::deque<T> m_items;
    bool m_closed = false;
    std::mutex m_mutex;
    std::condition_variable m_not_full;
    std::condition_variable m_not_empty;
};

}  // namespace baton
