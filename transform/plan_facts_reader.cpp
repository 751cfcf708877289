// The plan's second connection: stewardship and placement facts read on a thread of their own.
#include "transform/plan_facts_reader.hpp"

#include <sqlite3.h>

#include <exception>
#include <utility>

#include "core/sqlite.hpp"
#include "transform/mapping/stewardship_plan.hpp"

namespace baton::transform {

PlanFactsReader::PlanFactsReader(sql::Database& planner, std::int64_t plan_run, bool with_stewardship)
    : m_planner(planner),
      m_parallel(planner.in_wal_mode()),
      m_path(planner.path()),
      m_run(plan_run),
      m_with_stewardship(with_stewardship),
      m_stewardship_future(m_stewardship_promise.get_future()),
      m_placement_future(m_placement_promise.get_future()) {
    if (m_parallel) m_thread = std::thread([this] { run(); });
}

PlanFactsReader::~PlanFactsReader() {
    if (!m_thread.joinable()) return;
    {
        const std::lock_guard lock(m_connection_mutex);
        if (m_connection != nullptr) sqlite3_interrupt(m_connection);
    }
    m_thread.join();
}

void PlanFactsReader::run() {
    bool stewardship_set = false;
    try {
        sql::Database db(m_path, sql::OpenMode::read_only);
        // 32 MiB of page cache: these reads go through the revisions and placements once each, in order, so a
        // larger cache would only raise the plan's peak memory (docs/benchmarks.md).
        db.exec("PRAGMA cache_size = -32768");
        {
            const std::lock_guard lock(m_connection_mutex);
            m_connection = db.handle();
        }
        struct Forget {  // the handle is not interrupted once the connection is gone
            PlanFactsReader& reader;
            ~Forget() {
                const std::lock_guard lock(reader.m_connection_mutex);
                reader.m_connection = nullptr;
            }
        } forget{*this};
        m_stewardship_promise.set_value(m_with_stewardship ? mapping::read_stewardship_facts(db, m_run)
                                                           : std::vector<mapping::CommunityCandidates>{});
        stewardship_set = true;
        m_placement_promise.set_value(tasks::read_placement_facts(db, m_run));
    } catch (...) {
        if (!stewardship_set) m_stewardship_promise.set_exception(std::current_exception());
        m_placement_promise.set_exception(std::current_exception());
    }
}

std::vector<mapping::CommunityCandidates> PlanFactsReader::stewardship_facts() {
    if (!m_parallel) return mapping::read_stewardship_facts(m_planner, m_run);
    return m_stewardship_future.get();
}

tasks::PlacementFacts PlanFactsReader::placement_facts() {
    if (!m_parallel) return tasks::read_placement_facts(m_planner, m_run);
    return m_placement_future.get();
}

}  // namespace baton::transform
