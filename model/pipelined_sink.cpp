// A ModelSink that hands objects in batches to another sink on a worker thread (parse and write overlap).
#include "model/pipelined_sink.hpp"

#include <pthread.h>

namespace baton::model {

PipelinedSink::PipelinedSink(ModelSink& downstream, std::size_t batch_bytes, std::size_t depth)
    : m_downstream(downstream),
      m_batch_bytes(batch_bytes),
      m_queue(depth),
      m_done(depth + 2),
      m_worker([this] { work(); }) {}

PipelinedSink::~PipelinedSink() {
    m_queue.close();
    if (m_worker.joinable()) m_worker.join();
}

void PipelinedSink::person(Person person) {
    const std::size_t bytes = sizeof(Person) + person.key.size() + person.display_name.size();
    add(std::move(person), bytes);
}

void PipelinedSink::container(Container container) {
    const std::size_t bytes = sizeof(Container) + container.name.size() + container.description.size();
    add(std::move(container), bytes);
}

void PipelinedSink::item(Item item) {
    std::size_t bytes = sizeof(Item) + item.body.text.size() + item.title.size();
    for (const auto& [name, value] : item.attributes) bytes += name.size() + value.size();
    add(std::move(item), bytes);
}

void PipelinedSink::message(Message message) {
    const std::size_t bytes = sizeof(Message) + message.text.size();
    add(std::move(message), bytes);
}

void PipelinedSink::add(Object object, std::size_t bytes) {
    m_batch.push_back(std::move(object));
    m_pending_bytes += bytes;
    if (m_pending_bytes >= m_batch_bytes || m_batch.size() >= 4096) flush();
}

void PipelinedSink::flush() {
    while (m_done.try_pop()) {
        // each returned batch is destroyed here, in the thread that allocated it
    }
    if (m_batch.empty()) return;
    if (!m_queue.push(std::move(m_batch))) rethrow_worker_error();
    m_batch = {};
    m_pending_bytes = 0;
}

void PipelinedSink::work() {
    pthread_setname_np(pthread_self(), "baton-writer");  // shows in top and profilers
    try {
        while (auto batch = m_queue.pop()) {
            for (auto& object : *batch) {
                std::visit(
                    [this](auto&& value) {
                        using T = std::decay_t<decltype(value)>;
                        if constexpr (std::is_same_v<T, Person>) m_downstream.person(std::move(value));
                        else if constexpr (std::is_same_v<T, Container>) m_downstream.container(std::move(value));
                        else if constexpr (std::is_same_v<T, Item>) m_downstream.item(std::move(value));
                        else m_downstream.message(std::move(value));
                    },
                    object);
            }
            (void)m_done.try_push(std::move(*batch));  // when the producer is behind, freed here
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
