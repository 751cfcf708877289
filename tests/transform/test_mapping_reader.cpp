// Mapping files: the shipped example validates and reads as written; broken ones are refused with file and line.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.hpp"
#include "support/test_support.hpp"
#include "transform/mapping/mapping_reader.hpp"

namespace baton::transform::mapping {
namespace {

// The error a broken mapping gives: "FILE:LINE: problem" (exit code 9).
std::string error_of(const std::string& xml) {
    test::TempDir dir;
    const std::string path = dir.file("broken.xml");
    test::write_file(path, xml);
    try {
        (void)read_mapping(path);
    } catch (const InputError& error) {
        EXPECT_EQ(error.code(), ExitCode::mapping);
        EXPECT_EQ(error.position().file, path);
        return std::to_string(error.position().line) + ": " + error.problem();
    }
    ADD_FAILURE() << "accepted: " << xml;
    return {};
}

}  // namespace

TEST(MappingReader, TheShippedExampleValidatesAndReadsAsWritten) {
    const std::string path = test::source_file("mappings/example.xml");
    const Mapping mapping = read_mapping(path);
    EXPECT_EQ(mapping.sha256.size(), 64U);
    ASSERT_EQ(mapping.communities.rules.size(), 3U);
    const auto& company = mapping.communities.rules[0];
    EXPECT_EQ(company.slug, "company");
    EXPECT_EQ(company.name, "Company News and Engineering");
    EXPECT_EQ(company.description, "What the company and its engineers tell everyone.");
    ASSERT_EQ(company.from.size(), 2U);
    EXPECT_EQ(company.from[0].by, ContainerSelector::By::container);
    EXPECT_EQ(company.from[0].pattern, "category:company-news");
    EXPECT_EQ(company.from[1].by, ContainerSelector::By::path);
    EXPECT_EQ(mapping.communities.rules[1].from[0].source, "Acme Intranet");
    EXPECT_EQ(mapping.communities.rules[2].from[0].by, ContainerSelector::By::glob);
    EXPECT_EQ(mapping.communities.rules[2].from[1].by, ContainerSelector::By::regex);
    ASSERT_EQ(mapping.communities.excluded.size(), 1U);
    EXPECT_EQ(mapping.communities.excluded[0].pattern, "category:uncategorized");

    EXPECT_NE(mapping.identity.directory.find("mappings/people.example.csv"), std::string::npos)
        << mapping.identity.directory;
    ASSERT_EQ(mapping.identity.rules.size(), 3U);
    EXPECT_EQ(mapping.identity.rules[2], Identity::Rule::display_name);
    ASSERT_EQ(mapping.identity.aliases.size(), 1U);
    EXPECT_EQ(mapping.identity.aliases[0].login, "john.doe");

    const auto& stewardship = mapping.stewardship;
    EXPECT_DOUBLE_EQ(stewardship.weights.pages_created, 10);
    EXPECT_DOUBLE_EQ(stewardship.weights.kilobytes_added, 0.5);
    EXPECT_EQ(stewardship.half_life_days, 730);
    EXPECT_EQ(stewardship.max_communities_per_person, 3);
    ASSERT_EQ(stewardship.never_assign.size(), 1U);
    ASSERT_EQ(stewardship.pins.size(), 1U);
    EXPECT_EQ(stewardship.pins[0].community, "onboarding");
    EXPECT_DOUBLE_EQ(stewardship.minimum_score, 5);
    EXPECT_EQ(stewardship.pins[0].role, "owner");
    EXPECT_GT(stewardship.pins[0].line, 30);

    ASSERT_EQ(mapping.successors.size(), 3U);
    EXPECT_EQ(mapping.successors[2].rule, Successor::Rule::fallback);
    EXPECT_EQ(mapping.successors[2].person, "login:grace");
    ASSERT_EQ(mapping.content.rules.size(), 2U);
    EXPECT_FALSE(mapping.content.rules[0].include);
    EXPECT_EQ(mapping.content.rules[0].older_than_years, 10);
    EXPECT_TRUE(mapping.content.rules[1].include);
    EXPECT_EQ(mapping.content.archive_after_years, 5);
}

TEST(MappingReader, AnEmptyMappingKeepsTheDefaults) {
    test::TempDir dir;
    test::write_file(dir.file("m.xml"), "<mapping version=\"1\"/>");
    const Mapping mapping = read_mapping(dir.file("m.xml"));
    EXPECT_EQ(mapping.stewardship.owners, 1);
    EXPECT_EQ(mapping.stewardship.managers, 2);
    EXPECT_EQ(mapping.identity.rules.size(), 3U);
    EXPECT_EQ(mapping.successors.size(), 2U);
    EXPECT_TRUE(mapping.identity.directory.empty());
}

TEST(MappingReader, SchemaViolationsNameTheLineAndWhatWasExpected) {
    EXPECT_EQ(error_of("<mapping version=\"1\">\n  <stewardship>\n    <roles owners=\"many\"/>\n  </stewardship>\n"
                       "</mapping>\n")
                  .substr(0, 3),
              "3: ");
    const std::string unknown = error_of("<mapping version=\"1\">\n\n  <owners/>\n</mapping>\n");
    EXPECT_NE(unknown.find("not a valid mapping"), std::string::npos) << unknown;
    EXPECT_NE(unknown.find("owners"), std::string::npos) << unknown;
    const std::string version = error_of("<mapping version=\"2\"/>");
    EXPECT_NE(version.find("version"), std::string::npos) << version;
    const std::string slug = error_of(
        "<mapping version=\"1\"><communities>\n<community slug=\"Bad Slug\"><from path=\"A\"/></community>"
        "</communities></mapping>");
    EXPECT_EQ(slug.substr(0, 2), "2:") << slug;
    const std::string role = error_of(
        "<mapping version=\"1\"><stewardship>\n\n<pin community=\"a\" person=\"b\" role=\"boss\"/>"
        "</stewardship></mapping>");
    EXPECT_EQ(role.substr(0, 2), "3:") << role;
}

TEST(MappingReader, MeaningTheSchemaCannotCheck) {
    const std::string twice = error_of(
        "<mapping version=\"1\"><communities>\n<community slug=\"a\"><from path=\"A\"/></community>\n"
        "<community slug=\"a\"><from path=\"B\"/></community></communities></mapping>");
    EXPECT_EQ(twice, "3: community slug \"a\" is declared twice");
}

TEST(MappingReader, MalformedXmlAndEntitiesAreRefused) {
    const std::string broken = error_of("<mapping version=\"1\">\n<communities>\n</mapping>\n");
    EXPECT_EQ(broken.substr(0, 2), "3:") << broken;
    EXPECT_NE(broken.find("not well-formed XML"), std::string::npos) << broken;
    const std::string external = error_of(
        "<!DOCTYPE mapping [\n<!ENTITY secret SYSTEM \"file:///etc/passwd\">\n]>\n"
        "<mapping version=\"1\"><communities><community slug=\"a\"><description>&secret;</description>"
        "<from path=\"A\"/></community></communities></mapping>");
    EXPECT_NE(external.find("may not declare entities"), std::string::npos) << external;
    const std::string bomb = error_of(
        "<!DOCTYPE mapping [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
        "<mapping version=\"1\"><communities><community slug=\"a\"><description>&b;</description>"
        "<from path=\"A\"/></community></communities></mapping>");
    EXPECT_NE(bomb.find("may not declare entities"), std::string::npos) << bomb;
}

TEST(MappingReader, AMissingFileIsAMappingError) {
    test::TempDir dir;
    EXPECT_THROW((void)read_mapping(dir.file("nothing.xml")), InputError);
}

TEST(MappingReader, TheSchemaIsFoundFromTheBuildTree) {
    const std::string path = schema_path();
    EXPECT_NE(path.find("baton-mapping.rng"), std::string::npos);
    EXPECT_FALSE(test::read_file(path).empty());
}

// Every file in tests/transform/broken-mappings/ starts with "<!-- expect: LINE: MESSAGE -->": the error it must give.
TEST(MappingReader, BrokenMappingFixturesPinTheirMessages) {
    int checked = 0;
    for (const auto& entry : std::filesystem::directory_iterator(test::source_file("tests/transform/broken-mappings"))) {
        const std::string path = entry.path().string();
        const std::string content = test::read_file(path);
        const auto start = content.find("<!-- expect: ");
        const auto end = content.find(" -->");
        ASSERT_EQ(start, 0U) << path;
        const std::string expected = content.substr(13, end - 13);
        try {
            (void)read_mapping(path);
            ADD_FAILURE() << "accepted " << path;
        } catch (const InputError& error) {
            EXPECT_EQ(error.code(), ExitCode::mapping) << path;
            EXPECT_EQ(std::to_string(error.position().line) + ": " + error.problem(), expected) << path;
        }
        ++checked;
    }
    EXPECT_GE(checked, 10);
}

}  // namespace baton::transform::mapping
