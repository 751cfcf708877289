// Conversion throughput: documents of one file (separated by form-feed lines) through a reader and a writer on a
// pool of worker threads, streamed through a bounded queue so memory does not grow with the input.
#include <libxml/parser.h>
#include <sys/resource.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <fstream>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "convert/registry.hpp"
#include "core/error.hpp"

namespace {

// A fixed-depth queue of documents: the reader waits when the workers are behind.
class DocumentQueue {
public:
    explicit DocumentQueue(std::size_t depth) : m_depth(depth) {}

    void push(std::string document) {
        std::unique_lock lock(m_mutex);
        m_not_full.wait(lock, [&] { return m_documents.size() < m_depth; });
        m_documents.push_back(std::move(document));
        m_not_empty.notify_one();
    }
    void close() {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_not_empty.notify_all();
    }
    bool pop(std::string& document) {
        std::unique_lock lock(m_mutex);
        m_not_empty.wait(lock, [&] { return !m_documents.empty() || m_closed; });
        if (m_documents.empty()) return false;
        document = std::move(m_documents.front());
        m_documents.pop_front();
        m_not_full.notify_one();
        return true;
    }

private:
    std::size_t m_depth;
    std::deque<std::string> m_documents;
    bool m_closed = false;
    std::mutex m_mutex;
    std::condition_variable m_not_full;
    std::condition_variable m_not_empty;
};

long peak_rss_kb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: convert_bench READER WRITER THREADS FILE   (documents separated by lines holding only \\f)\n";
        return 2;
    }
    const auto* reader = baton::convert::find_reader(argv[1]);
    const auto* writer = baton::convert::find_writer(argv[2]);
    const unsigned threads = static_cast<unsigned>(std::stoul(argv[3])) == 0 ? std::thread::hardware_concurrency()
                                                                              : static_cast<unsigned>(std::stoul(argv[3]));
    std::ifstream input(argv[4], std::ios::binary);
    if (!reader || !writer || !input) {
        std::cerr << "convert_bench: unknown reader or writer, or cannot read " << argv[4] << '\n';
        return 2;
    }
    xmlInitParser();  // once, before the HTML reader runs on several threads
    DocumentQueue queue(4 * threads);
    std::vector<std::size_t> output_bytes(threads, 0);
    std::vector<std::size_t> failures(threads, 0);
    const auto start = std::chrono::steady_clock::now();
    std::vector<std::thread> workers;
    for (unsigned i = 0; i < threads; ++i) {
        workers.emplace_back([&, i] {
            std::string document;
            while (queue.pop(document)) {
                try {
                    output_bytes[i] += baton::convert::convert_text(document, *reader, *writer).output.size();
                } catch (const baton::InputError&) {
                    ++failures[i];
                }
            }
        });
    }
    std::size_t input_bytes = 0;
    std::size_t documents = 0;
    std::string document;
    std::string line;
    while (std::getline(input, line)) {
        input_bytes += line.size() + 1;
        if (line == "\f") {
            ++documents;
            queue.push(std::move(document));
            document.clear();
            continue;
        }
        document += line;
        document += '\n';
    }
    if (!document.empty()) {
        ++documents;
        queue.push(std::move(document));
    }
    queue.close();
    for (auto& worker : workers) worker.join();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::size_t output = 0;
    std::size_t failed = 0;
    for (unsigned i = 0; i < threads; ++i) {
        output += output_bytes[i];
        failed += failures[i];
    }
    const double mb = static_cast<double>(input_bytes) / 1048576.0;
    std::printf("reader=%s writer=%s threads=%u documents=%zu failed=%zu input_mb=%.1f output_mb=%.1f seconds=%.2f "
                "mb_per_s=%.1f peak_rss_mb=%.1f\n",
                argv[1], argv[2], threads, documents, failed, mb, static_cast<double>(output) / 1048576.0, seconds,
                mb / seconds, static_cast<double>(peak_rss_kb()) / 1024.0);
    return failed == 0 ? 0 : 1;
}
