// A mapping's community rules (merge, split, exclude, glob, regex, default) and content rules (include,
// exclude, archive) on a small hand-built workspace.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"
#include "transform/mapping/mapping_reader.hpp"
#include "workspace/workspace_writer.hpp"

namespace baton::transform {
namespace {

struct Intranet {
    test::TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    std::int64_t run = workspace.begin_run("extract", "test");
    std::int64_t source = workspace.upsert_source({"test", "intranet", "x", "Acme", "", ""}, run, "");
    workspace::WorkspaceWriter writer{workspace, source, run};
    int next_id = 1;

    Intranet() {
        writer.container({"category:hr", "category", "HR", "hr", "", "People", {}, true});
        writer.container({"category:benefits", "category", "Benefits", "benefits", "category:hr", "", {}, true});
        writer.container({"category:it", "category", "IT", "it", "", "", {}, true});
        writer.container({"category:news", "category", "News", "news", "", "", {}, true});
        writer.container({"category:announcements", "category", "Announcements", "announcements", "", "", {}, true});
    }

    std::string add(const std::string& category, const std::string& when = "2026-01-01",
                    const std::string& kind = "post", const std::string& status = "publish",
                    const std::string& parent = "") {
        model::Item item;
        item.key = "post:" + std::to_string(next_id++);
        item.kind = kind;
        item.status = status;
        item.author_key = "login:alice";
        item.parent_key = parent;
        item.created_at = when;
        item.modified_at = when;
        if (!category.empty()) item.container_keys.push_back(category);
        item.revisions.push_back({"1", "login:alice", when, 100, {}, {}});
        writer.item(item);
        return item.key;
    }

    std::int64_t plan(const std::string& body) {
        writer.finish_complete();
        test::write_file(dir.file("m.xml"), "<mapping version=\"1\">\n" + body + "</mapping>\n");
        const auto rules = mapping::read_mapping(dir.file("m.xml"));
        const std::int64_t plan_run = workspace.begin_run("plan", "");
        BuiltInRules built_in;
        built_in.mapping = &rules;
        plan_with_built_in_rules(workspace, plan_run, built_in);
        return plan_run;
    }

    // "slug" of the item's community, or "-: reason" when it is excluded.
    std::string where(const std::string& key) {
        return test::query_text(workspace, "SELECT coalesce(c.slug, '-: ' || p.reason) FROM plan_placements p JOIN "
                                           "items i ON i.id = p.item_id LEFT JOIN plan_communities c ON c.id = "
                                           "p.community_id WHERE i.key = '" + key + "'");
    }

