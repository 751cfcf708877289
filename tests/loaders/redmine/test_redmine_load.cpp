// The Redmine target against a real Redmine: what a load writes, and that loading again creates nothing twice.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <set>

#include "core/text.hpp"
#include "loaders/redmine/redmine_names.hpp"
#include "loaders/redmine/redmine_server.hpp"

namespace baton::test {
namespace {

std::int64_t all_created(const load::LoadResult& result) {
    return result.communities.created + result.users.created + result.memberships.created + result.content.created +
           result.comments.created + result.tasks.created;
}

std::int64_t user_id_of(RedmineProbe& probe, const std::string& login) {
    const auto user = probe.api().user(login, {});
    return user ? user->id : -1;
}

}  // namespace

TEST(RedmineLoader, LoadsProjectsMembersPagesWithHistoryAndIssues) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    RedmineWorkspace ws("t1");
    load::LoadOptions options;
    options.go_live = "2027-03-01";
    const load::LoadResult result = ws.load(options);
    RedmineProbe probe(redmine_server().url);

    // One project per community, under an identifier derived from its slug.
    const std::string plan = std::to_string(ws.planned.plan_run);
    const auto communities = query_int(ws.planned.workspace, "SELECT count(*) FROM plan_communities WHERE plan_run = " + plan);
    EXPECT_EQ(result.communities.created, communities);
    for (const std::string slug : {"uncategorized", "trunk", "bar", "foo", "alpha", "main"}) {
        EXPECT_TRUE(probe.api().project(ws.identifier(slug))) << slug;
    }
    // Owners and managers are Managers of their project; other authors are members with another role.
    const auto roles = probe.api().roles();
    const auto admin = user_id_of(probe, "admin_t1");
    const auto author = user_id_of(probe, "author_t1");
    ASSERT_GT(admin, 0);
    const auto owner = probe.api().membership(ws.identifier("uncategorized"), admin);
    ASSERT_TRUE(owner);
    EXPECT_EQ(owner->role_ids, std::vector<std::int64_t>{roles.at("Manager")});
    const auto manager = probe.api().membership(ws.identifier("uncategorized"), author);
    ASSERT_TRUE(manager);
    EXPECT_EQ(manager->role_ids, std::vector<std::int64_t>{roles.at("Manager")});
    const auto member = probe.api().membership(ws.identifier("main"), user_id_of(probe, "quercusrobur_t1"));
    ASSERT_TRUE(member);
    EXPECT_EQ(member->role_ids, std::vector<std::int64_t>{roles.at("Developer")});
    // Quiet import: Redmine delivered no mail (no account mails, no notifications of pages or issues).
    const std::string log = redmine_log();
    EXPECT_NE(log.find("POST \"/users.json\""), std::string::npos) << "not Redmine's log?";
    EXPECT_EQ(log.find("MailDeliveryJob"), std::string::npos);  // what Redmine logs for every mail it sends

    // Pages are written by their authors; the MediaWiki page's four revisions are four versions, each by its author.
    const auto hello = probe.api().wiki_page(ws.identifier("uncategorized"), "Hello_world!");
    ASSERT_TRUE(hello);
    EXPECT_EQ(hello->author_id, author);
    // The comment is kept on its page.
    EXPECT_NE(hello->text.find("## Comments"), std::string::npos);
    EXPECT_NE(hello->text.find("Mr WordPress t1"), std::string::npos) << hello->text;
    const auto pear = probe.api().wiki_page(ws.identifier("main"), "Pear");
    ASSERT_TRUE(pear);
    // Revisions 3 and 4 have the same text in the fixture, and Redmine keeps no version for an unchanged text.
    EXPECT_EQ(pear->version, 3);
    const auto first = probe.api().wiki_version(ws.identifier("main"), "Pear", 1);
    ASSERT_TRUE(first);
    EXPECT_EQ(first->comments, "Automated conversion");
    EXPECT_EQ(probe.api().wiki_version(ws.identifier("main"), "Pear", 2)->author_id,
              user_id_of(probe, "quercusrobur_t1"));
    EXPECT_EQ(result.content.created,
              query_int(ws.planned.workspace, "SELECT count(*) FROM plan_placements pp JOIN items i ON i.id = pp.item_id "
                                              "WHERE pp.action = 'migrate' AND i.kind NOT IN ('comment', 'attachment') "
                                              "AND pp.plan_run = " + plan));
    EXPECT_EQ(result.content.created, 12);  // 6 posts and 5 pages of WordPress, the pear
    EXPECT_EQ(result.comments.created, 1);

