// A key -> value cache that never holds more than its capacity: memory stays flat however big the input.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

namespace baton {

// When full, the cache starts over empty: simple, O(1), and good enough for the skewed access of
// exports (the same authors, terms and parents come back again and again). A miss is never wrong,
// only slower: callers fall back to the workspace.
template <typename Value>
class BoundedCache {
public:
    explicit BoundedCache(std::size_t capacity) : m_capacity(capacity) { m_entries.reserve(capacity); }

    [[nodiscard]] const Value* find(const std::string& key) const {
        const auto found = m_entries.find(key);
        return found == m_entries.end() ? nullptr : &found->second;
    }

    void put(const std::string& key, Value value) {
        if (m_entries.size() >= m_capacity && !m_entries.contains(key)) {
            m_entries.clear();
            m_forgot = true;
        }
        m_entries.insert_or_assign(key, std::move(value));
    }

    // Whether it ever started over: until then it holds every key it was given.
    [[nodiscard]] bool forgot_any() const noexcept { return m_forgot; }

    // Set-like use: true the first time a key is seen (as far as the cache remembers).
    bool first_sight(const std::string& key) {
        if (m_entries.contains(key)) return false;
        put(key, Value{});
        return true;
    }

    [[nodiscard]] std::size_t size() const noexcept { return m_entries.size(); }

private:
    std::size_t m_capacity;
    bool m_forgot = false;
    std::unordered_map<std::string, Value> m_entries;
};

}  // namespace baton
