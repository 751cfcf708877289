// Copies a database's write-ahead log into the database on a thread of its own while one connection writes.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "core/sqlite.hpp"

namespace baton::sql {

// While it lives, the writer's connection does not checkpoint (wal_autocheckpoint 0): a second connection does,
// every `interval`, with PRAGMA wal_checkpoint(PASSIVE). The writer then seldom waits for the disk's fsyncs of a
// checkpoint, and durability stays that of WAL with synchronous NORMAL (the checkpointer's connection syncs as
// the writer's would). A busy writer never leaves the log idle long enough for this connection to start it over:
// the writer calls bound_log() between its transactions to keep it bounded. On destruction the thread stops and
// the writer's connection checkpoints by itself again (and copies what is left when it closes).
class BackgroundCheckpointer {
public:
    // `writer` must be in WAL mode; `role` says which errors opening the second connection raises.
    explicit BackgroundCheckpointer(Database& writer, Role role = Role::workspace,
                                    std::chrono::milliseconds interval = std::chrono::milliseconds(50));
    ~BackgroundCheckpointer();
    BackgroundCheckpointer(const BackgroundCheckpointer&) = delete;
    BackgroundCheckpointer& operator=(const BackgroundCheckpointer&) = delete;

    // Between two of the writer's transactions, on its thread: once the log has grown past `max_bytes` (as the
    // last checkpoint found it), copies what is left of it and has the next transaction write it from its start.
    // Cheap when this thread kept up: little is left to copy. Does nothing while a statement of the writer's
    // connection is still reading (a reader keeps the log from starting over anyway); a later call does it.
    void bound_log(std::int64_t max_bytes);

    [[nodiscard]] int checkpoints() const noexcept { return m_checkpoints; }
    [[nodiscard]] int restarts() const noexcept { return m_restarts; }

private:
    void run();
    void checkpoint();

    Database& m_writer;
    std::chrono::milliseconds m_interval;
    Database m_connection;
    std::int64_t m_page_size;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::atomic<int> m_checkpoints = 0;
    std::atomic<std::int64_t> m_log_pages = 0;  // in the log at the last checkpoint
    int m_restarts = 0;
    std::thread m_thread;
};

}  // namespace baton::sql
