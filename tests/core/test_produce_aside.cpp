// produce_aside and BatchesAhead: batches reach the consumer in order, the producer works ahead at most `depth`
// batches, and a failure on either side stops both and is rethrown.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/produce_aside.hpp"

namespace baton {

TEST(ProduceAside, EveryBatchArrivesInOrder) {
    std::vector<int> seen;
    produce_aside<std::vector<int>>(
        [](const auto& hand_over) {
            for (int start = 0; start < 1000; start += 10) {
                std::vector<int> batch;
                for (int n = start; n < start + 10; ++n) batch.push_back(n);
                ASSERT_TRUE(hand_over(std::move(batch)));
            }
        },
        [&](std::vector<int>& batch) { seen.insert(seen.end(), batch.begin(), batch.end()); }, 2);
    ASSERT_EQ(seen.size(), 1000U);
    for (int n = 0; n < 1000; ++n) EXPECT_EQ(seen[static_cast<std::size_t>(n)], n);
}

TEST(ProduceAside, AProducerFailureReachesTheCaller) {
    int consumed = 0;
    EXPECT_THROW(produce_aside<int>(
                     [](const auto& hand_over) {
                         hand_over(1);
                         throw std::runtime_error("source broke");
                     },
                     [&](int) { ++consumed; }),
                 std::runtime_error);
    EXPECT_EQ(consumed, 1);
}

TEST(ProduceAside, AConsumerFailureStopsTheProducer) {
    std::atomic<bool> refused{false};
    EXPECT_THROW(produce_aside<int>(
                     [&](const auto& hand_over) {
                         for (int n = 0; n < 1000000; ++n) {
                             if (!hand_over(n)) {
                                 refused = true;
                                 return;
                             }
                         }
                     },
                     [](int n) {
                         if (n == 5) throw std::runtime_error("sink broke");
                     },
                     1),
                 std::runtime_error);
    EXPECT_TRUE(refused);
}

// The caller takes batches when it is ready: meanwhile the producer works ahead, as far as the depth allows and no
// further; dropping the rest stops it.
TEST(BatchesAhead, TheProducerWorksAheadUpToTheDepthAndStopsWhenDropped) {
    std::atomic<int> produced{0};
    std::atomic<bool> refused{false};
    {
        BatchesAhead<int> batches(
            [&](const auto& hand_over) {
                for (int n = 0; n < 1000; ++n) {
                    if (!hand_over(n)) {
                        refused = true;
                        return;
                    }
                    ++produced;
                }
            },
            3);
        // The queue fills without the caller: three batches handed over, the fourth waits for room.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
        while (produced < 3 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        EXPECT_EQ(produced, 3);
        EXPECT_EQ(batches.next(), 0);
        EXPECT_EQ(batches.next(), 1);
    }
    EXPECT_TRUE(refused);
    EXPECT_LT(produced, 10);
}

TEST(BatchesAhead, EveryBatchThenTheEndThenTheProducersFailure) {
    BatchesAhead<int> batches([](const auto& hand_over) {
        for (int n = 0; n < 5; ++n) hand_over(n);
    });
    for (int n = 0; n < 5; ++n) EXPECT_EQ(batches.next(), n);
    EXPECT_EQ(batches.next(), std::nullopt);
    EXPECT_EQ(batches.next(), std::nullopt);

    BatchesAhead<int> failing([](const auto& hand_over) {
        hand_over(7);
        throw std::runtime_error("source broke");
    });
    EXPECT_EQ(failing.next(), 7);
    EXPECT_THROW((void)failing.next(), std::runtime_error);
}

}  // namespace baton
