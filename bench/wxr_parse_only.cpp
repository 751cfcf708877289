// Diagnostic for the WXR benchmark: baton's WXR extractor alone, into a sink that only counts (no workspace).
#include <cstdint>
#include <exception>
#include <iostream>
#include <map>
#include <string>

#include "extractors/extractor.hpp"
#include "model/pipelined_sink.hpp"

namespace {

// Counts what the extractor emits and drops it, so the time left is parsing and record building.
class CountingSink : public baton::model::ModelSink {
public:
    void person(baton::model::Person /*person*/) override { ++m_people; }
    void container(baton::model::Container /*container*/) override { ++m_containers; }
    void item(baton::model::Item item) override { ++m_items[item.kind]; }
    void message(baton::model::Message /*message*/) override { ++m_messages; }

    void print(std::ostream& out) const {
        out << "items:";
        for (const auto& [kind, count] : m_items) out << ' ' << kind << ' ' << count;
        out << "; people " << m_people << ", containers " << m_containers << ", messages " << m_messages << '\n';
    }

private:
    std::map<std::string, std::int64_t> m_items;
    std::int64_t m_people = 0;
    std::int64_t m_containers = 0;
    std::int64_t m_messages = 0;
};

}  // namespace

int main(int argc, char** argv) {
    const std::string pipelined_flag = "--pipelined";
    const bool pipelined = argc == 3 && argv[1] == pipelined_flag;
    if (argc != 2 && !pipelined) {
        std::cerr << "usage: wxr_parse_only [--pipelined] EXPORT.xml\n"
                     "  --pipelined  hand the objects to a worker thread first, as `baton extract` does\n";
        return 1;
    }
    try {
        const auto* kind = baton::extract::find_extractor_kind("wxr");
        auto extractor = kind->create({argv[argc - 1]});
        (void)extractor->open();
        CountingSink counter;
        if (pipelined) {
            baton::model::PipelinedSink pipeline(counter);
            extractor->extract(pipeline, {});
            pipeline.finish();
        } else {
            extractor->extract(counter, {});
        }
        counter.print(std::cout);
    } catch (const std::exception& error) {
        std::cerr << "wxr_parse_only: " << error.what() << '\n';
        return 1;
    }
    return 0;
}
