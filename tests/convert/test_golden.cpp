// Golden tests per reader and writer: tests/golden/convert/<reader>/<name>.<ext> read with that reader must
// give <name>.tree (the tree writer), <name>.out.html (HTML writer) and <name>.md (Markdown writer).
// BATON_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing (review the diff by eye).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "convert/registry.hpp"
#include "support/test_support.hpp"

namespace baton::test {

namespace {

void check_golden(const std::string& reader_name, const std::string& extension, std::size_t expected_inputs) {
    const auto* reader = convert::find_reader(reader_name);
    ASSERT_NE(reader, nullptr);
    const bool update = std::getenv("BATON_UPDATE_GOLDEN") != nullptr;
    const std::filesystem::path folder = source_file("tests/golden/convert/" + reader_name);
    std::size_t inputs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const auto& path = entry.path();
        const std::string name = path.filename().string();
        if (!name.ends_with("." + extension) || name.ends_with(".out.html")) continue;
        ++inputs;
        const std::string input = read_file(path.string());
        const std::string stem = path.parent_path() / path.stem();
        for (const auto& [writer_name, suffix] : {std::pair{"tree", ".tree"}, {"html", ".out.html"}, {"markdown", ".md"}}) {
            const auto* writer = convert::find_writer(writer_name);
            ASSERT_NE(writer, nullptr);
            const std::string output = convert::convert_text(input, *reader, *writer).output;
            if (update) {
                write_file(stem + suffix, output);
                continue;
            }
            EXPECT_EQ(output, read_file(stem + suffix)) << stem + suffix;
        }
    }
    EXPECT_EQ(inputs, expected_inputs) << folder;
}

}  // namespace

TEST(ConvertGolden, HtmlReader) { check_golden("html", "html", 2); }
TEST(ConvertGolden, WordPressReader) { check_golden("wordpress", "wp", 1); }
TEST(ConvertGolden, MediaWikiReader) { check_golden("mediawiki", "wiki", 1); }
TEST(ConvertGolden, DokuWikiReader) { check_golden("dokuwiki", "dokuwiki", 1); }
TEST(ConvertGolden, ConfluenceReader) { check_golden("confluence", "storage", 1); }

}  // namespace baton::test
