// The {contributors} of a community's tasks: its most prolific authors who hold no role there, read before the
// roles are chosen (with a few to spare) and filtered after, exactly also when role holders take every spare one.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"
#include "transform/mapping/mapping_reader.hpp"
#include "transform/plan.hpp"
#include "transform/tasks/task_facts.hpp"
#include "workspace/workspace_writer.hpp"

namespace baton::transform {
namespace {

// One category whose author N (1 to `authors`) wrote N pages: author `authors` is the most prolific.
struct Authors {
    test::TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    std::int64_t run = workspace.begin_run("extract", "test");
    std::int64_t source = workspace.upsert_source({"test", "intranet", "x", "Acme", "", ""}, run, "");
    workspace::WorkspaceWriter writer{workspace, source, run};

    explicit Authors(int authors) {
        writer.container({"category:hr", "category", "HR", "hr", "", "", {}, true});
        int page = 0;
        for (int n = 1; n <= authors; ++n) {
            const std::string login = "author" + std::to_string(n);
            writer.person({"login:" + login, login, "Author " + std::to_string(n), "", {}, true});
            for (int i = 0; i < n; ++i) {
                model::Item item;
                item.key = "post:" + std::to_string(++page);
                item.kind = "post";
                item.status = "publish";
                item.author_key = "login:" + login;
                item.created_at = "2024-01-01T00:00:00Z";
                item.container_keys = {"category:hr"};
                item.revisions.push_back({item.key + "-0", item.author_key, item.created_at, 100, {}, {}});
                writer.item(item);
            }
        }
        writer.finish_complete();
    }

    // The contributor list of the plan's only community, planned with `managers` managers and one owner.
    std::string contributors(int managers) {
        test::write_file(dir.file("m.xml"),
                         "<mapping version=\"1\">\n<stewardship><roles owners=\"1\" managers=\"" +
                             std::to_string(managers) +
                             "\" owner-threshold=\"0\" manager-threshold=\"0\"/></stewardship>\n</mapping>\n");
        const auto rules = mapping::read_mapping(dir.file("m.xml"));
        const std::int64_t plan_run = workspace.begin_run("plan", "");
        BuiltInRules built_in;
        built_in.mapping = &rules;
        plan_with_built_in_rules(workspace, plan_run, built_in);
        workspace.end_run(plan_run, workspace::RunOutcome::succeeded, 0);
        const auto communities = read_communities(workspace, plan_run);
        EXPECT_EQ(communities.size(), 1U);
        EXPECT_EQ(communities.front().roles.size(), static_cast<std::size_t>(1 + managers));
        const auto facts = tasks::all_community_facts(workspace, plan_run, communities);
        const auto& mine = facts.at(communities.front().id);
        EXPECT_EQ(mine.numbers.at("contributors"), 5);
        return mine.contributor_names;
    }
};

}  // namespace

TEST(TaskContributors, RoleHoldersAreLeftOut) {
    Authors authors(30);
    // author30 owns, author29 and author28 manage: the next five are listed.
    EXPECT_EQ(authors.contributors(2),
              "Author 27 (27 items), Author 26 (26 items), Author 25 (25 items), Author 24 (24 items), "
              "Author 23 (23 items)");
}

TEST(TaskContributors, MoreRoleHoldersThanSpareContributorsAreLeftOutToo) {
    Authors authors(40);
    // 1 owner and 20 managers (the most a mapping allows): the 21 most prolific hold roles, more than the
    // contributors kept to spare.
    EXPECT_EQ(authors.contributors(20),
              "Author 19 (19 items), Author 18 (18 items), Author 17 (17 items), Author 16 (16 items), "
              "Author 15 (15 items)");
}

}  // namespace baton::transform
