// The people directory CSV and identity matching: declared order, aliases, ambiguity reported.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "support/test_support.hpp"
#include "transform/mapping/people_directory.hpp"

namespace baton::transform::mapping {

TEST(PeopleDirectory, ReadsQuotedFieldsAndReportsBadRowsWithTheirLine) {
    test::TempDir dir;
    test::write_file(dir.file("p.csv"),
                     "Department,LOGIN,email,status,display_name,manager\r\n"
                     "\"Sales, EMEA\",ana,ana@x.example,departed,\"Ana \"\"Nan\"\" Lopez\",boss\r\n"
                     "IT,,nobody@x.example,active,No Login,\r\n"
                     "IT,eve,eve@x.example,retired,Eve,\r\n"
                     "\n"
                     "IT,too,few\n"
                     "IT,boss,boss@x.example,,The Boss,\n");
    const auto directory = read_people_directory(dir.file("p.csv"));
    ASSERT_EQ(directory.entries.size(), 2U);
    EXPECT_EQ(directory.entries[0].department, "Sales, EMEA");
    EXPECT_EQ(directory.entries[0].display_name, "Ana \"Nan\" Lopez");
    EXPECT_EQ(directory.entries[0].status, "departed");
    EXPECT_EQ(directory.entries[0].manager, "boss");
    EXPECT_EQ(directory.entries[1].status, "active");  // empty means active
    ASSERT_EQ(directory.problems.size(), 3U);
    EXPECT_EQ(directory.problems[0].line, 3);
    EXPECT_EQ(directory.problems[0].text, "a row without a login; skipped");
    EXPECT_EQ(directory.problems[1].line, 4);
    EXPECT_EQ(directory.problems[1].text, "status \"retired\" for eve; expected active or departed; skipped");
    EXPECT_EQ(directory.problems[2].line, 6);
}

TEST(PeopleDirectory, AHeaderWithoutLoginIsAMappingError) {
    test::TempDir dir;
    test::write_file(dir.file("p.csv"), "email,name\na@x,A\n");
    try {
        (void)read_people_directory(dir.file("p.csv"));
        FAIL() << "accepted";
    } catch (const InputError& error) {
        EXPECT_EQ(error.code(), ExitCode::mapping);
        EXPECT_EQ(error.position().line, 1);
    }
}

TEST(PeopleDirectory, NormalisedDisplayNames) {
    EXPECT_EQ(normalise_display_name("  Ana   Maria-Lopez "), "ana maria lopez");
    EXPECT_EQ(normalise_display_name("J.R.R. Tolkien"), "j r r tolkien");
}

TEST(IdentityMatching, RulesApplyInTheirDeclaredOrderAndAliasesComeFirst) {
    PeopleDirectory directory;
    directory.entries = {{"jdoe", "jane@x.example", "Jane Doe", "active", "", "", 2},
                         {"jane", "other@x.example", "Jane D", "active", "", "", 3}};
    const std::vector<WorkspacePerson> people = {{1, "login:jane", "jane", "JANE@x.example", "Jane Doe"},
                                                 {2, "name:JD", "", "", "J. D."}};
    Identity identity;
    identity.rules = {Identity::Rule::login, Identity::Rule::email};
    std::vector<PlanMessage> messages;
    auto matches = match_people(people, directory, identity, messages);
    EXPECT_EQ(matches[0].entry->login, "jane");  // login first, as declared
    EXPECT_EQ(matches[0].matched_by, "login");
    EXPECT_EQ(matches[1].matched_by, "unmatched");
    ASSERT_EQ(messages.size(), 1U);
    EXPECT_EQ(messages[0].code, "plan.identity-unmatched");

    identity.rules = {Identity::Rule::email, Identity::Rule::login};
    identity.aliases = {{"name:JD", "jdoe"}};
    messages.clear();
    matches = match_people(people, directory, identity, messages);
    EXPECT_EQ(matches[0].entry->login, "jdoe");  // email first now (compared without case)
    EXPECT_EQ(matches[1].matched_by, "alias");
    EXPECT_EQ(matches[1].entry->login, "jdoe");
    EXPECT_TRUE(messages.empty());
}

TEST(IdentityMatching, AmbiguousMatchesAreReportedNotGuessed) {
    PeopleDirectory directory;
    directory.entries = {{"a1", "", "Sam Lee", "active", "", "", 2}, {"a2", "", "Sam  Lee", "active", "", "", 3}};
    std::vector<PlanMessage> messages;
    Identity identity;
    identity.aliases = {{"login:ghost", "nobody"}};
    const auto matches = match_people({{1, "name:Sam Lee", "", "", "sam lee"}, {2, "login:ghost", "ghost", "", ""}},
                                      directory, identity, messages);
    EXPECT_EQ(matches[0].entry, nullptr);
    EXPECT_EQ(matches[0].matched_by, "ambiguous");
    EXPECT_EQ(matches[0].detail, "its display-name matches 2 directory entries (a1, a2); not guessed");
    ASSERT_EQ(messages.size(), 3U);
    EXPECT_EQ(messages[0].code, "plan.identity-ambiguous");
    EXPECT_EQ(messages[1].code, "plan.alias-unknown-login");
    EXPECT_EQ(messages[2].code, "plan.identity-unmatched");
}

}  // namespace baton::transform::mapping
