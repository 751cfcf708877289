// `baton invite` and `baton serve` as a user runs them: the CSV, admin links, revocation, and the usage errors.
#include <gtest/gtest.h>

#include "support/test_support.hpp"

namespace baton::test {
namespace {

class PortalCli : public ::testing::Test {
protected:
    void SetUp() override {
        const std::string site = source_file("tests/portal/review-site.xml");
        ASSERT_EQ(run_baton("extract 'wxr:" + site + "' --no-progress", dir.path().string()).exit_code, 0);
        ASSERT_EQ(run_baton("plan", dir.path().string()).exit_code, 0);
    }
    CommandResult baton(const std::string& arguments) { return run_baton(arguments, dir.path().string()); }
    TempDir dir;
};

TEST_F(PortalCli, InviteWritesOneLinkPerPersonWithARoleAndRecordsTheRun) {
    const auto result = baton("invite --base-url https://review.acme.test/ --expires-days 7 --out links.csv");
    ASSERT_EQ(result.exit_code, 0) << result.err;
    EXPECT_EQ(result.out, "invited 2 people (links in links.csv)\n");
    const std::string csv = read_file(dir.file("links.csv"));
    EXPECT_NE(csv.find("login:alice,alice,Alice Moreau,alice@acme.test,owner of hr,https://review.acme.test/i/"),
              std::string::npos);
    EXPECT_NE(csv.find("login:bob,bob,Bob Stone,bob@acme.test,owner of it,https://review.acme.test/i/"),
              std::string::npos);
    EXPECT_EQ(csv.find("carol"), std::string::npos) << "carol holds no role";
    workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM access_tokens WHERE role = 'owner' AND revoked_at IS NULL "
                                   "AND run_id = (SELECT max(id) FROM runs WHERE command = 'invite')"),
              2);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM access_tokens WHERE julianday(expires_at) - "
                                   "julianday(created_at) BETWEEN 6.99 AND 7.01"),
              2);
    EXPECT_EQ(query_text(workspace, "SELECT outcome FROM runs WHERE command = 'invite'"), "succeeded");
}

TEST_F(PortalCli, AdminLinkAndRevocation) {
    const auto admin = baton("invite --admin");
    ASSERT_EQ(admin.exit_code, 0) << admin.err;
    EXPECT_NE(admin.out.find("http://127.0.0.1:8088/i/"), std::string::npos);
    ASSERT_EQ(baton("invite --out -").exit_code, 0);
    const auto revoked = baton("invite --revoke alice@acme.test");
    EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
    EXPECT_EQ(revoked.out, "revoked 1 link\n");
    EXPECT_EQ(baton("invite --revoke admin").out, "revoked 1 link\n");
    const auto unknown = baton("invite --revoke mallory");
    EXPECT_EQ(unknown.exit_code, 2);
    EXPECT_NE(unknown.err.find("nobody invited has the login, key or e-mail \"mallory\""), std::string::npos);
    workspace::Workspace workspace(dir.file("baton.db"), workspace::Access::existing);
    EXPECT_EQ(query_int(workspace, "SELECT count(*) FROM access_tokens WHERE revoked_at IS NULL"), 1);  // bob's
}

TEST_F(PortalCli, UsageErrors) {
    EXPECT_EQ(baton("serve --listen nonsense").exit_code, 2);
    EXPECT_EQ(baton("serve --listen 127.0.0.1:99999").exit_code, 2);
    EXPECT_EQ(baton("serve --go-live tomorrow").exit_code, 2);
    EXPECT_EQ(baton("invite --expires-days 0").exit_code, 2);
    EXPECT_EQ(baton("invite --base-url ftp://x").exit_code, 2);
    TempDir empty;
    const auto no_plan = run_baton("serve --workspace " + dir.file("none.db"), empty.path().string());
    EXPECT_NE(no_plan.exit_code, 0);
}

}  // namespace
}  // namespace baton::test
