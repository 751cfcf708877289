// Copies a workspace's write-ahead log into the database on a thread of its own while a bulk writer runs.
#include "workspace/background_checkpointer.hpp"

#include <pthread.h>

#include "workspace/workspace.hpp"

namespace baton::workspace {

BackgroundCheckpointer::BackgroundCheckpointer(Workspace& workspace, std::chrono::milliseconds interval)
    : m_workspace(workspace),
      m_interval(interval),
      m_connection(workspace.path(), sql::OpenMode::read_write) {
    m_connection.exec("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000");
    m_workspace.db().exec("PRAGMA wal_autocheckpoint = 0");
    m_thread = std::thread([this] { run(); });
}

BackgroundCheckpointer::~BackgroundCheckpointer() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable()) m_thread.join();
    try {
        m_workspace.db().exec("PRAGMA wal_autocheckpoint = 1000");  // SQLite's default, for what follows
    } catch (...) {
        // A destructor must not throw; the next connection starts with the default anyway.
    }
}

void BackgroundCheckpointer::run() {
    pthread_setname_np(pthread_self(), "baton-checkpoint");
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_wake.wait_for(lock, m_interval, [this] { return m_stop; });
        lock.unlock();
        checkpoint();
        lock.lock();
    }
}

void BackgroundCheckpointer::checkpoint() {
    // PASSIVE copies what committed transactions wrote, without waiting for the writer or blocking it. (The
    // log starts over only when the writer itself checkpoints between two transactions: WorkspaceWriter
    // does that every few commits, cheaply, since little is left to copy.)
    try {
        m_connection.exec("PRAGMA wal_checkpoint(PASSIVE)");
        ++m_checkpoints;
    } catch (const std::exception&) {
        // Busy or failed: the next round, or the writer's own checkpoint at its close, copies the rest.
    }
}

}  // namespace baton::workspace
