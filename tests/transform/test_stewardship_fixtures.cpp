// Mapping plans of the shared MediaWiki and DokuWiki fixtures, checked against the facts PROVENANCE.md states.
#include <gtest/gtest.h>

#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"
#include "transform/mapping/mapping_reader.hpp"

namespace baton::transform {
namespace {

// Plans `path` of `kind` with the default mapping; returns "slug|key|outcome|reason" lines of every candidate.
std::string plan_fixture(const std::string& kind, const std::string& path) {
    test::TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    test::extract_source(workspace, kind, path);
    test::write_file(dir.file("m.xml"), "<mapping version=\"1\"/>");
    const auto rules = mapping::read_mapping(dir.file("m.xml"));
    BuiltInRules built_in;
    built_in.mapping = &rules;
    const std::int64_t run = workspace.begin_run("plan", "");
    plan_with_built_in_rules(workspace, run, built_in);
    return test::query_text(workspace,
                            "SELECT group_concat(line, char(10)) FROM (SELECT c.slug || '|' || p.key || '|' || "
                            "r.outcome || '|' || r.reason AS line FROM plan_candidates r JOIN plan_communities c ON "
                            "c.id = r.community_id JOIN people p ON p.id = r.person_id ORDER BY c.slug, r.rank)");
}

}  // namespace

TEST(StewardshipFixtures, MediaWikiPairByOneEditorWithItsTalkPage) {
    // pair-0.10.xml: one article and its talk page, two revisions each, all by Carlossuarez46.
    EXPECT_EQ(plan_fixture("mediawiki", test::fixture("mediawiki-xml/pair-0.10.xml")),
              "main|login:Carlossuarez46|owner|created 1 of 1 page, 2 edits, last edit 2008-09; score 12.1, rank 1 "
              "of 1 here\n"
              "talk|login:Carlossuarez46|owner|created 1 of 1 page, 0 edits, 2 talk page edits, last edit 2008-09; "
              "score 12.0, rank 1 of 1 here");
}

TEST(StewardshipFixtures, DokuWikiChangelogOfTwentyFourRevisions) {
    // mailinglist.changes: 24 revisions (1 created + 23 edits), all by pubcie (PROVENANCE.md section 4a).
    const std::string plan = plan_fixture("dokuwiki", test::fixture("dokuwiki/data"));
    EXPECT_NE(plan.find("dokuwiki|login:pubcie|owner|created 1 of 1 page, 24 edits"), std::string::npos) << plan;
}

}  // namespace baton::transform
