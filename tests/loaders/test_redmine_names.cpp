// The Redmine target's pure parts: names Redmine accepts, due dates, where the API key comes from.
#include <gtest/gtest.h>

#include <cstdlib>

#include "core/error.hpp"
#include "loaders/redmine/api_key.hpp"
#include "loaders/redmine/redmine_client.hpp"
#include "loaders/redmine/redmine_names.hpp"
#include "loaders/redmine/task_dates.hpp"
#include "support/test_support.hpp"

namespace baton::load::redmine {

TEST(RedmineNames, ProjectIdentifiersAreValidForRedmine) {
    EXPECT_EQ(project_identifier("human-resources"), "human-resources");
    EXPECT_EQ(project_identifier("Human Resources!"), "human-resources");
    EXPECT_EQ(project_identifier("2024-plans"), "c-2024-plans");  // must start with a letter
    EXPECT_EQ(project_identifier("new"), "c-new");                // reserved by Redmine
    EXPECT_EQ(project_identifier(""), "c");
    EXPECT_EQ(project_identifier(std::string(150, 'a')).size(), 100U);
}

TEST(RedmineNames, LoginsFallBackAndKeepOnlyAllowedCharacters) {
    EXPECT_EQ(user_login("Jdoe", "", "", "login:Jdoe"), "jdoe");
    EXPECT_EQ(user_login("", "carol.smith@example.org", "", "email:carol"), "carol.smith");
    EXPECT_EQ(user_login("", "", "Mr WordPress", "name:Mr WordPress"), "mr_wordpress");
    EXPECT_EQ(user_login("Ärger Müller", "", "", "k"), "rger_m_ller");
    EXPECT_EQ(user_login("", "", "", "").rfind("user-", 0), 0U);
    EXPECT_LE(user_login(std::string(80, 'x'), "", "", "k").size(), 60U);
}

TEST(RedmineNames, WikiTitlesDropWhatRedmineRefuses) {
    EXPECT_EQ(wiki_title("Hello world!", "post:1"), "Hello_world!");
    EXPECT_EQ(wiki_title("a, b / c? d: e|f #g [h]", "k"), "A_b_c_d_e_f_g_h");
    EXPECT_EQ(wiki_title("", "post:7"), "Post_7");  // an untitled item: its key
    EXPECT_EQ(wiki_title("???", "").rfind("Page_", 0), 0U);
    EXPECT_EQ(wiki_title("Çullu, Agdam", "k"), "Çullu_Agdam");
    const std::string long_title = wiki_title(std::string(150, 'a') + std::string(60, '\xc3') , "k");
    EXPECT_LE(long_title.size(), 200U);
}

TEST(RedmineNames, HashesIgnoreWhatRedmineNormalises) {
    EXPECT_EQ(hash_of({"line one\r\nline two\n\n"}), hash_of({"line one\nline two"}));
    EXPECT_NE(hash_of({"a", "b"}), hash_of({"ab", ""}));
    EXPECT_EQ(issue_marker("k").rfind("baton-legacy-", 0), 0U);
    EXPECT_NE(issue_marker("k1"), issue_marker("k2"));
}

TEST(RedmineDates, DueDatesCountFromGoLive) {
    EXPECT_EQ(add_days("2027-03-01", -21), "2027-02-08");
    EXPECT_EQ(add_days("2028-02-28", 1), "2028-02-29");
    EXPECT_EQ(add_days("2026-12-31", 1), "2027-01-01");
    EXPECT_THROW((void)add_days("2027-13-01", 0), UsageError);
    EXPECT_THROW((void)add_days("1 March", 0), UsageError);
    EXPECT_EQ(today_iso().size(), 10U);
}

TEST(RedmineEndpoint, OnlyPlainHttpUrls) {
    const Endpoint endpoint = parse_endpoint("http://127.0.0.1:3000/redmine/");
    EXPECT_EQ(endpoint.host, "127.0.0.1");
    EXPECT_EQ(endpoint.port, 3000);
    EXPECT_EQ(endpoint.base_path, "/redmine");
    EXPECT_THROW((void)parse_endpoint("https://example.org"), UsageError);
    EXPECT_THROW((void)parse_endpoint("127.0.0.1:3000"), UsageError);
}

TEST(RedmineApiKey, FromTheEnvironmentOrAFileNeverElse) {
    unsetenv("BATON_REDMINE_API_KEY");
    unsetenv("BATON_REDMINE_API_KEY_FILE");
    try {
        (void)api_key_from_environment();
        FAIL() << "no key, no exception";
    } catch (const UsageError& error) {
        EXPECT_NE(std::string(error.hint()).find("BATON_REDMINE_API_KEY_FILE"), std::string::npos);
    }
    test::TempDir dir;
    test::write_file(dir.file("key"), "  secret-from-file\n");
    setenv("BATON_REDMINE_API_KEY_FILE", dir.file("key").c_str(), 1);
    EXPECT_EQ(api_key_from_environment(), "secret-from-file");
    setenv("BATON_REDMINE_API_KEY", "secret-from-env", 1);
    EXPECT_EQ(api_key_from_environment(), "secret-from-env");  // the variable wins
    unsetenv("BATON_REDMINE_API_KEY");
    setenv("BATON_REDMINE_API_KEY_FILE", dir.file("missing").c_str(), 1);
    EXPECT_THROW((void)api_key_from_environment(), UsageError);
    unsetenv("BATON_REDMINE_API_KEY_FILE");
}

}  // namespace baton::load::redmine
