// The HTML report: self-contained, every community and owner in it, legacy text escaped.
#include <gtest/gtest.h>

#include "loaders/loader_test_support.hpp"
#include "loaders/outputs/html_report.hpp"
#include "core/text.hpp"
#include "transform/plan.hpp"

namespace baton::load {

TEST(HtmlReport, NamesEveryCommunityOwnerAndReason) {
    test::PlannedWorkspace planned(test::source_file("samples/wordpress/acme-intranet.xml"));
    const std::string html = render_html_report(planned.workspace);
    EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0U);
    EXPECT_EQ(html.find("<script src"), std::string::npos);  // only the inline sorting script
    EXPECT_EQ(html.find("<link"), std::string::npos);
    for (const auto& community : transform::read_communities(planned.workspace, planned.plan_run)) {
        EXPECT_NE(html.find(text::html_escape(community.name)), std::string::npos) << community.name;
        for (const auto& role : community.roles) {
            EXPECT_NE(html.find(text::html_escape(role.reason)), std::string::npos) << role.reason;
        }
    }
}

TEST(HtmlReport, EscapesLegacyTextAndListsMessagesWithTheirLine) {
    test::TempDir dir;
    const std::string path = dir.file("xss.xml");
    test::write_file(path, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" xmlns:wp=\"http://wordpress.org/export/1.2/\" "
                           "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel><title>Site</title>"
                           "<wp:wxr_version>1.2</wp:wxr_version>\n"
                           "<wp:category><wp:category_nicename>x</wp:category_nicename><wp:cat_name>"
                           "&lt;script&gt;alert(1)&lt;/script&gt;</wp:cat_name></wp:category>\n"
                           "<wp:author><wp:author_email>no-login@example.org</wp:author_email></wp:author>\n"
                           "<item><title>t</title><wp:post_id>1</wp:post_id><dc:creator>a</dc:creator>"
                           "<category domain=\"category\" nicename=\"x\">x</category></item></channel></rss>\n");
    {
        workspace::Workspace unplanned(dir.file("w.db"), workspace::Access::create);
        test::extract_wxr(unplanned, path);
        EXPECT_NE(render_html_report(unplanned).find("No plan yet"), std::string::npos);
    }
    test::PlannedWorkspace planned(path);
    const std::string html = render_html_report(planned.workspace);
    EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
    EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(html.find(text::html_escape(path) + ":4"), std::string::npos);  // the author record's line
}

}  // namespace baton::load
