// `baton plan`: choose communities, owners and managers (built-in rules or a mapping file); store the plan.
#include <fstream>
#include <iostream>
#include <optional>

#include "apps/command.hpp"
#include "core/error.hpp"
#include "core/text.hpp"
#include "loaders/outputs/html_report.hpp"
#include "transform/built_in_planner.hpp"
#include "transform/mapping/mapping_reader.hpp"
#include "transform/plan_diff.hpp"
#include "transform/plan_json.hpp"

namespace baton::app {

int run_plan(const Arguments& arguments) {
    po::options_description options("Options");
    add_common_options(options);
    options.add_options()("managers", po::value<int>()->default_value(2), "managers per community besides the owner")(
        "mapping", po::value<std::string>(), "plan with a mapping file (docs/mapping-format.md)")(
        "json", "print the plan as JSON instead of the summary")(
        "diff", po::value<std::string>(), "compare with an earlier plan: its run id, or `previous`")(
        "report", po::value<std::string>(), "also write the plan's HTML report (as `baton report`) to this file");
    const auto values = parse_command_line(
        "plan", "[--mapping FILE] [--json] [--diff RUN|previous] [--report FILE.html] [--workspace FILE]",
        "Writes a plan into the workspace and nothing anywhere else: one community per top-level category\n"
        "(a site community for content without one), the author of the most items in it as owner, the next\n"
        "ones as managers, each with the reason in words, and an onboarding task list for each of them.\n"
        "With --mapping, the mapping file's stewardship rules score everyone's contributions and choose.",
        options, {}, arguments);
    if (!values) return 0;
    transform::BuiltInRules rules;
    rules.managers_per_community = (*values)["managers"].as<int>();
    if (rules.managers_per_community < 0 || rules.managers_per_community > 20) {
        throw UsageError("--managers must be between 0 and 20");
    }
    std::optional<transform::mapping::Mapping> mapping;
    if (values->count("mapping") != 0) {
        if (!(*values)["managers"].defaulted()) {
            throw UsageError("--managers does not apply with --mapping",
                             "set <roles managers=\"N\"/> in the mapping's <stewardship>");
        }
        mapping = transform::mapping::read_mapping((*values)["mapping"].as<std::string>());  // before any run
        rules.mapping = &*mapping;
    }
    workspace::Workspace workspace(workspace_path(*values), workspace::Access::existing);
    if (workspace.sources().empty()) {
        throw PreconditionError("the workspace has no sources to plan", "run `baton extract KIND:PATH` first");
    }
    // The plan to compare with is settled before planning, so that a wrong one changes nothing.
    std::int64_t previous = 0;
    if (values->count("diff") != 0) {
        const std::string wanted = (*values)["diff"].as<std::string>();
        if (wanted == "previous") {
            previous = transform::latest_plan_run(workspace);
            if (previous == 0) {
                throw PreconditionError("there is no earlier plan to compare with", "run `baton plan` once first");
            }
        } else {
            try {
                std::size_t used = 0;
                previous = std::stoll(wanted, &used);
                if (used != wanted.size()) throw std::invalid_argument(wanted);
            } catch (const std::logic_error&) {
                throw UsageError("--diff takes a plan's run id or `previous`, not \"" + wanted + "\"");
            }
            if (workspace.db().query_int("SELECT count(*) FROM plans p JOIN runs r ON r.id = p.run_id WHERE "
                                         "r.outcome = 'succeeded' AND p.run_id = " + std::to_string(previous)) == 0) {
                throw UsageError("run " + std::to_string(previous) + " is not a plan of this workspace",
                                 "`baton status` lists the runs");
            }
        }
    }
    transform::PlanSummary summary;
    workspace::recorded_run(workspace, "plan", options_text(arguments), [&](std::int64_t run_id) {
        summary = transform::plan_with_built_in_rules(workspace, run_id, rules);
        return workspace::RunOutcome::succeeded;
    }, mapping ? mapping->sha256 : std::string());
    if (values->count("report") != 0) {  // after the plan's run is recorded, so the report lists it
        const std::string report = (*values)["report"].as<std::string>();
        std::ofstream file(report, std::ios::binary | std::ios::trunc);
        file << load::render_html_report(workspace);
        if (!file) throw OutputError("cannot write " + report);
    }
    std::optional<transform::PlanDiff> diff;
    if (previous != 0) diff = transform::diff_plans(workspace, previous, summary.run_id);
    if (values->count("json") != 0) {
        std::cout << transform::plan_to_json(workspace, summary.run_id, diff ? &*diff : nullptr);
        return 0;
    }
    std::cout << "plan (run " << summary.run_id << "): " << transform::describe_summary(summary) << '\n';
    for (const auto& community : transform::read_communities(workspace, summary.run_id)) {
        std::cout << "  " << community.name << " (" << text::counted(community.migrated_items, "item") << ", "
                  << text::counted(community.migrated_comments, "comment") << "): ";
        if (community.roles.empty()) std::cout << "no eligible owner";
        bool first = true;
        for (const auto& role : community.roles) {
            std::cout << (first ? "" : ", ") << role.role << ' ' << role.display_name;
            first = false;
        }
        std::cout << '\n';
    }
    if (summary.communities_without_owner > 0) {
        std::cout << "warning: " << text::counted(summary.communities_without_owner, "community", "communities")
                  << " without an eligible owner; the report lists them\n";
    }
    auto decisions = workspace.db().prepare(
        "SELECT count(*), coalesce(sum(outcome = 'ignored'), 0) FROM plan_decisions WHERE plan_run = ?");
    decisions.bind(1, summary.run_id);
    if (decisions.step() && decisions.column_int(0) > 0) {
        std::cout << "owner decisions: " << decisions.column_int(0) << " counted, " << decisions.column_int(1)
                  << " ignored (see --json or the report)\n";
    }
    if (diff) {
        const auto lines = transform::describe_diff(*diff);
        std::cout << "changes since plan " << previous << (lines.empty() ? ": none" : ":") << '\n';
        for (const auto& line : lines) std::cout << "  " << line << '\n';
    }
    if (mapping) {
        auto messages = workspace.db().prepare(
            "SELECT code, count(*) FROM messages WHERE run_id = ? GROUP BY code ORDER BY code");
        messages.bind(1, summary.run_id);
        while (messages.step()) {
            std::cout << "warning: " << messages.column_int(1) << " x " << messages.column_text(0) << '\n';
        }
    }
    return 0;
}

}  // namespace baton::app
