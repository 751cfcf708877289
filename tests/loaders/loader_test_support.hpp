// A workspace with an extracted fixture and a stored built-in plan, for the loader and output tests.
#pragma once

#include "support/test_support.hpp"
#include "transform/built_in_planner.hpp"

namespace baton::test {

struct PlannedWorkspace {
    explicit PlannedWorkspace(const std::string& wxr_path) {
        extract_wxr(workspace, wxr_path);
        replan();
    }
    void replan() {
        workspace::recorded_run(workspace, "plan", "", [&](std::int64_t run) {
            plan_run = transform::plan_with_built_in_rules(workspace, run).run_id;
            return workspace::RunOutcome::succeeded;
        });
        auto check = workspace.db().prepare("PRAGMA foreign_key_check");
        EXPECT_FALSE(check.step()) << "a dangling reference in table " << check.column_text(0);
    }
    TempDir dir;
    workspace::Workspace workspace{dir.file("w.db"), workspace::Access::create};
    std::int64_t plan_run = 0;
};

}  // namespace baton::test
