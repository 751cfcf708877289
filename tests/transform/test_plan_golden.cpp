// Golden plans: fixture -> plan (built-in rules, then a mapping with all the defaults) as stable text, compared with
// tests/golden/plan/*.plan (reviewed by eye). BATON_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"
#include "transform/mapping/mapping_reader.hpp"

namespace baton::test {
namespace {

std::string number(double value) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.4f", value);
    return buffer;
}

// The plan of run `plan_run` as text: summary, communities with roles and candidates, placements by item key,
// archive proposals and messages. Only what the rules decide: no ids, no times.
std::string dump_plan(workspace::Workspace& workspace, std::int64_t plan_run) {
    auto& db = workspace.db();
    const std::string run = std::to_string(plan_run);
    std::string out = "rules: " + query_text(workspace, "SELECT rules FROM plans WHERE run_id = " + run) + "\n";
    out += "summary: " + query_text(workspace, "SELECT summary FROM plans WHERE run_id = " + run) + "\n";
    for (const auto& community : transform::read_communities(workspace, plan_run)) {
        out += "community " + community.slug + " \"" + community.name + "\": " +
               std::to_string(community.migrated_items) + " items, " + std::to_string(community.migrated_comments) +
               " comments\n";
        for (const auto& role : community.roles) {
            out += "  " + role.role + " " + role.person_key + " (rank " + std::to_string(role.rank) + ", score " +
                   number(role.score) + "): " + role.reason + "\n";
        }
        auto candidates = db.prepare(
            "SELECT p.key, k.rank, k.score, k.outcome, k.reason FROM plan_candidates k JOIN people p ON "
            "p.id = k.person_id WHERE k.community_id = ? AND k.outcome NOT IN ('owner', 'manager') ORDER BY k.rank");
        candidates.bind(1, community.id);
        while (candidates.step()) {
            out += "  " + candidates.column_text(3) + " " + candidates.column_text(0) + " (rank " +
                   std::to_string(candidates.column_int(1)) + ", score " + number(candidates.column_double(2)) +
                   "): " + candidates.column_text(4) + "\n";
        }
    }
    auto placements = db.prepare(
        "SELECT i.key, p.action, coalesce(c.slug, ''), p.reason, (SELECT a.reason FROM plan_archive_proposals a WHERE "
        "a.plan_run = p.plan_run AND a.item_id = p.item_id) FROM plan_placements p JOIN items i ON i.id = p.item_id "
        "LEFT JOIN plan_communities c ON c.id = p.community_id WHERE p.plan_run = ? ORDER BY i.source_id, i.key");
    placements.bind(1, plan_run);
    while (placements.step()) {
        out += "item " + placements.column_text(0) + ": " +
               (placements.column_text(1) == "migrate" ? "-> " + placements.column_text(2)
                                                       : "excluded: " + placements.column_text(3));
        if (!placements.column_text(4).empty()) out += "; archive: " + placements.column_text(4);
        out += "\n";
    }
    auto messages = db.prepare("SELECT code, text FROM messages WHERE run_id = ? ORDER BY id");
    messages.bind(1, plan_run);
    while (messages.step()) out += "message " + messages.column_text(0) + ": " + messages.column_text(1) + "\n";
    return out;
}

std::int64_t plan(workspace::Workspace& workspace, const transform::BuiltInRules& rules) {
    std::int64_t plan_run = 0;
    workspace::recorded_run(workspace, "plan", "", [&](std::int64_t run_id) {
        plan_run = transform::plan_with_built_in_rules(workspace, run_id, rules).run_id;
        return workspace::RunOutcome::succeeded;
    });
    return plan_run;
}

struct GoldenCase {
    const char* name;  // the golden file's name, without .plan
    const char* kind;
    const char* fixture;  // relative to ../shared/fixtures
};

// Both plans of one fixture, with the paths that depend on the checkout replaced.
std::string plans_of(const GoldenCase& golden) {
    TempDir dir;
    workspace::Workspace workspace(dir.file("w.db"), workspace::Access::create);
    extract_source(workspace, golden.kind, fixture(golden.fixture));
    std::string text = "# baton plan dump of " + std::string(golden.kind) + ":<fixtures>/" + golden.fixture + "\n";
    text += "## built-in rules\n" + dump_plan(workspace, plan(workspace, {}));
    write_file(dir.file("defaults.xml"), "<mapping version=\"1\"/>\n");
    const auto mapping = transform::mapping::read_mapping(dir.file("defaults.xml"));
    transform::BuiltInRules rules;
    rules.mapping = &mapping;
    text += "## a mapping with all the defaults\n" + dump_plan(workspace, plan(workspace, rules));
    const std::string temporary = dir.path();
    for (auto at = text.find(temporary); at != std::string::npos; at = text.find(temporary)) {
        text.replace(at, temporary.size(), "<tmp>");
    }
    return text;
}

class PlanGolden : public ::testing::TestWithParam<GoldenCase> {};

}  // namespace

TEST_P(PlanGolden, PlanMatchesTheReviewedFile) {
    const GoldenCase& golden = GetParam();
    const std::string file = source_file("tests/golden/plan/" + std::string(golden.name) + ".plan");
    const std::string actual = plans_of(golden);
    if (std::getenv("BATON_UPDATE_GOLDEN") != nullptr) {
        write_file(file, actual);
        GTEST_SUCCEED() << "rewrote " << file;
        return;
    }
    const std::string expected = read_file(file);
    ASSERT_FALSE(expected.empty()) << file << " is missing; run with BATON_UPDATE_GOLDEN=1 and review it";
    EXPECT_EQ(actual, expected) << "the plan of " << golden.fixture << " differs from " << file;
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, PlanGolden,
    ::testing::Values(GoldenCase{"wxr-theme-unit-test-data", "wxr", "wordpress-wxr/theme-unit-test-data.xml"},
                      GoldenCase{"wxr-small-export", "wxr", "wordpress-wxr/small-export.xml"},
                      GoldenCase{"mediawiki-article-pyrus", "mediawiki", "mediawiki-xml/article-pyrus.xml"},
                      GoldenCase{"mediawiki-pair-0.10", "mediawiki", "mediawiki-xml/pair-0.10.xml"},
                      GoldenCase{"dokuwiki-data", "dokuwiki", "dokuwiki/data"}),
    [](const auto& param_info) {
        std::string name = param_info.param.name;
        for (char& c : name) {
            if (c == '-' || c == '.') c = '_';
        }
        return name;
    });

}  // namespace baton::test
