// One worker thread that does `work` on the items it is given and hands the results back in the same order.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <stdexcept>
#include <thread>
#include <utility>

#include "core/bounded_queue.hpp"

namespace baton {

// The caller submits items and takes their results in submission order, keeping at most capacity() items in
// flight (submitted, not yet taken): then neither side ever waits on a full queue. An exception thrown by `work`
// is rethrown by take() (so `work` should turn per-item problems into results); the destructor stops the thread.
template <typename In, typename Out>
class OrderedWorker {
public:
    explicit OrderedWorker(std::function<Out(In&)> work, std::size_t capacity = 64)
        : m_work(std::move(work)), m_capacity(capacity), m_in(capacity), m_out(capacity), m_thread([this] { run(); }) {}
    ~OrderedWorker() {
        m_in.close();
        m_out.close();
        m_thread.join();
    }
    OrderedWorker(const OrderedWorker&) = delete;
    OrderedWorker& operator=(const OrderedWorker&) = delete;

    [[nodiscard]] std::size_t capacity() const noexcept { return m_capacity; }
    [[nodiscard]] std::size_t in_flight() const noexcept { return m_in_flight; }

    void submit(In item) {
        if (m_in_flight == m_capacity) throw std::logic_error("OrderedWorker: take a result before submitting more");
        m_in.push(std::move(item));
        ++m_in_flight;
    }

    // The result of the oldest item in flight (one must be).
    Out take() {
        if (m_in_flight == 0) throw std::logic_error("OrderedWorker: nothing in flight");
        auto result = m_out.pop();
        if (!result) {
            if (m_failure) std::rethrow_exception(m_failure);
            throw std::logic_error("OrderedWorker: stopped");
        }
        --m_in_flight;
        return std::move(*result);
    }

private:
    void run() {
        try {
            while (auto item = m_in.pop()) {
                if (!m_out.push(m_work(*item))) return;
            }
        } catch (...) {
            m_failure = std::current_exception();  // read by take() after the close below
        }
        m_out.close();
    }

    std::function<Out(In&)> m_work;
    std::size_t m_capacity;
    std::size_t m_in_flight = 0;
    BoundedQueue<In> m_in;
    BoundedQueue<Out> m_out;
    std::exception_ptr m_failure;
    std::thread m_thread;  // last: started once everything it uses is built
};

}  // namespace baton
