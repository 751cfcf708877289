// The built-in plan on small hand-built histories with obvious right answers.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"
#include "workspace/workspace_writer.hpp"

namespace baton::transform {
namespace {

struct History {
    test::TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    std::int64_t run = workspace.begin_run("extract", "test");
    std::int64_t source = workspace.upsert_source({"test", "intranet", "x", "Acme Intranet", "", ""}, run, "");
    workspace::WorkspaceWriter writer{workspace, source, run};
    int next_id = 1;

    History() {
        writer.container({"category:hr", "category", "HR", "hr", "", "People matters", {}});
        writer.container({"category:benefits", "category", "Benefits", "benefits", "category:hr", "", {}});
        writer.container({"category:it", "category", "IT", "it", "", "", {}});
        writer.container({"post_tag:misc", "tag", "Misc", "misc", "", "", {}});
    }

    std::string add(const std::string& author, const std::string& category, const std::string& when,
                    const std::string& kind = "post", const std::string& status = "publish",
                    const std::string& parent = "") {
        model::Item item;
        item.key = "post:" + std::to_string(next_id++);
        item.kind = kind;
        item.title = kind + " " + item.key;
        item.status = status;
        item.author_key = author;
        item.parent_key = parent;
        item.created_at = when;
        item.modified_at = when;
        if (!category.empty()) item.container_keys.push_back(category);
        item.container_keys.push_back("post_tag:misc");
        writer.item(item);
        return item.key;
    }

    PlanSummary plan() {
        writer.finish_complete();
        const std::int64_t plan_run = workspace.begin_run("plan", "");
        auto summary = plan_with_built_in_rules(workspace, plan_run);
        workspace.end_run(plan_run, workspace::RunOutcome::succeeded, 0);
        return summary;
    }

