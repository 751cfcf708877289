// Copies a workspace's write-ahead log into the database on a thread of its own while a bulk writer runs.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "core/sqlite.hpp"

namespace baton::workspace {

class Workspace;

// While it lives, the workspace's own connection does not checkpoint (wal_autocheckpoint 0): a second
// connection does, every `interval`, with PRAGMA wal_checkpoint(PASSIVE). The writer then seldom waits for the
// disk's fsyncs of a checkpoint, and durability stays that of WAL with synchronous NORMAL (the checkpointer's
// connection syncs as the writer's would). On destruction the thread stops, one last
// checkpoint runs, and the workspace's connection checkpoints by itself again.
class BackgroundCheckpointer {
public:
    explicit BackgroundCheckpointer(Workspace& workspace,
                                    std::chrono::milliseconds interval = std::chrono::milliseconds(50));
    ~BackgroundCheckpointer();
    BackgroundCheckpointer(const BackgroundCheckpointer&) = delete;
    BackgroundCheckpointer& operator=(const BackgroundCheckpointer&) = delete;

    [[nodiscard]] int checkpoints() const noexcept { return m_checkpoints; }  // after destruction started: final

private:
    void run();
    void checkpoint();

    Workspace& m_workspace;
    std::chrono::milliseconds m_interval;
    sql::Database m_connection;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    int m_checkpoints = 0;
    std::thread m_thread;
};

}  // namespace baton::workspace
