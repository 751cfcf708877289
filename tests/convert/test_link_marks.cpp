// Bodies written once with their links marked, re-pointed later: exactly what rewriting the tree and writing it gives.
#include <gtest/gtest.h>

#include "convert/links/link_marks.hpp"
#include "convert/links/target_body.hpp"
#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"

namespace baton::test {
namespace {

// A workspace of real exports with internal links of every kind, planned.
void extract_and_plan(workspace::Workspace& workspace, const TempDir& dir) {
    extract_wxr(workspace, source_file("samples/wordpress/acme-intranet.xml"));
    write_file(dir.file("wiki.xml"),
               leave_wiki_export("See [[sick leave#Forms|sick leave]], [[Parental leave]], '''[[Sick leave|bold [[Leave "
                                 "policy]] inside]]''' and [https://wiki.acme.example/wiki/Sick_leave the same] or "
                                 "[javascript:alert(1) this]."));
    extract_source(workspace, "mediawiki", dir.file("wiki.xml"));
    extract_source(workspace, "dokuwiki", fixture("dokuwiki/data"));
    extract_source(workspace, "confluence", fixture("confluence/4.3.2"));
    workspace::recorded_run(workspace, "plan", "", [&](std::int64_t run) {
        transform::plan_with_built_in_rules(workspace, run);
        return workspace::RunOutcome::succeeded;
    });
}

convert::TargetScheme scheme(const std::string& base) {
    convert::TargetScheme made;
    made.base_url = base;
    return made;
}

}  // namespace

// For every body of the workspace: the HTML written once (its links already rewritten for another target, as
// `baton convert` leaves it), then spliced for this target, equals converting it for this target outright, and so
// do the link counts and the unresolved links, in order.
TEST(LinkMarks, SplicedBodiesEqualBodiesConvertedForTheTarget) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_and_plan(workspace, dir);
    const std::int64_t plan_run = query_int(workspace, "SELECT max(run_id) FROM plans");
    const auto& html = *convert::find_writer("html");
    std::int64_t bodies = 0;
    std::int64_t links = 0;
    std::int64_t rewritten = 0;
    std::int64_t unresolved = 0;
    {
        convert::LinkIndex elsewhere(workspace.db(), plan_run, scheme("https://old.example.org"));
        convert::LinkIndex index(workspace.db(), plan_run, scheme("https://collab.example.com"));
        auto select = workspace.db().prepare("SELECT i.id, b.format, b.text FROM items i JOIN item_bodies b ON "
                                             "b.item_id = i.id ORDER BY i.id");
        while (select.step()) {
            const std::int64_t item = select.column_int(0);
            const std::string format = select.column_text(1);
            const std::string body = select.column_text(2);
            auto document = convert::read_body_for_target(body, format);
            if (!document) continue;
            SCOPED_TRACE(format + " body of item " + std::to_string(item) + ": " + body.substr(0, 200));
            ++bodies;
            const auto direct = convert::convert_body_for_target(index, item, body, format, html);
            ASSERT_TRUE(direct);

            convert::MarkedLinks marked;
            marked.links = convert::link_attributes(*document);
            (void)convert::rewrite_links(*document, elsewhere, elsewhere.page(item, format));
            const std::string written = convert::write_html_marked(*document, marked.marks);
            const auto decoded = convert::decode_link_marks(convert::encode_link_marks(marked));
            ASSERT_TRUE(decoded);
            const auto spliced = convert::splice_links(written, *decoded, index, index.page(item, format));
            ASSERT_TRUE(spliced);
            EXPECT_EQ(spliced->html, direct->conversion.output);
            EXPECT_EQ(spliced->links.checked, direct->links.checked);
            EXPECT_EQ(spliced->links.rewritten, direct->links.rewritten);
            EXPECT_EQ(spliced->links.unresolved, direct->links.unresolved);
            links += static_cast<std::int64_t>(marked.links.size());
            rewritten += direct->links.rewritten;
            unresolved += static_cast<std::int64_t>(direct->links.unresolved.size());
        }
    }
    // The property was tried on real bodies with links that change, links left alone and unresolved ones.
    EXPECT_GT(bodies, 40);
    EXPECT_GT(links, 40);
    EXPECT_GT(rewritten, 10);
    EXPECT_GT(unresolved, 1);
}

TEST(LinkMarks, MarksThatDoNotFitAreRefused) {
    convert::MarkedLinks marked;
    marked.links.push_back({{"href", "https://example.org/a|b"}, {"title", "1|2"}});
    marked.links.push_back({});
    marked.marks = {{0, false, 0, 3}, {1, false, 3, 0}, {1, true, 3, 0}, {0, true, 5, 4}};
    const std::string encoded = convert::encode_link_marks(marked);
    const auto decoded = convert::decode_link_marks(encoded);
    ASSERT_TRUE(decoded);
    EXPECT_EQ(decoded->links, marked.links);
    ASSERT_EQ(decoded->marks.size(), 4U);
    EXPECT_EQ(decoded->marks[3].at, 5U);
    EXPECT_TRUE(decoded->marks[3].close);
    // Every cut of it is refused, and so is what is not an encoding at all.
    for (std::size_t length = 0; length < encoded.size(); ++length) {
        EXPECT_FALSE(convert::decode_link_marks(encoded.substr(0, length))) << encoded.substr(0, length);
    }
    EXPECT_FALSE(convert::decode_link_marks(encoded + "7|"));
    EXPECT_FALSE(convert::decode_link_marks("1|99999999999999999999|"));
    EXPECT_FALSE(convert::decode_link_marks("1|1|0|1|2|0|0|0|"));  // a mark of a link that is not there
    EXPECT_FALSE(convert::decode_link_marks("2|0|0|"));  // another version
}

}  // namespace baton::test