    const PlannedCommunity& community(const std::vector<PlannedCommunity>& all, const std::string& slug) {
        for (const auto& c : all) {
            if (c.slug == slug) return c;
        }
        ADD_FAILURE() << "no community " << slug;
        return all.front();
    }
};

}  // namespace

TEST(BuiltInPlanner, MostActiveAuthorOwnsNextTwoManage) {
    History h;
    for (int i = 0; i < 2; ++i) h.add("login:alice", "category:hr", "2020-01-0" + std::to_string(i + 1));
    h.add("login:alice", "category:benefits", "2020-02-01");  // a sub-category counts for its top level
    h.add("login:bob", "category:hr", "2020-03-01");
    h.add("login:bob", "category:benefits", "2020-03-02");
    h.add("login:carol", "category:hr", "2019-01-01");
    h.add("login:dave", "category:hr", "2024-05-05");  // ties with carol, more recent
    const auto summary = h.plan();
    const auto communities = read_communities(h.workspace, summary.run_id);
    const auto& hr = h.community(communities, "hr");
    EXPECT_EQ(hr.name, "HR");
    EXPECT_EQ(hr.description, "People matters");
    EXPECT_EQ(hr.migrated_items, 7);
    ASSERT_EQ(hr.roles.size(), 3U);
    EXPECT_EQ(hr.roles[0].person_key, "login:alice");
    EXPECT_EQ(hr.roles[0].role, "owner");
    EXPECT_EQ(hr.roles[0].reason.rfind("wrote 3 of the 7 items migrated into HR (the most); last active 2020-02-01", 0),
              0U)
        << hr.roles[0].reason;
    EXPECT_EQ(hr.roles[1].person_key, "login:bob");
    EXPECT_EQ(hr.roles[1].role, "manager");
    EXPECT_EQ(hr.roles[2].person_key, "login:dave");
    EXPECT_NE(hr.roles[2].reason.find("tied on items with others"), std::string::npos) << hr.roles[2].reason;
    EXPECT_EQ(summary.communities_without_owner, 0);
    // Tags never make communities; sub-categories fold into their top level.
    for (const auto& community : communities) {
        EXPECT_NE(community.slug, "misc");
        EXPECT_NE(community.slug, "benefits");
    }
}

TEST(BuiltInPlanner, ContentWithoutCategoryGoesToTheSiteCommunity) {
    History h;
    h.add("login:erin", "", "2021-01-01", "page");
    const auto summary = h.plan();
    const auto communities = read_communities(h.workspace, summary.run_id);
    ASSERT_EQ(communities.size(), 1U);
    EXPECT_EQ(communities[0].slug, "acme-intranet");
    EXPECT_EQ(communities[0].name, "Acme Intranet");
    EXPECT_EQ(communities[0].roles.at(0).person_key, "login:erin");
}

TEST(BuiltInPlanner, ExclusionsCarryTheirReason) {
    History h;
    const auto kept = h.add("login:alice", "category:it", "2021-01-01");
    h.add("login:alice", "category:it", "2021-01-01", "nav_menu_item");
    const auto trashed = h.add("login:bob", "category:it", "2021-01-01", "post", "trash");
    h.add("email:visitor@example.org", "", "2021-01-02", "comment", "approved", trashed);
    h.add("email:spammer@example.org", "", "2021-01-02", "comment", "spam", kept);
    h.add("email:friend@example.org", "", "2021-01-02", "comment", "approved", kept);
    const auto summary = h.plan();
    EXPECT_EQ(summary.migrated_items, 2);  // the post and its approved comment
    EXPECT_EQ(summary.excluded_items, 4);
    const auto reason = [&](const std::string& where) {
        return test::query_text(h.workspace, "SELECT p.reason FROM plan_placements p JOIN items i ON i.id = p.item_id "
                                             "WHERE " + where);
    };
    EXPECT_EQ(reason("i.kind = 'nav_menu_item'"), "a WordPress internal record (nav_menu_item), not content");
    EXPECT_EQ(reason("i.status = 'trash'"), "in the trash");
    EXPECT_EQ(reason("i.author_id = (SELECT id FROM people WHERE key = 'email:visitor@example.org')"),
              "belongs to " + trashed + ", which is not migrated");
    EXPECT_EQ(reason("i.status = 'spam'"), "marked as spam");
    // The comment follows its post into IT.
    EXPECT_EQ(test::query_text(h.workspace, "SELECT c.slug FROM plan_placements p JOIN items i ON i.id = p.item_id "
                                            "JOIN plan_communities c ON c.id = p.community_id WHERE i.author_id = "
                                            "(SELECT id FROM people WHERE key = 'email:friend@example.org')"),
              "it");
}

TEST(BuiltInPlanner, AnonymousEditorsAndCommentersNeverOwn) {
    History h;
    h.add("ip:10.0.0.1", "category:it", "2021-01-01");
    h.add("ip:10.0.0.1", "category:it", "2021-01-02");
    const auto post = h.add("login:frank", "category:it", "2020-01-01");
    h.add("email:chatty@example.org", "", "2021-01-02", "comment", "approved", post);
    h.add("email:chatty@example.org", "", "2021-01-03", "comment", "approved", post);
    const auto summary = h.plan();
    const auto communities = read_communities(h.workspace, summary.run_id);
    ASSERT_EQ(communities.size(), 1U);
    ASSERT_EQ(communities[0].roles.size(), 1U);
    EXPECT_EQ(communities[0].roles[0].person_key, "login:frank");
}

TEST(BuiltInPlanner, CommunityWithoutEligibleAuthorIsCounted) {
    History h;
    h.add("ip:10.0.0.1", "category:it", "2021-01-01");
    const auto summary = h.plan();
    EXPECT_EQ(summary.communities, 1);
    EXPECT_EQ(summary.communities_without_owner, 1);
}

TEST(BuiltInPlanner, TasksOnlyWhenTheirConditionHolds) {
    History h;
    h.add("login:alice", "category:hr", "2020-01-01");
    h.add("login:alice", "category:hr", "2020-01-02", "post", "draft");
    h.add("login:bob", "category:hr", "2020-01-03");
    h.add("login:carol", "category:it", "2020-01-03");
    const auto summary = h.plan();
    const auto codes = [&](const std::string& login, const std::string& slug) {
        auto statement = h.workspace.db().prepare(
            "SELECT group_concat(t.code, ' ') FROM (SELECT t.code FROM plan_tasks t JOIN people p ON p.id = "
            "t.person_id JOIN plan_communities c ON c.id = t.community_id WHERE p.login = ? AND c.slug = ? "
            "ORDER BY t.seq) t");
        statement.bind(1, login).bind(2, slug);
        statement.step();
        return statement.column_text(0);
    };
    // No conversion results, no archive proposals, no contributors without a role: those tasks do not appear.
    EXPECT_EQ(codes("alice", "hr"), "accept-role review-pages decide-unpublished write-description complete-training "
                                    "pin-content post-welcome first-month-check-in");
    EXPECT_EQ(codes("bob", "hr"), "accept-role review-pages complete-training first-month-check-in");
    EXPECT_EQ(codes("carol", "it"), "accept-role review-pages write-description complete-training pin-content "
                                    "post-welcome first-month-check-in");  // no drafts
    EXPECT_EQ(test::query_text(h.workspace, "SELECT title FROM plan_tasks t JOIN people p ON p.id = t.person_id WHERE "
                                            "p.login = 'alice' AND t.code = 'review-pages'"),
              "Review the 3 pages migrated into HR");
    EXPECT_EQ(test::query_text(h.workspace, "SELECT depends_on FROM plan_tasks t JOIN people p ON p.id = t.person_id "
                                            "WHERE p.login = 'alice' AND t.code = 'post-welcome'"),
              "write-description");
    EXPECT_EQ(summary.tasks, 19);
}

TEST(BuiltInPlanner, SameInputsGiveTheSamePlan) {
    History h;
    h.add("login:alice", "category:hr", "2020-01-01");
    h.add("login:bob", "category:hr", "2020-01-01");
    h.add("login:carol", "category:it", "2020-01-01");
    const auto first = h.plan();
    const std::int64_t second_run = h.workspace.begin_run("plan", "");
    plan_with_built_in_rules(h.workspace, second_run);
    h.workspace.end_run(second_run, workspace::RunOutcome::succeeded, 0);
    const auto flatten = [&](std::int64_t run) {
        std::string text;
        for (const auto& community : read_communities(h.workspace, run)) {
            text += community.slug + ":";
            for (const auto& role : community.roles) text += role.person_key + "/" + role.role + "/" + role.reason + ";";
        }
        return text;
    };
    EXPECT_EQ(flatten(first.run_id), flatten(second_run));
    EXPECT_EQ(latest_plan_run(h.workspace), second_run);
}

TEST(BuiltInPlanner, PasswordProtectedContentWaitsForReview) {
    History h;
    model::Item secret;
    secret.key = "post:77";
    secret.kind = "post";
    secret.status = "publish";
    secret.author_key = "login:alice";
    secret.container_keys = {"category:hr"};
    secret.attributes = {{"post_password", "hunter2"}};
    h.writer.item(secret);
    h.add("login:alice", "category:hr", "2020-01-01");
    const auto summary = h.plan();
    EXPECT_EQ(summary.excluded_items, 1);
    EXPECT_EQ(test::query_text(h.workspace, "SELECT p.reason FROM plan_placements p JOIN items i ON i.id = p.item_id "
                                            "WHERE i.key = 'post:77'"),
              "password-protected in the old site: review it before it moves");
}

TEST(BuiltInPlanner, CommentsOfRemovedItemsAreLeftOut) {
    History h;
    const auto post = h.add("login:alice", "category:hr", "2020-01-01");
    h.add("email:reader@example.org", "", "2020-01-02", "comment", "approved", post);
    h.writer.finish_complete();
    // A newer export without the post, but (oddly) still with its comment.
    const std::int64_t run = h.workspace.begin_run("extract", "");
    {
        workspace::WorkspaceWriter writer(h.workspace, h.source, run);
        model::Item comment;
        comment.key = "post:2";
        comment.kind = "comment";
        comment.status = "approved";
        comment.author_key = "email:reader@example.org";
        comment.parent_key = post;
        comment.created_at = "2020-01-02";
        comment.modified_at = "2020-01-02";
        comment.container_keys = {"post_tag:misc"};
        comment.title = "comment post:2";
        writer.item(comment);
        writer.finish_complete();
    }
    h.workspace.end_run(run, workspace::RunOutcome::succeeded, 0);
    const std::int64_t plan_run = h.workspace.begin_run("plan", "");
    const auto summary = plan_with_built_in_rules(h.workspace, plan_run);
    EXPECT_EQ(summary.migrated_items, 0);
    EXPECT_EQ(test::query_text(h.workspace, "SELECT reason FROM plan_placements WHERE plan_run = " +
                                                std::to_string(plan_run)),
              "belongs to " + post + ", which is no longer in the export");
}

TEST(BuiltInPlanner, DependentOfADependentFollowsItWhateverTheOrder) {
    History h;
    const auto post = h.add("login:alice", "category:it", "2020-01-01");
    // The comment on the attachment comes first in the export, the attachment after it.
    const std::string attachment = "post:" + std::to_string(h.next_id + 1);
    const auto comment = h.add("email:reader@example.org", "", "2020-01-03", "comment", "approved", attachment);
    EXPECT_EQ(h.add("login:alice", "", "2020-01-02", "attachment", "inherit", post), attachment);
    const auto summary = h.plan();
    EXPECT_EQ(summary.excluded_items, 0);
    EXPECT_EQ(test::query_text(h.workspace, "SELECT c.slug FROM plan_placements p JOIN items i ON i.id = p.item_id "
                                            "JOIN plan_communities c ON c.id = p.community_id WHERE i.key = '" +
                                                comment + "'"),
              "it");
}

// A plan commits its placements before it chooses the roles: one that fails after that is never read, and the
// next plan removes what it left.
TEST(BuiltInPlanner, WhatAFailedPlanLeftIsNeverReadAndRemovedByTheNext) {
    History h;
    h.add("login:alice", "category:hr", "2020-01-01");
    h.add("login:bob", "category:it", "2020-01-01");
    const auto first = h.plan();
    const std::int64_t failed_run = h.workspace.begin_run("plan", "");
    plan_with_built_in_rules(h.workspace, failed_run);  // as if it had failed after its placements' commit
    h.workspace.end_run(failed_run, workspace::RunOutcome::failed, 1);
    const auto rows_of = [&](std::int64_t run) {
        return test::query_int(h.workspace, "SELECT (SELECT count(*) FROM plan_placements WHERE plan_run = " +
                                                std::to_string(run) + ") + (SELECT count(*) FROM plan_tasks WHERE "
                                                "plan_run = " + std::to_string(run) + ") + (SELECT count(*) FROM "
                                                "plans WHERE run_id = " + std::to_string(run) + ")");
    };
    ASSERT_GT(rows_of(failed_run), 0);
    EXPECT_EQ(latest_plan_run(h.workspace), first.run_id);
    const std::int64_t next_run = h.workspace.begin_run("plan", "");
    plan_with_built_in_rules(h.workspace, next_run);
    h.workspace.end_run(next_run, workspace::RunOutcome::succeeded, 0);
    EXPECT_EQ(rows_of(failed_run), 0);
    EXPECT_GT(rows_of(first.run_id), 0);  // a succeeded plan stays
    EXPECT_EQ(latest_plan_run(h.workspace), next_run);
}

}  // namespace baton::transform
