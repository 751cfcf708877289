// libFuzzer target: arbitrary bytes as a Domino DXL database export, embedded files written to a scratch folder.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "core/error.hpp"
#include "extractors/dxl/dxl_extractor.hpp"

namespace {

class DiscardSink : public baton::model::ModelSink {
public:
    void person(baton::model::Person person) override { m_bytes += person.key.size(); }
    void container(baton::model::Container container) override { m_bytes += container.key.size(); }
    void item(baton::model::Item item) override {
        m_bytes += item.key.size() + item.title.size() + item.body.text.size();
        for (const auto& [name, value] : item.attributes) m_bytes += name.size() + value.size();
    }
    void message(baton::model::Message message) override { m_bytes += message.text.size(); }

private:
    std::size_t m_bytes = 0;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto scratch = std::filesystem::temp_directory_path() / ("baton-fuzz-dxl-" + std::to_string(::getpid()));
    std::filesystem::remove_all(scratch);
    std::filesystem::create_directories(scratch);
    const auto path = scratch / "export.xml";
    std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    baton::extract::ExtractOptions options;
    options.files_dir = scratch / "files";
    try {
        auto extractor = baton::extract::create_dxl_extractor(path.string(), options);
        (void)extractor->open();
        DiscardSink sink;
        extractor->extract(sink, {});
    } catch (const baton::InputError&) {
        // Bad input, reported with a position: expected, not a finding.
    }
    // Whatever the export names its files, nothing may be written outside the files folder.
    for (const auto& entry : std::filesystem::directory_iterator(scratch)) {
        if (entry.path() != path && entry.path() != options.files_dir) __builtin_trap();
    }
    return 0;
}
