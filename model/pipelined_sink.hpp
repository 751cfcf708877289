// A ModelSink that hands objects in batches to another sink on a worker thread (parse and write overlap).
#pragma once

#include <exception>
#include <memory>
#include <thread>
#include <variant>
#include <vector>

#include "core/bounded_queue.hpp"
#include "model/model_sink.hpp"

namespace baton::model {

class PipelinedSink : public ModelSink {
public:
    // `batch_bytes` bounds one batch; at most `depth` batches wait, so memory stays bounded.
    PipelinedSink(ModelSink& downstream, std::size_t batch_bytes = 4U << 20U, std::size_t depth = 4);
    ~PipelinedSink() override;
    PipelinedSink(const PipelinedSink&) = delete;
    PipelinedSink& operator=(const PipelinedSink&) = delete;

    void person(Person person) override;
    void container(Container container) override;
    void item(Item item) override;
    void message(Message message) override;

    // Flushes, waits for the worker and rethrows anything the downstream sink threw.
    void finish();

private:
    using Object = std::variant<Person, Container, Item, Message>;
    void add(Object object, std::size_t bytes);
    void flush();
    void work();
    void rethrow_worker_error();

    ModelSink& m_downstream;
    std::size_t m_batch_bytes;
    std::vector<Object> m_batch;
    std::size_t m_pending_bytes = 0;
    BoundedQueue<std::vector<Object>> m_queue;
    // Written batches come back to be freed where they were allocated: freeing another thread's
    // memory makes glibc's malloc lock that thread's arena, and the two threads then contend.
    BoundedQueue<std::vector<Object>> m_done;
    std::exception_ptr m_worker_error;
    std::thread m_worker;
    bool m_finished = false;
};

}  // namespace baton::model
