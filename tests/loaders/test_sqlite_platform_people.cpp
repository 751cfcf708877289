// PlatformPeople: every user of the selection once, then every membership once, whatever the batch size.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "loaders/common/load_selection.hpp"
#include "loaders/loader_test_support.hpp"
#include "loaders/sqlite/platform_people.hpp"
#include "support/test_support.hpp"

namespace baton::test {
namespace {

struct Read {
    std::vector<std::string> users, memberships;  // what each row carries, in order
    std::vector<std::int64_t> user_ids;
    std::set<std::int64_t> member_ids;
};

Read read_all(PlannedWorkspace& planned, std::size_t rows_per_batch) {
    load::sqlite_target::PlatformPeople people(planned.workspace.db(), planned.plan_run);
    Read read;
    for (auto batch = people.next(rows_per_batch); !batch.users.empty() || !batch.memberships.empty();
         batch = people.next(rows_per_batch)) {
        EXPECT_TRUE(batch.users.empty() || batch.memberships.empty()) << "a batch of both kinds";
        EXPECT_LE(batch.users.size() + batch.memberships.size(), rows_per_batch);
        for (const auto& user : batch.users) {
            EXPECT_TRUE(read.memberships.empty()) << "a user after a membership: " << user.legacy_key;
            read.users.push_back(std::to_string(user.person_id) + " " + user.legacy_key + " " + user.login + " " +
                                 user.display_name + " " + user.email + " " + std::to_string(user.source_id));
            read.user_ids.push_back(user.person_id);
        }
        for (const auto& role : batch.memberships) {
            read.memberships.push_back(std::to_string(role.community_id) + " " + std::to_string(role.person_id) +
                                       " " + role.role + " " + role.reason);
            read.member_ids.insert(role.person_id);
        }
    }
    return read;
}

}  // namespace

TEST(PlatformPeople, EveryUserOnceThenEveryMembershipWhateverTheBatches) {
    PlannedWorkspace planned(source_file("samples/wordpress/acme-intranet.xml"));
    extract_source(planned.workspace, "mediawiki", fixture("mediawiki-xml/pair-0.10.xml"));
    planned.replan();
    const load::LoadSelection selection(planned.workspace, planned.plan_run, load::LoadOptions{});
    const Read whole = read_all(planned, 100000);
    ASSERT_GT(whole.users.size(), 5U);
    ASSERT_GT(whole.memberships.size(), 5U);
    for (std::size_t i = 1; i < whole.user_ids.size(); ++i) EXPECT_LT(whole.user_ids[i - 1], whole.user_ids[i]);
    const std::set<std::int64_t> users(whole.user_ids.begin(), whole.user_ids.end());
    for (const auto id : whole.member_ids) EXPECT_TRUE(users.contains(id)) << "member " << id << " is no user";
    std::size_t owners = 0;
    std::size_t members = 0;
    for (const auto& membership : whole.memberships) {
        if (membership.find(" owner ") != std::string::npos) ++owners;
        if (membership.find(" member ") != std::string::npos) ++members;
    }
    EXPECT_GT(owners, 0U) << "the plan's owners come with their role";
    EXPECT_GT(members, 0U) << "other authors come as members";
    for (const std::size_t batch : {1U, 2U, 3U, 7U}) {
        SCOPED_TRACE("batches of " + std::to_string(batch));
        const Read batched = read_all(planned, batch);
        EXPECT_EQ(batched.users, whole.users);
        EXPECT_EQ(batched.memberships, whole.memberships);
    }
}

}  // namespace baton::test
