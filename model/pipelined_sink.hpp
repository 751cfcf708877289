// A ModelSink that hands objects in batches to another sink on a worker thread (parse and write overlap).
#pragma once

#include <exception>
#include <string>
#include <thread>

#include "core/bounded_queue.hpp"
#include "model/model_sink.hpp"

namespace baton::model {

// Objects are encoded into one byte buffer per batch (model_codec.hpp): the hand-over costs one
// buffer, not an allocation per string, and the bytes waiting are exactly what is queued.
// Buffers come back empty to be refilled, so a long run allocates next to nothing here.
class PipelinedSink : public ModelSink {
public:
    // At most `depth` batches of about `batch_bytes` wait for the worker, so memory stays bounded.
    PipelinedSink(ModelSink& downstream, std::size_t batch_bytes = 1U << 20U, std::size_t depth = 4);
    ~PipelinedSink() override;
    PipelinedSink(const PipelinedSink&) = delete;
    PipelinedSink& operator=(const PipelinedSink&) = delete;

    void person(Person person) override;
    void container(Container container) override;
    void item(Item item) override;
    void message(Message message) override;
    void revision_text(RevisionText text) override;

    // Flushes, waits for the worker and rethrows anything the downstream sink threw.
    void finish();

private:
    void added();
    void flush();
    void work();
    void rethrow_worker_error();

    ModelSink& m_downstream;
    std::size_t m_batch_bytes;
    std::size_t m_threshold;  // the size at which the batch being filled is handed over
    std::string m_batch;
    BoundedQueue<std::string> m_queue;
    BoundedQueue<std::string> m_empty;  // written buffers, back for reuse
    std::exception_ptr m_worker_error;
    std::thread m_worker;
    bool m_finished = false;
};

}  // namespace baton::model
