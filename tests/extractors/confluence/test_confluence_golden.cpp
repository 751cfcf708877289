// Golden tests: Confluence fixture -> workspace -> model dump, compared with tests/golden/confluence/*.dump
// (reviewed by eye). BATON_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "confluence_test_support.hpp"
#include "model/model_dump.hpp"
#include "workspace/model_reader.hpp"

namespace baton::test {
namespace {

void replace_all(std::string& text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
}

std::string dump_of(const std::string& fixture_name) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    const std::int64_t source = extract_source(workspace, "confluence", confluence_fixture(fixture_name));
    std::ostringstream out;
    model::ModelDumpWriter dump(out);
    for (const auto& row : workspace.sources()) dump.source(row.info);
    workspace::replay_source(workspace, source, dump, {false, true});
    // Independent of where the fixtures are checked out (the path as given and its canonical form).
    std::string text = out.str();
    replace_all(text, std::filesystem::weakly_canonical(BATON_FIXTURES_DIR).string(), "<fixtures>");
    replace_all(text, std::filesystem::absolute(BATON_FIXTURES_DIR).lexically_normal().string(), "<fixtures>");
    replace_all(text, std::string(BATON_FIXTURES_DIR), "<fixtures>");
    return text;
}

class ConfluenceGolden : public ::testing::TestWithParam<const char*> {};

}  // namespace

TEST_P(ConfluenceGolden, DumpMatchesTheReviewedFile) {
    const std::string name = GetParam();
    const std::string golden = source_file("tests/golden/confluence/" + name + ".dump");
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

INSTANTIATE_TEST_SUITE_P(Fixtures, ConfluenceGolden,
                         ::testing::Values("3.4.7", "attachmenthistory", "commentorder", "history", "misc", "pages",
                                           "spaces", "users"),
                         [](const auto& param_info) {
                             std::string name = param_info.param;
                             for (char& c : name) {
                                 if (c == '.') c = '_';
                             }
                             return name;
                         });

}  // namespace baton::test
