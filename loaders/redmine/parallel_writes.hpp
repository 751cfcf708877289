// Runs a batch of object writes on N connections at once (--concurrency), returning outcomes in batch order.
#pragma once

#include <memory>
#include <vector>

#include "loaders/redmine/load_units.hpp"

namespace baton::load::redmine {

class ParallelWrites {
public:
    ParallelWrites(const Endpoint& endpoint, const std::string& api_key, const RetryPolicy& policy, int concurrency,
                   WritePacer& pacer, TrafficCounters& counters);
    [[nodiscard]] std::vector<Outcome> run(const std::vector<Unit>& units);
    [[nodiscard]] RedmineApi& main_api() { return *m_apis.front(); }
    [[nodiscard]] int concurrency() const noexcept { return static_cast<int>(m_apis.size()); }

private:
    std::vector<std::unique_ptr<RedmineClient>> m_clients;
    std::vector<std::unique_ptr<RedmineApi>> m_apis;
};

}  // namespace baton::load::redmine