    std::string community(const std::string& slug, const std::string& column) {
        return test::query_text(workspace, "SELECT coalesce(" + column + ", '') FROM plan_communities WHERE slug = '" +
                                               slug + "'");
    }
};

}  // namespace

TEST(MappingRules, MergeSeveralContainersIntoOneCommunity) {
    Intranet w;
    const auto news = w.add("category:news");
    const auto announcement = w.add("category:announcements");
    w.plan("<communities><community slug=\"updates\" name=\"Updates\"><description>All news</description>"
           "<from container=\"category:news\"/><from path=\"Announcements\"/></community></communities>\n");
    EXPECT_EQ(w.where(news), "updates");
    EXPECT_EQ(w.where(announcement), "updates");
    EXPECT_EQ(w.community("updates", "name"), "Updates");
    EXPECT_EQ(w.community("updates", "description"), "All news");
}

TEST(MappingRules, ARuleOnASubTreeSplitsItOffItsParent) {
    Intranet w;
    const auto hr = w.add("category:hr");
    const auto benefits = w.add("category:benefits");
    w.plan("<communities><community slug=\"benefits-team\"><from path=\"HR/Benefits\"/></community>"
           "</communities>\n");
    EXPECT_EQ(w.where(hr), "hr");
    EXPECT_EQ(w.where(benefits), "benefits-team");
    EXPECT_EQ(w.community("benefits-team", "name"), "Benefits");  // the container's name when none is given
}

TEST(MappingRules, GlobRegexAndSourceSelectors) {
    Intranet w;
    const auto hr = w.add("category:benefits");
    const auto it = w.add("category:it");
    const auto news = w.add("category:news");
    w.plan("<communities>\n"
           "<community slug=\"people\"><from glob=\"H*\" source=\"Acme\"/></community>\n"
           "<community slug=\"tech\"><from regex=\"I.\"/></community>\n"
           "<community slug=\"elsewhere\"><from path=\"News\" source=\"wxr\"/></community>\n"
           "</communities>\n");
    EXPECT_EQ(w.where(hr), "people");  // glob over "HR/Benefits": * crosses the slash
    EXPECT_EQ(w.where(it), "tech");
    EXPECT_EQ(w.where(news), "news");  // the source is of kind test, not wxr: the default applies
}

TEST(MappingRules, ExcludedContainersTakeTheirContentAndItsCommentsOut) {
    Intranet w;
    const auto post = w.add("category:it");
    const auto comment = w.add("", "2026-01-02", "comment", "approved", post);
    w.plan("<communities>\n\n<exclude container=\"category:it\"/></communities>\n");
    EXPECT_EQ(w.where(post), "-: in IT, which the mapping excludes (line 4)");
    EXPECT_EQ(w.where(comment), "-: belongs to " + post + ", which is not migrated");
}

TEST(MappingRules, DeclaredSlugsAreKeptAndOthersMakeWay) {
    Intranet w;
    const auto hr = w.add("category:hr");
    const auto it = w.add("category:it");
    w.plan("<communities><community slug=\"hr\"><from container=\"category:it\"/></community></communities>\n");
    EXPECT_EQ(w.where(it), "hr");
    EXPECT_EQ(w.where(hr), "hr-2");
}

TEST(MappingRules, TheSiteDefaultGathersEverythingWithoutARule) {
    Intranet w;
    const auto hr = w.add("category:hr");
    const auto it = w.add("category:it");
    w.plan("<communities default=\"site\"><community slug=\"it\"><from path=\"IT\"/></community></communities>\n");
    EXPECT_EQ(w.where(hr), "acme");
    EXPECT_EQ(w.where(it), "it");
}

TEST(MappingRules, ContentRulesComeBeforeTheBuiltInExclusionsFirstMatchWins) {
    Intranet w;
    const auto old_file = w.add("category:it", "2019-01-01", "attachment", "inherit");
    const auto new_file = w.add("category:it", "2026-01-01", "attachment", "inherit");
    const auto trashed = w.add("category:it", "2026-01-01", "post", "trash");
    const auto draft = w.add("category:it", "2026-01-01", "post", "draft");
    w.plan("<content>\n<include status=\"trash\"/>\n<exclude kind=\"attachment\" older-than-years=\"3\"/>\n"
           "<exclude status=\"draft\"/>\n</content>\n");
    EXPECT_EQ(w.where(old_file), "-: excluded by the mapping (line 4: kind attachment, not edited for over 3 years)");
    EXPECT_EQ(w.where(new_file), "it");
    EXPECT_EQ(w.where(trashed), "it");  // included, although the built-in rules leave the trash out
    EXPECT_EQ(w.where(draft), "-: excluded by the mapping (line 5: status draft)");
}

TEST(MappingRules, StaleContentIsProposedForArchive) {
    Intranet w;
    const auto stale = w.add("category:hr", "2018-06-01");
    const auto fresh = w.add("category:hr", "2025-06-01");
    w.add("category:it", "2026-09-30");  // the newest timestamp: ages are measured from it
    const auto plan = w.plan("<content><archive stale-after-years=\"5\"/></content>\n");
    EXPECT_EQ(w.where(stale), "hr");  // it still migrates: archiving is a proposal
    EXPECT_EQ(test::query_text(w.workspace, "SELECT a.reason FROM plan_archive_proposals a JOIN items i ON i.id = "
                                            "a.item_id WHERE a.plan_run = " + std::to_string(plan) +
                                                " AND i.key = '" + stale + "'"),
              "not edited since 2018-06-01, over 5 years before 2026-09-30: proposed for archive");
    EXPECT_EQ(test::query_int(w.workspace, "SELECT count(*) FROM plan_archive_proposals a JOIN items i ON i.id = "
                                           "a.item_id WHERE i.key = '" + fresh + "'"),
              0);
}

TEST(MappingRules, ABadRegexNamesItsLine) {
    Intranet w;
    w.add("category:hr");
    try {
        (void)w.plan("<communities>\n<community slug=\"x\"><from regex=\"(unclosed\"/></community></communities>\n");
        FAIL() << "accepted";
    } catch (const InputError& error) {
        EXPECT_EQ(error.code(), ExitCode::mapping);
        EXPECT_EQ(error.position().line, 3);
        EXPECT_NE(error.problem().find("not a valid regular expression"), std::string::npos);
    }
}

}  // namespace baton::transform
