// A second, read-only connection that reads a committed plan's facts while the roles are chosen on the first.
#pragma once

#include <cstdint>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/sqlite.hpp"
#include "transform/mapping/stewardship.hpp"
#include "transform/tasks/task_facts.hpp"

struct sqlite3;

namespace baton::transform {

// `baton plan` commits its communities and placements first; then this thread reads, on its own connection,
// the stewardship facts (when `with_stewardship`, for a mapping) and the onboarding tasks' placement facts,
// while the planner's connection matches the directory and chooses and writes the roles: two cores instead of
// one for the longest part of a plan. Errors (and an interrupted run) reach the caller from the getters. A
// workspace not in WAL mode (one still in its first extract's bulk load) lets no reader in beside a writer's
// commit: the getters then read on `planner` itself.
class PlanFactsReader {
public:
    PlanFactsReader(sql::Database& planner, std::int64_t plan_run, bool with_stewardship);
    ~PlanFactsReader();  // stops a read still running and waits for the thread
    PlanFactsReader(const PlanFactsReader&) = delete;
    PlanFactsReader& operator=(const PlanFactsReader&) = delete;

    // Each blocks until its facts are read, and may be called once.
    [[nodiscard]] std::vector<mapping::CommunityCandidates> stewardship_facts();
    [[nodiscard]] tasks::PlacementFacts placement_facts();

private:
    void run();

    sql::Database& m_planner;
    bool m_parallel;
    std::string m_path;
    std::int64_t m_run;
    bool m_with_stewardship;
    std::promise<std::vector<mapping::CommunityCandidates>> m_stewardship_promise;
    std::promise<tasks::PlacementFacts> m_placement_promise;
    std::future<std::vector<mapping::CommunityCandidates>> m_stewardship_future;
    std::future<tasks::PlacementFacts> m_placement_future;
    std::mutex m_connection_mutex;
    sqlite3* m_connection = nullptr;  // while the thread reads: what the destructor interrupts
    std::thread m_thread;
};

}  // namespace baton::transform
