// The reader fuzzers' oracle (fuzz/reader_fuzz_support.hpp): it accepts every HTML our writer makes and
// refuses what the sanitiser must never let through.
#include <gtest/gtest.h>

#include <filesystem>

#include "fuzz/reader_fuzz_support.hpp"
#include "support/test_support.hpp"

namespace baton::test {

TEST(FuzzOracle, AcceptsTheWritersOutputAndRefusesWhatTheAllowListExcludes) {
    int outputs = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(source_file("tests/golden/convert"))) {
        if (!entry.path().string().ends_with(".out.html")) continue;
        ++outputs;
        EXPECT_TRUE(fuzz::allowed_html(read_file(entry.path().string()))) << entry.path();
    }
    EXPECT_GE(outputs, 5);
    EXPECT_TRUE(fuzz::allowed_html("<p title=\"a onclick=b\">x &lt;script&gt; style= javascript:</p><hr><br>"));
    EXPECT_TRUE(fuzz::allowed_html("<img src=\"data:image/png;base64,AAAA\" alt=\"x\">"));
    for (const std::string bad : {"<script>x</script>", "<p onclick=\"x\">", "<p style=\"x\">", "<a href=\"javascript:x\">",
                                  "<a href=\"JaVaScRiPt:x\">", "<a href=\"data:text/html,x\">", "<img src=\"data:text/html,x\">",
                                  "<svg>", "<p id=\"x\">", "<p title=x>", "<p", "<iframe src=\"https://x\">"}) {
        EXPECT_FALSE(fuzz::allowed_html(bad)) << bad;
    }
}

}  // namespace baton::test
