// A ModelSink that hands objects in batches to another sink on a worker thread (parse and write overlap).
#include "model/pipelined_sink.hpp"

#include <pthread.h>

#include <algorithm>

#include "model/model_codec.hpp"

namespace baton::model {

PipelinedSink::PipelinedSink(ModelSink& downstream, std::size_t batch_bytes, std::size_t depth)
    : m_downstream(downstream),
      m_batch_bytes(batch_bytes),
      m_threshold(std::min<std::size_t>(batch_bytes, 32U * 1024U)),
      m_queue(depth),
      m_empty(depth + 2),
      m_worker([this] { work(); }) {
    m_batch.reserve(m_batch_bytes + m_batch_bytes / 4);
}

PipelinedSink::~PipelinedSink() {
    m_queue.close();
    if (m_worker.joinable()) m_worker.join();
}

void PipelinedSink::person(Person person) {
    encode(person, m_batch);
    added();
}

void PipelinedSink::container(Container container) {
    encode(container, m_batch);
    added();
}

void PipelinedSink::item(Item item) {
    // The parser's thread has time to spare; the writer's has not.
    if (item.fingerprint.empty()) item.fingerprint = fingerprint(item);
    encode(item, m_batch);
    added();
}

void PipelinedSink::message(Message message) {
    encode(message, m_batch);
    added();
}

void PipelinedSink::revision_text(RevisionText text) {
    encode(text, m_batch);
    added();
}

void PipelinedSink::added() {
    if (m_batch.size() >= m_threshold) flush();
}

void PipelinedSink::flush() {
    if (m_batch.empty()) return;
    // The first batches are small, so the worker starts early; then they double up to batch_bytes.
    m_threshold = std::min(m_threshold * 2, m_batch_bytes);
    if (!m_queue.push(std::move(m_batch))) rethrow_worker_error();
    if (auto reused = m_empty.try_pop()) {
        m_batch = std::move(*reused);
    } else {
        m_batch = std::string();
        m_batch.reserve(m_batch_bytes + m_batch_bytes / 4);
    }
}

void PipelinedSink::work() {
    pthread_setname_np(pthread_self(), "baton-writer");  // shows in top and profilers
    try {
        while (auto batch = m_queue.pop()) {
            decode_into(*batch, m_downstream);
            // A batch that grew far past its size for one huge object is not kept for reuse.
            if (batch->capacity() > 2 * m_batch_bytes) continue;
            batch->clear();
            (void)m_empty.try_push(std::move(*batch));
        }
    } catch (...) {
        m_worker_error = std::current_exception();
        m_queue.close();  // unblocks the producer, whose next push then rethrows
    }
}

void PipelinedSink::rethrow_worker_error() {
    if (m_worker.joinable()) m_worker.join();
    if (m_worker_error) std::rethrow_exception(m_worker_error);
}

void PipelinedSink::finish() {
    if (m_finished) return;
    m_finished = true;
    flush();
    m_queue.close();
    if (m_worker.joinable()) m_worker.join();
    if (m_worker_error) std::rethrow_exception(m_worker_error);
}

}  // namespace baton::model
