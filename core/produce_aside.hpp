// Work split over two threads: a producer on a thread of its own hands batches to a consumer on the caller's.
#pragma once

#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <thread>
#include <utility>

#include "core/bounded_queue.hpp"

namespace baton {

// Runs `produce(hand_over)` on a thread of its own from construction on; the caller takes the batches handed
// over, in order, with next(), whenever it is ready for them (meanwhile the producer works ahead, at most `depth`
// batches: memory stays flat). `hand_over(batch)` returns false once the caller has stopped (destroyed this): the
// producer should then return. A failure of the producer is rethrown by next() after the batches before it.
template <typename Batch>
class BatchesAhead {
public:
    using HandOver = std::function<bool(Batch)>;

    explicit BatchesAhead(std::function<void(const HandOver&)> produce, std::size_t depth = 8)
        : m_ready(depth), m_thread([this, produce = std::move(produce)] { run(produce); }) {}
    ~BatchesAhead() {
        m_ready.close();  // the producer stops at its next hand-over
        m_thread.join();
    }
    BatchesAhead(const BatchesAhead&) = delete;
    BatchesAhead& operator=(const BatchesAhead&) = delete;

    // The next batch; nullopt once the producer has returned and every batch was taken.
    std::optional<Batch> next() {
        auto batch = m_ready.pop();
        if (!batch && m_failure) std::rethrow_exception(m_failure);  // read after the close in run()
        return batch;
    }

private:
    void run(const std::function<void(const HandOver&)>& produce) {
        try {
            produce([this](Batch batch) { return m_ready.push(std::move(batch)); });
        } catch (...) {
            m_failure = std::current_exception();
        }
        m_ready.close();
    }

    BoundedQueue<Batch> m_ready;
    std::exception_ptr m_failure;
    std::thread m_thread;  // last: started once everything it uses is built
};

// Runs `produce(hand_over)` on a thread of its own while this thread calls `consume(batch)` for every batch handed
// over, in order, through a queue of at most `depth` batches (memory stays flat). `hand_over(batch)` returns false
// once the consumer has stopped: the producer should then return. An exception on either side stops both and is
// rethrown here (the consumer's if both fail).
template <typename Batch, typename Produce, typename Consume>
void produce_aside(Produce&& produce, Consume&& consume, std::size_t depth = 8) {
    BatchesAhead<Batch> batches(std::forward<Produce>(produce), depth);
    while (auto batch = batches.next()) consume(*batch);
}

}  // namespace baton
