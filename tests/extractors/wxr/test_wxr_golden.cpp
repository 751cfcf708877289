// Golden tests: fixture -> model dump, compared with tests/golden/wxr/*.dump (reviewed by eye).
// BATON_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "model/model_dump.hpp"
#include "support/test_support.hpp"
#include "workspace/model_reader.hpp"

namespace baton::test {
namespace {

std::string dump_of(const std::string& fixture_name) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    const std::int64_t source = extract_wxr(workspace, wxr_fixture(fixture_name));
    std::ostringstream out;
    model::ModelDumpWriter dump(out);
    for (const auto& row : workspace.sources()) dump.source(row.info);
    workspace::replay_source(workspace, source, dump, {false, true});
    // Sources without a site URL are keyed by their path: make it independent of the checkout.
    std::string text = out.str();
    const std::string fixtures = std::filesystem::weakly_canonical(BATON_FIXTURES_DIR).string();
    for (auto at = text.find(fixtures); at != std::string::npos; at = text.find(fixtures)) {
        text.replace(at, fixtures.size(), "<fixtures>");
    }
    return text;
}

class WxrGolden : public ::testing::TestWithParam<const char*> {};

}  // namespace

TEST_P(WxrGolden, DumpMatchesTheReviewedFile) {
    const std::string name = GetParam();
    const std::string golden = source_file("tests/golden/wxr/" + name.substr(0, name.size() - 4) + ".dump");
    const std::string actual = dump_of(name);
    if (std::getenv("BATON_UPDATE_GOLDEN") != nullptr) {
        write_file(golden, actual);
        GTEST_SUCCEED() << "rewrote " << golden;
        return;
    }
    const std::string expected = read_file(golden);
    ASSERT_FALSE(expected.empty()) << golden << " is missing; run with BATON_UPDATE_GOLDEN=1 and review it";
    EXPECT_EQ(actual, expected) << "the dump of " << name << " differs from " << golden;
}

INSTANTIATE_TEST_SUITE_P(Fixtures, WxrGolden,
                         ::testing::Values("small-export.xml", "valid-wxr-1.0.xml", "valid-wxr-1.1.xml",
                                           "wxr-simple.xml", "slashes.xml", "wxr-with-sub-data.xml",
                                           "namespace-edge-cases.xml", "term-formats.xml"),
                         [](const auto& param_info) {
                             std::string name = param_info.param;
                             name = name.substr(0, name.size() - 4);
                             for (char& c : name) {
                                 if (c == '-' || c == '.') c = '_';
                             }
                             return name;
                         });

}  // namespace baton::test
