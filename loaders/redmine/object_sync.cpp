// The find-then-create-or-update step every Redmine object goes through, with delta, conflict and retry rules.
#include "loaders/redmine/object_sync.hpp"

#include <chrono>
#include <random>
#include <thread>

namespace baton::load::redmine {

Outcome run_with_retries(const SyncContext& context, const std::function<Outcome()>& attempt) {
    thread_local std::mt19937 random(std::random_device{}());
    for (int round = 1;; ++round) {
        try {
            return attempt();
        } catch (const TransientError& error) {
            if (round >= context.max_attempts) return make_outcome(Action::failed, "", "", error.what());
            const double delay = 0.2 * (1 << std::min(round, 6)) * std::uniform_real_distribution<double>(0.5, 1.0)(random);
            std::this_thread::sleep_for(std::chrono::duration<double>(delay));
        } catch (const RefusedError& error) {
            return make_outcome(Action::failed, "", "", error.what());
        } catch (const std::exception& error) {
            return make_outcome(Action::failed, "", "", error.what());
        }
    }
}

}  // namespace baton::load::redmine
