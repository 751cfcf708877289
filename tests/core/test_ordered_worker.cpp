// OrderedWorker: results come back in submission order, a failure of the work reaches take(), and the in-flight
// limit is enforced rather than deadlocking.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "core/ordered_worker.hpp"

namespace baton {

TEST(OrderedWorker, ResultsComeBackInSubmissionOrder) {
    OrderedWorker<int, std::string> worker([](int& n) { return std::to_string(n * n); }, 4);
    std::string seen;
    for (int n = 0; n < 100; ++n) {
        if (worker.in_flight() == worker.capacity()) seen += worker.take() + ",";
        worker.submit(n);
    }
    while (worker.in_flight() > 0) seen += worker.take() + ",";
    std::string expected;
    for (int n = 0; n < 100; ++n) expected += std::to_string(n * n) + ",";
    EXPECT_EQ(seen, expected);
}

TEST(OrderedWorker, AFailureOfTheWorkReachesTake) {
    OrderedWorker<int, int> worker(
        [](int& n) {
            if (n == 2) throw std::runtime_error("broke on 2");
            return n;
        },
        8);
    for (int n = 0; n < 5; ++n) worker.submit(n);
    EXPECT_EQ(worker.take(), 0);
    EXPECT_EQ(worker.take(), 1);
    EXPECT_THROW(static_cast<void>(worker.take()), std::runtime_error);
}

TEST(OrderedWorker, MoreThanItsCapacityInFlightIsRefused) {
    OrderedWorker<int, int> worker([](int& n) { return n; }, 2);
    worker.submit(1);
    worker.submit(2);
    EXPECT_THROW(worker.submit(3), std::logic_error);
    EXPECT_EQ(worker.take(), 1);
    worker.submit(3);
    EXPECT_EQ(worker.take(), 2);
    EXPECT_EQ(worker.take(), 3);
    EXPECT_THROW(static_cast<void>(worker.take()), std::logic_error);
}

}  // namespace baton
