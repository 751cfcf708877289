// Batched transactions for a load: the workspace (journal, id map) commits first, then the target.
#include "loaders/common/load_batches.hpp"

#include <atomic>

#include <csignal>
#include <cstdlib>
#include <string>

namespace baton::load {
namespace {

std::int64_t env_number(const char* name, std::int64_t fallback) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') return fallback;
    try {
        return std::stoll(value);
    } catch (const std::exception&) {
        return fallback;
    }
}

}  // namespace

void test_kill_point() {
    static const std::int64_t kill_after = env_number("BATON_TEST_KILL_AFTER", 0);
    static std::atomic<std::int64_t> calls{0};  // the Redmine target's parallel writes call it from several threads
    if (kill_after > 0 && ++calls == kill_after) std::raise(SIGKILL);
}

LoadBatches::LoadBatches(sql::Database& workspace, sql::Database* target, const LoadOptions& options,
                         LoadRecorder* recorder)
    : m_workspace(workspace),
      m_target(target),
      m_recorder(recorder),
      m_dry_run(options.dry_run),
      m_batch_size(env_number("BATON_TEST_LOAD_BATCH", 5000)),
      m_pacer(options.rate) {
    if (m_batch_size < 1) m_batch_size = 1;
    if (!m_dry_run && m_workspace.in_wal_mode()) m_workspace_log.emplace(m_workspace);
    if (!m_dry_run && m_target != nullptr && m_target->in_wal_mode()) {
        m_target_log.emplace(*m_target, sql::Role::target);
    }
    begin();
}

LoadBatches::~LoadBatches() {
    if (!m_open) return;
    // An exception is on its way: the open batch is rolled back on both sides; earlier batches stay.
    try {
        if (m_target != nullptr) m_target->exec("ROLLBACK");
        if (!m_dry_run) m_workspace.exec("ROLLBACK");
    } catch (...) {  // NOLINT(bugprone-empty-catch): the transaction may already be gone with the error
    }
}

void LoadBatches::begin() {
    if (!m_dry_run) m_workspace.exec("BEGIN IMMEDIATE");
    if (m_target != nullptr) m_target->exec("BEGIN IMMEDIATE");
    m_open = true;
    m_in_batch = 0;
    m_batch_start = std::chrono::steady_clock::now();
}

void LoadBatches::commit() {
    if (m_recorder != nullptr) m_recorder->flush();
    if (!m_dry_run) m_workspace.exec("COMMIT");
    test_kill_point();
    if (m_target != nullptr) m_target->exec(m_dry_run ? "ROLLBACK" : "COMMIT");
    m_open = false;
    if (m_workspace_log) m_workspace_log->bound_log(log_bound_bytes);
    if (m_target_log) m_target_log->bound_log(log_bound_bytes);
}

void LoadBatches::after_write() {
    ++m_writes;
    test_kill_point();
    // A dry run keeps one transaction to roll back at the end.
    if (m_dry_run || ++m_in_batch < m_batch_size) {
        if (m_dry_run || (m_in_batch & 255) != 0) return;
        if (std::chrono::steady_clock::now() - m_batch_start < std::chrono::seconds(1)) return;
    }
    commit();
    begin();
}

void LoadBatches::finish() {
    if (m_open) commit();
}

}  // namespace baton::load
