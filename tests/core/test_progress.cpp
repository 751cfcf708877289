// Tests for the progress line: its text, and that it stays quiet off a terminal.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>

#include "core/progress.hpp"

namespace baton {

TEST(Progress, LineShowsCountRatePercentAndEta) {
    const std::string line = Progress::format_line("extract wxr", 12345, 10.0, 250, 1000);
    EXPECT_EQ(line, "extract wxr: 12,345 items, 1,234/s, 25%, ETA 0:00:30, elapsed 0:00:10");
}

TEST(Progress, LineWithoutTotalHasNoEta) {
    const std::string line = Progress::format_line("plan", 5, 1.0, 0, 0);
    EXPECT_EQ(line, "plan: 5 items, 5/s, elapsed 0:00:01");
}

TEST(Progress, QuietInCiAndOnPipes) {
    Progress::set_override(-1);
    setenv("CI", "true", 1);
    EXPECT_FALSE(Progress::wanted());
    unsetenv("CI");
    // The test runner's stderr is a pipe or a file under ctest, never a terminal.
    if (isatty(2) == 0) {
        EXPECT_FALSE(Progress::wanted());
    }
    Progress::set_override(1);
    EXPECT_TRUE(Progress::wanted());
    Progress::set_override(-1);
}

}  // namespace baton
