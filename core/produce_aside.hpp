// Work split over two threads: a producer on a thread of its own hands batches to a consumer on the caller's.
#pragma once

#include <cstddef>
#include <exception>
#include <thread>
#include <utility>

#include "core/bounded_queue.hpp"

namespace baton {

// Runs `produce(hand_over)` on a thread of its own while this thread calls `consume(batch)` for every batch handed
// over, in order, through a queue of at most `depth` batches (memory stays flat). `hand_over(batch)` returns false
// once the consumer has stopped: the producer should then return. An exception on either side stops both and is
// rethrown here (the consumer's if both fail).
template <typename Batch, typename Produce, typename Consume>
void produce_aside(Produce&& produce, Consume&& consume, std::size_t depth = 8) {
    BoundedQueue<Batch> ready(depth);
    std::exception_ptr failure;
    std::thread producer([&] {
        try {
            produce([&](Batch batch) { return ready.push(std::move(batch)); });
        } catch (...) {
            failure = std::current_exception();
        }
        ready.close();
    });
    try {
        while (auto batch = ready.pop()) consume(*batch);
    } catch (...) {
        ready.close();  // the producer stops at its next hand-over
        producer.join();
        throw;
    }
    producer.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace baton
