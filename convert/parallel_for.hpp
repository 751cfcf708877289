// Runs independent pieces of work on every core: the convert stage reads and writes a batch's bodies this way.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace baton::convert {

// Calls work(i) for every i below `count`, on up to hardware_concurrency() threads (the caller's among them),
// each taking the next index. The first exception a call throws is rethrown here once all threads have stopped;
// the other threads stop taking work when one has thrown.
template <typename Work>
void parallel_for(std::size_t count, const Work& work) {
    const std::size_t threads = std::min<std::size_t>(std::max(1U, std::thread::hardware_concurrency()), count);
    if (threads <= 1) {
        for (std::size_t i = 0; i < count; ++i) work(i);
        return;
    }
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};
    std::exception_ptr failure;
    std::mutex failure_mutex;
    const auto run = [&] {
        for (std::size_t i = next++; i < count && !stop; i = next++) {
            try {
                work(i);
            } catch (...) {
                const std::lock_guard lock(failure_mutex);
                if (!failure) failure = std::current_exception();
                stop = true;
            }
        }
    };
    std::vector<std::thread> helpers;
    helpers.reserve(threads - 1);
    for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(run);
    run();
    for (auto& helper : helpers) helper.join();
    if (failure) std::rethrow_exception(failure);
}

}  // namespace baton::convert