    // Onboarding tasks are issues assigned to their owner, due go-live + offset.
    const auto tasks = query_int(ws.planned.workspace, "SELECT count(*) FROM plan_tasks WHERE plan_run = " + plan);
    EXPECT_EQ(result.tasks.created, tasks);
    const auto project = probe.api().project(ws.identifier("uncategorized"));
    ASSERT_TRUE(project);
    const auto issues = probe.get("/issues.json?status_id=*&limit=100&project_id=" + ws.identifier("uncategorized"))
                            ->getArray("issues");
    ASSERT_EQ(static_cast<std::int64_t>(issues->size()),
              query_int(ws.planned.workspace, "SELECT count(*) FROM plan_tasks t JOIN plan_communities c ON c.id = "
                                              "t.community_id WHERE c.slug = 'uncategorized-t1' AND t.plan_run = " + plan));
    std::set<std::string> due_dates;
    for (std::size_t i = 0; i < issues->size(); ++i) {
        const auto issue = issues->getObject(static_cast<unsigned>(i));
        due_dates.insert(issue->getValue<std::string>("due_date"));
        EXPECT_TRUE(issue->has("assigned_to"));
    }
    // Each task's offset in days from the go-live date 2027-03-01.
    std::set<std::string> expected_due_dates;
    auto offsets = ws.planned.workspace.db().prepare(
        "SELECT DISTINCT coalesce(t.due_offset_days, 0) FROM plan_tasks t JOIN plan_communities c ON c.id = "
        "t.community_id WHERE c.slug = 'uncategorized-t1' AND t.plan_run = " + plan);
    while (offsets.step()) {
        const std::chrono::sys_days due =
            std::chrono::sys_days{std::chrono::year{2027} / std::chrono::March / 1} +
            std::chrono::days{offsets.column_int(0)};
        const std::chrono::year_month_day date{due};
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                      static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
        expected_due_dates.insert(text);
    }
    EXPECT_GE(expected_due_dates.size(), 4U);  // the shipped templates spread tasks over several weeks
    EXPECT_EQ(due_dates, expected_due_dates);

    // Every object has its id-map row and its journal entry.
    EXPECT_EQ(query_int(ws.planned.workspace, "SELECT count(*) FROM id_map WHERE status = 'imported'"), all_created(result));
    EXPECT_EQ(query_int(ws.planned.workspace, "SELECT count(*) FROM load_journal WHERE action = 'created' AND run_id = " +
                                                  std::to_string(ws.last_run)),
              all_created(result));
    EXPECT_EQ(query_int(ws.planned.workspace, "SELECT count(*) FROM id_map WHERE target_hash IS NULL OR target_hash = ''"), 0);
}

