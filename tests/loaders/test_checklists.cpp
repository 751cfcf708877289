// Onboarding checklists: Markdown per person, CSV re-read with a strict RFC 4180 parser.
#include <gtest/gtest.h>

#include <filesystem>

#include "core/error.hpp"
#include "loaders/loader_test_support.hpp"
#include "support/strict_csv.hpp"
#include "loaders/outputs/checklists.hpp"

namespace baton::load {
namespace {

using test::parse_csv_strictly;

}  // namespace

TEST(Checklists, OnePerPersonWithEveryCommunityAndReason) {
    test::PlannedWorkspace planned(test::source_file("samples/wordpress/acme-intranet.xml"));
    const auto checklists = collect_checklists(planned.workspace, planned.plan_run);
    const auto people_with_roles = test::query_int(
        planned.workspace, "SELECT count(DISTINCT person_id) FROM plan_roles WHERE plan_run = " +
                               std::to_string(planned.plan_run));
    ASSERT_EQ(static_cast<std::int64_t>(checklists.size()), people_with_roles);
    for (const auto& checklist : checklists) {
        const std::string markdown = checklist_as_markdown(checklist);
        EXPECT_EQ(markdown.rfind("# Onboarding checklist for " + checklist.display_name, 0), 0U);
        for (const auto& assignment : checklist.assignments) {
            EXPECT_NE(markdown.find("## " + assignment.community.name + " (" + assignment.role + ")"), std::string::npos);
            EXPECT_NE(markdown.find("Why you: you " + assignment.reason), std::string::npos);
            for (const auto& task : assignment.tasks) EXPECT_NE(markdown.find("- [ ] **" + task.title + "**"), std::string::npos);
        }
    }
}

TEST(Checklists, CsvIsStrictRfc4180WithOneRowPerTask) {
    test::PlannedWorkspace planned(test::source_file("samples/wordpress/acme-intranet.xml"));
    const auto checklists = collect_checklists(planned.workspace, planned.plan_run);
    const auto rows = parse_csv_strictly(checklists_as_csv(checklists));
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(rows[0], (std::vector<std::string>{"person", "email", "community", "community_slug", "role", "order",
                                                 "task", "description", "due_offset_days", "status", "code",
                                                 "person_key", "due_date", "priority", "depends_on"}));
    EXPECT_EQ(static_cast<std::int64_t>(rows.size()) - 1,
              test::query_int(planned.workspace, "SELECT count(*) FROM plan_tasks WHERE plan_run = " +
                                                     std::to_string(planned.plan_run)));
    for (std::size_t i = 1; i < rows.size(); ++i) EXPECT_EQ(rows[i].size(), 15U) << "row " << i;
    // Descriptions hold item lists on several lines: they survive quoting.
    bool multiline = false;
    for (const auto& row : rows) multiline = multiline || row[7].find('\n') != std::string::npos;
    EXPECT_TRUE(multiline);
}

TEST(Checklists, WritesFilesForEachFormat) {
    test::PlannedWorkspace planned(test::wxr_fixture("small-export.xml"));
    const auto checklists = collect_checklists(planned.workspace, planned.plan_run);
    TaskListOptions options;
    options.formats = "md";
    const auto md = write_task_lists(checklists, options, planned.dir.file("md"));
    EXPECT_EQ(md.files.size(), checklists.size() + 1);
    EXPECT_TRUE(std::filesystem::exists(planned.dir.file("md/README.md")));
    EXPECT_TRUE(std::filesystem::exists(planned.dir.file("md/admin.md")));
    options.formats = "csv";
    const auto csv = write_task_lists(checklists, options, planned.dir.file("csv"));
    EXPECT_EQ(csv.files.size(), 1U);
    EXPECT_EQ(csv.tasks, md.tasks);
    options.formats = "pdf";
    EXPECT_THROW(write_task_lists(checklists, options, planned.dir.file("pdf")), UsageError);
    options.formats = "all";
    const auto all = write_task_lists(checklists, options, planned.dir.file("all"));
    // Per person .md, .html, .ics and (with an address) .eml; README.md, index.html, tasks.csv, tasks.json.
    EXPECT_EQ(all.files.size(), checklists.size() * 4 - all.without_email + 4);
    EXPECT_EQ(task_list_formats("csv,ics,csv"), (std::vector<std::string>{"csv", "ics"}));
}

TEST(Checklists, DueDatesReadNaturally) {
    EXPECT_EQ(due_text(-21), "due 21 days before go-live");
    EXPECT_EQ(due_text(0), "due on go-live day");
    EXPECT_EQ(due_text(1), "due 1 day after go-live");
    EXPECT_EQ(due_text(-15, true), "due 15 working days before go-live");
}

}  // namespace baton::load
