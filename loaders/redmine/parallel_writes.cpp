// Runs a batch of object writes on N connections at once (--concurrency), returning outcomes in batch order.
#include "loaders/redmine/parallel_writes.hpp"

#include <algorithm>
#include <atomic>
#include <thread>

#include "loaders/common/load_batches.hpp"

namespace baton::load::redmine {
namespace {

Outcome run_unit(const Unit& unit, RedmineApi& api) {
    try {
        Outcome outcome = unit.write(api, unit);
        test_kill_point();  // written to Redmine, not yet recorded in the workspace
        return outcome;
    } catch (const std::exception& error) {
        return make_outcome(Action::failed, "", "", error.what());
    }
}

}  // namespace

ParallelWrites::ParallelWrites(const Endpoint& endpoint, const std::string& api_key, const RetryPolicy& policy,
                               int concurrency, WritePacer& pacer, TrafficCounters& counters) {
    for (int i = 0; i < std::max(1, concurrency); ++i) {
        m_clients.push_back(std::make_unique<RedmineClient>(endpoint, api_key, policy, pacer, counters));
        m_apis.push_back(std::make_unique<RedmineApi>(*m_clients.back()));
    }
}

std::vector<Outcome> ParallelWrites::run(const std::vector<Unit>& units) {
    std::vector<Outcome> outcomes(units.size());
    const std::size_t workers = std::min(m_apis.size(), units.size());
    if (workers <= 1) {
        for (std::size_t i = 0; i < units.size(); ++i) outcomes[i] = run_unit(units[i], *m_apis.front());
        return outcomes;
    }
    std::atomic<std::size_t> next{0};
    std::vector<std::jthread> threads;
    for (std::size_t w = 0; w < workers; ++w) {
        threads.emplace_back([&, w] {
            for (std::size_t i = next++; i < units.size(); i = next++) outcomes[i] = run_unit(units[i], *m_apis[w]);
        });
    }
    threads.clear();  // joins
    return outcomes;
}

}  // namespace baton::load::redmine