TEST(RedmineLoader, ReRunCreatesNothingEvenWithoutTheIdMap) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    RedmineWorkspace ws("t2");
    // Two titles of one community that make the same wiki title: each item keeps a page of its own.
    ws.planned.workspace.db().exec("UPDATE items SET title = 'Hello, world!' WHERE title = 'Non-standard post format'");
    const load::LoadResult first = ws.load();
    ASSERT_GT(all_created(first), 0);
    EXPECT_EQ(first.content.failed + first.users.failed + first.tasks.failed + first.memberships.failed, 0);
    RedmineProbe probe(redmine_server().url);
    const auto issues = probe.total("/issues.json?status_id=*&limit=1");
    const auto users = probe.total("/users.json?status=&limit=1");
    const auto pear_versions = probe.api().wiki_page(ws.identifier("main"), "Pear")->version;
    const auto pages_of = [&](const std::string& slug) {
        return probe.get("/projects/" + ws.identifier(slug) + "/wiki/index.json")->getArray("wiki_pages")->size();
    };
    EXPECT_EQ(pages_of("uncategorized"), 3U);

    const load::LoadResult second = ws.load();
    EXPECT_EQ(all_created(second), 0);
    EXPECT_EQ(second.content.updated, 0);
    EXPECT_EQ(second.content.unchanged, first.content.created);

    // The id map is lost after the target was written: every object is found again by its legacy key.
    ws.planned.workspace.db().exec("DELETE FROM id_map");
    const load::LoadResult third = ws.load();
    EXPECT_EQ(all_created(third), 0);
    EXPECT_EQ(third.content.unchanged, first.content.created);
    EXPECT_EQ(third.tasks.unchanged, first.tasks.created);
    EXPECT_EQ(probe.total("/issues.json?status_id=*&limit=1"), issues);
    EXPECT_EQ(probe.total("/users.json?status=&limit=1"), users);
    EXPECT_EQ(probe.api().wiki_page(ws.identifier("main"), "Pear")->version, pear_versions);
    EXPECT_EQ(pages_of("uncategorized"), 3U);
    EXPECT_EQ(query_int(ws.planned.workspace, "SELECT count(*) FROM id_map"), all_created(first));
}

TEST(RedmineLoader, DryRunWritesNothingAndSubsetsLoadOnlyWhatWasAsked) {
    ASSERT_TRUE(redmine_server().up) << redmine_server().log;
    RedmineWorkspace ws("t7");
    RedmineProbe probe(redmine_server().url);
    const std::string plan = std::to_string(ws.planned.plan_run);
    const auto issues_before = probe.total("/issues.json?status_id=*&limit=1");
    load::LoadOptions dry;
    dry.dry_run = true;
    const load::LoadResult counted = ws.load(dry);
    EXPECT_EQ(counted.communities.created, 6);
    EXPECT_EQ(counted.content.created, 12);
    EXPECT_EQ(counted.comments.created, 1);
    EXPECT_EQ(counted.tasks.created, query_int(ws.planned.workspace, "SELECT count(*) FROM plan_tasks WHERE plan_run = " + plan));
    EXPECT_GT(counted.users.created, 0);
    EXPECT_GT(counted.memberships.created, 0);
    EXPECT_FALSE(probe.api().project(ws.identifier("uncategorized")));
    EXPECT_FALSE(probe.api().user("author_t7", {}));
    EXPECT_EQ(probe.total("/issues.json?status_id=*&limit=1"), issues_before);
    EXPECT_EQ(query_int(ws.planned.workspace, "SELECT (SELECT count(*) FROM id_map) + (SELECT count(*) FROM load_journal)"), 0);

    // A trial: one community, two items.
    load::LoadOptions trial;
    trial.communities = {"trunk-t7"};
    trial.limit = 2;
    const load::LoadResult partial = ws.load(trial);
    EXPECT_EQ(partial.communities.created, 1);
    EXPECT_EQ(partial.content.created, 2);
    EXPECT_FALSE(probe.api().project(ws.identifier("uncategorized")));
    EXPECT_EQ(probe.get("/projects/" + ws.identifier("trunk") + "/wiki/index.json")->getArray("wiki_pages")->size(), 2U);

    // Chosen items: only Hello world! of the content, but every community.
    load::LoadOptions chosen;
    chosen.item_keys = {"post:1"};
    const load::LoadResult picked = ws.load(chosen);
    EXPECT_EQ(picked.communities.created, 5);
    EXPECT_EQ(picked.communities.unchanged, 1);
    EXPECT_EQ(picked.content.created, 1);
    EXPECT_EQ(picked.comments.created, 1);
    EXPECT_TRUE(probe.api().wiki_page(ws.identifier("uncategorized"), "Hello_world!"));

    // A dry run over what is there now: the three loaded items unchanged, the rest would be created.
    const auto issues_now = probe.total("/issues.json?status_id=*&limit=1");
    const load::LoadResult rest = ws.load(dry);
    EXPECT_EQ(rest.content.unchanged, 3);
    EXPECT_EQ(rest.content.created, 9);
    EXPECT_EQ(rest.communities.created, 0);
    EXPECT_EQ(probe.total("/issues.json?status_id=*&limit=1"), issues_now);
}

}  // namespace baton::test
