// Copies a database's write-ahead log into the database on a thread of its own while one connection writes.
#include "core/background_checkpointer.hpp"

#include <pthread.h>

namespace baton::sql {

BackgroundCheckpointer::BackgroundCheckpointer(Database& writer, Role role, std::chrono::milliseconds interval)
    : m_writer(writer),
      m_interval(interval),
      m_connection(writer.path(), OpenMode::read_write, role),
      m_page_size(writer.query_int("PRAGMA page_size", 4096)) {
    m_connection.exec("PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000");
    m_writer.exec("PRAGMA wal_autocheckpoint = 0");
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
        m_writer.exec("PRAGMA wal_autocheckpoint = 1000");  // SQLite's default, for what follows
    } catch (...) {
        // A destructor must not throw; the next connection starts with the default anyway.
    }
}

void BackgroundCheckpointer::run() {
    pthread_setname_np(pthread_self(), "baton-wal");  // at most 15 characters, or the name is not set
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        m_wake.wait_for(lock, m_interval, [this] { return m_stop; });
        lock.unlock();
        checkpoint();
        lock.lock();
    }
}

void BackgroundCheckpointer::checkpoint() {
    // PASSIVE copies what committed transactions wrote, without waiting for the writer or blocking it.
    try {
        auto result = m_connection.prepare("PRAGMA wal_checkpoint(PASSIVE)");
        if (result.step()) m_log_pages = result.column_int(1);  // busy, pages in the log, pages copied
        ++m_checkpoints;
    } catch (const std::exception&) {
        // Busy or failed: the next round, or the writer's own checkpoint at its close, copies the rest.
    }
}

void BackgroundCheckpointer::bound_log(std::int64_t max_bytes) {
    if (m_log_pages * m_page_size <= max_bytes) return;
    // RESTART waits (busy timeout) for a checkpoint under way and for readers of the log's end. It cannot run
    // while a statement of the writer's connection is still reading (SQLITE_LOCKED): then the next call tries.
    try {
        m_writer.exec("PRAGMA wal_checkpoint(RESTART)");
    } catch (const std::exception&) {
        return;
    }
    m_log_pages = 0;
    ++m_restarts;
}

}  // namespace baton::sql
