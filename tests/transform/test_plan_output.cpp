// A plan as JSON and the difference between two plans, on a small hand-built workspace.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include "core/error.hpp"
#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"
#include "transform/mapping/mapping_reader.hpp"
#include "transform/plan_diff.hpp"
#include "transform/plan_json.hpp"
#include "workspace/workspace_writer.hpp"

namespace baton::transform {
namespace {

struct TwoPlans {
    test::TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    std::int64_t before = 0;
    std::int64_t after = 0;

    TwoPlans() {
        const auto run = workspace.begin_run("extract", "test");
        const auto source = workspace.upsert_source({"test", "intranet", "x", "Acme", "", ""}, run, "");
        {
            workspace::WorkspaceWriter writer(workspace, source, run);
            writer.container({"category:hr", "category", "HR", "hr", "", "", {}, true});
            writer.container({"category:jobs", "category", "Jobs", "jobs", "category:hr", "", {}, true});
            const auto add = [&](const std::string& key, const std::string& author, const std::string& category) {
                model::Item item;
                item.key = key;
                item.kind = "post";
                item.status = "publish";
                item.author_key = author;
                item.created_at = "2025-01-01";
                item.container_keys = {category};
                item.revisions.push_back({"1", author, "2025-01-01", 100, {}, {}});
                writer.item(item);
            };
            add("post:1", "login:alice", "category:hr");
            add("post:2", "login:alice", "category:hr");
            add("post:3", "login:bob", "category:jobs");
            writer.finish_complete();
        }
        workspace.end_run(run, workspace::RunOutcome::succeeded, 0);
        before = workspace.begin_run("plan", "");
        plan_with_built_in_rules(workspace, before);
        workspace.end_run(before, workspace::RunOutcome::succeeded, 0);
        test::write_file(dir.file("m.xml"), "<mapping version=\"1\"><communities><community slug=\"jobs\">"
                                            "<from path=\"HR/Jobs\"/></community></communities></mapping>");
        const auto rules = mapping::read_mapping(dir.file("m.xml"));
        BuiltInRules with_mapping;
        with_mapping.mapping = &rules;
        after = workspace.begin_run("plan", "");
        plan_with_built_in_rules(workspace, after, with_mapping);
        workspace.end_run(after, workspace::RunOutcome::succeeded, 0);
    }
};

}  // namespace

TEST(PlanDiff, CommunitiesRolesAndMovedContent) {
    TwoPlans plans;
    EXPECT_EQ(previous_plan_run(plans.workspace, plans.after), plans.before);
    const auto diff = diff_plans(plans.workspace, plans.before, plans.after);
    EXPECT_EQ(diff.communities_added, std::vector<std::string>{"jobs (Jobs)"});
    EXPECT_TRUE(diff.communities_removed.empty());
    EXPECT_EQ(diff.moved_items, 1);
    const auto lines = describe_diff(diff);
    const std::vector<std::string> expected = {"+ community jobs (Jobs)", "+ owner of jobs: bob (login:bob)",
                                               "- manager of hr: bob (login:bob)", "> post:3: hr -> jobs"};
    EXPECT_EQ(lines, expected);
    EXPECT_TRUE(diff_plans(plans.workspace, plans.after, plans.after).empty());
    EXPECT_THROW((void)diff_plans(plans.workspace, 1, plans.after), UsageError);  // run 1 is the extract
}

TEST(PlanJson, TheSamePlanForScripts) {
    TwoPlans plans;
    const auto diff = diff_plans(plans.workspace, plans.before, plans.after);
    const std::string json = plan_to_json(plans.workspace, plans.after, &diff);
    Poco::JSON::Parser parser;
    const auto root = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
    EXPECT_EQ(root->getValue<std::int64_t>("run_id"), plans.after);
    EXPECT_EQ(root->getValue<std::string>("mapping_file"), plans.dir.file("m.xml"));
    EXPECT_EQ(root->getObject("summary")->getValue<int>("communities"), 2);
    const auto communities = root->getArray("communities");
    ASSERT_EQ(communities->size(), 2U);
    const auto hr = communities->getObject(0);
    EXPECT_EQ(hr->getValue<std::string>("slug"), "hr");
    EXPECT_EQ(hr->getValue<int>("items"), 2);
    EXPECT_EQ(hr->getArray("roles")->getObject(0)->getValue<std::string>("person"), "login:alice");
    EXPECT_EQ(hr->getArray("roles")->getObject(0)->getValue<std::string>("reason").rfind("created 2 of 2 pages", 0),
              0U);
    EXPECT_EQ(root->getObject("diff")->getValue<int>("moved_items"), 1);
    EXPECT_EQ(root->getObject("diff")->getArray("moves")->getObject(0)->getValue<std::string>("after"), "jobs");
    // The built-in plan has no mapping file.
    const auto built_in = parser.parse(plan_to_json(plans.workspace, plans.before)).extract<Poco::JSON::Object::Ptr>();
    EXPECT_TRUE(built_in->isNull("mapping_file"));
    EXPECT_FALSE(built_in->has("diff"));
}

}  // namespace baton::transform
