// Task templates: conditions, placeholders, the shipped defaults, and a mapping's <tasks> read back.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "transform/mapping/mapping_reader.hpp"
#include "transform/onboarding_tasks.hpp"
#include "transform/tasks/task_facts.hpp"

namespace baton::transform::tasks {

TEST(TaskConditions, ClausesMustAllHold) {
    Condition condition;
    ASSERT_FALSE(parse_condition("flagged_items > 0 and migrated_pages >= 10", condition));
    ASSERT_EQ(condition.clauses.size(), 2U);
    EXPECT_TRUE(condition_holds(condition, {{"flagged_items", 1}, {"migrated_pages", 10}}));
    EXPECT_FALSE(condition_holds(condition, {{"flagged_items", 0}, {"migrated_pages", 10}}));  // no "fix 0 items"
    EXPECT_FALSE(condition_holds(condition, {{"flagged_items", 3}, {"migrated_pages", 9}}));
    ASSERT_FALSE(parse_condition("", condition));
    EXPECT_TRUE(condition_holds(condition, {}));  // no condition: always
    ASSERT_FALSE(parse_condition("managers = 0", condition));
    EXPECT_TRUE(condition_holds(condition, {{"managers", 0}}));
    EXPECT_FALSE(condition_holds(condition, {{"managers", 2}}));
    ASSERT_FALSE(parse_condition("stale_pages != 1", condition));
    EXPECT_TRUE(condition_holds(condition, {{"stale_pages", 2}}));
}

TEST(TaskConditions, MistakesAreNamed) {
    Condition condition;
    EXPECT_EQ(parse_condition("flagged_items >", condition).value(), "expected a whole number after flagged_items >");
    EXPECT_EQ(parse_condition("flagged_items ~ 2", condition).value(),
              "expected one of > >= < <= = != after flagged_items");
    EXPECT_EQ(parse_condition("flagged_items > 0 or stale_pages > 0", condition).value(),
              "expected \"and\" between clauses, found \"or\"");
    EXPECT_NE(parse_condition("pages > 0", condition).value().find("unknown fact \"pages\""), std::string::npos);
}

TEST(TaskPlaceholders, FilledWithCountsAndNouns) {
    const std::map<std::string, std::string> values = {
        {"community", "HR"}, {"flagged_items", "1"}, {"stale_pages", "3"}, {"role", "owner"}};
    EXPECT_EQ(fill_placeholders("Fix the {flagged_items:item} in {community}", values), "Fix the 1 item in HR");
    EXPECT_EQ(fill_placeholders("{stale_pages:stale page}; {stale_pages} as a number", values),
              "3 stale pages; 3 as a number");
    EXPECT_EQ(fill_placeholders("no placeholder, a lone { brace", values), "no placeholder, a lone { brace");
    EXPECT_FALSE(check_placeholders("Review {migrated_pages:page} of {community}: {page_list}"));
    EXPECT_EQ(check_placeholders("{pages}").value(), "unknown placeholder {pages}");
    EXPECT_EQ(check_placeholders("{community:thing}").value(), "{community:thing}: only a number fact takes a noun");
    EXPECT_EQ(check_placeholders("open {community").value(), "a { without its }");
}

TEST(TaskTemplates, ShippedDefaultsAreConsistent) {
    const auto& defaults = default_task_templates();
    EXPECT_TRUE(defaults.shipped);
    std::vector<std::string> codes;
    for (const auto& task : defaults.list) {
        EXPECT_FALSE(check_placeholders(task.title)) << task.code;
        EXPECT_FALSE(check_placeholders(task.description)) << task.code;
        for (const auto& code : task.depends_on) {
            EXPECT_NE(std::find(codes.begin(), codes.end(), code), codes.end()) << task.code << " -> " << code;
        }
        codes.push_back(task.code);
    }
    for (const char* expected : {"accept-role", "review-pages", "fix-flagged", "decide-archive", "write-description",
                                 "pin-content", "post-welcome", "invite-contributors", "complete-training",
                                 "first-month-check-in"}) {
        EXPECT_NE(std::find(codes.begin(), codes.end(), expected), codes.end()) << expected;
    }
}

TEST(TaskTemplates, TheExampleMappingDeclaresTasks) {
    const auto mapping = mapping::read_mapping(test::source_file("mappings/tasks.example.xml"));
    ASSERT_TRUE(mapping.tasks);
    EXPECT_FALSE(mapping.tasks->shipped);
    EXPECT_EQ(mapping.tasks->schedule.time_zone, "Europe/Paris");
    EXPECT_EQ(mapping.tasks->schedule.due_time, "16:00");
    EXPECT_TRUE(mapping.tasks->schedule.skip_weekends);
    ASSERT_GE(mapping.tasks->list.size(), 3U);
    const auto& fix = mapping.tasks->list[2];
    EXPECT_EQ(fix.code, "fix-flagged");
    EXPECT_EQ(fix.condition.text, "flagged_items > 0");
    EXPECT_EQ(fix.depends_on, std::vector<std::string>{"accept-role"});
    EXPECT_EQ(fix.priority, "high");
    EXPECT_GT(fix.line, 0);
    EXPECT_EQ(mapping.tasks->list[0].roles, (std::vector<std::string>{"owner", "manager"}));
}

TEST(TaskTemplates, SettingsWithoutTasksKeepTheShippedList) {
    test::TempDir dir;
    const std::string path = dir.file("settings.xml");
    test::write_file(path, "<mapping version=\"1\"><tasks skip-weekends=\"true\"/></mapping>");
    const auto mapping = mapping::read_mapping(path);
    ASSERT_TRUE(mapping.tasks);
    EXPECT_TRUE(mapping.tasks->shipped);
    EXPECT_TRUE(mapping.tasks->schedule.skip_weekends);
    EXPECT_EQ(mapping.tasks->list.size(), default_task_templates().list.size());
}

}  // namespace baton::transform::tasks
