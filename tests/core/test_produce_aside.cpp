// produce_aside: batches reach the consumer in order, and a failure on either side stops both and is rethrown.
#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
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

}  // namespace baton
