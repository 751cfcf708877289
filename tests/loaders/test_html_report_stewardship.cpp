// The report's stewardship section: present for a mapping plan (chart, unmatched people, archive proposals), absent otherwise.
#include <gtest/gtest.h>

#include "loaders/loader_test_support.hpp"
#include "loaders/outputs/html_report.hpp"
#include "transform/mapping/mapping_reader.hpp"

namespace baton::load {

TEST(HtmlReportStewardship, AMappingPlanShowsItsDetails) {
    test::PlannedWorkspace planned(test::source_file("samples/wordpress/acme-intranet.xml"));
    EXPECT_EQ(render_html_report(planned.workspace).find("<h2>Stewardship</h2>"), std::string::npos);

    const auto rules = transform::mapping::read_mapping(test::source_file("mappings/example.xml"));
    transform::BuiltInRules with_mapping;
    with_mapping.mapping = &rules;
    workspace::recorded_run(planned.workspace, "plan", "", [&](std::int64_t run) {
        (void)transform::plan_with_built_in_rules(planned.workspace, run, with_mapping);
        return workspace::RunOutcome::succeeded;
    });
    auto check = planned.workspace.db().prepare("PRAGMA foreign_key_check");
    EXPECT_FALSE(check.step()) << "a dangling reference in table " << check.column_text(0);

    const std::string html = render_html_report(planned.workspace);
    EXPECT_NE(html.find("<h2>Stewardship</h2>"), std::string::npos);
    EXPECT_NE(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
    // IT: Dave Okafor's 20.3 of the 21.1 points there (he has left, but he is ranked).
    EXPECT_NE(html.find("<text x=\"0\" y=\"81\">IT</text>"), std::string::npos);
    EXPECT_NE(html.find("86% + 12% of 4"), std::string::npos);
    EXPECT_NE(html.find("<h3>People nobody could match</h3>"), std::string::npos);
    EXPECT_NE(html.find("<td>Kenji Watanabe</td><td>email:kenji.watanabe@acme.example</td>"), std::string::npos);
    EXPECT_NE(html.find("<h3>Proposed for archive</h3>"), std::string::npos);
    EXPECT_NE(html.find("proposed for archive</td>"), std::string::npos);
    EXPECT_EQ(html.find("<script src"), std::string::npos);  // only the inline sorting script
}

}  // namespace baton::load
