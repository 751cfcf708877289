// libFuzzer target: arbitrary bytes as a small static HTML intranet (two pages and a linked file).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "extractors/html/html_extractor.hpp"

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

void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

// The input is cut at NUL bytes into a root page, a page in a subfolder and a file the pages may link
// (sub/file.pdf); a seed without NUL is the root page alone.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    std::string_view parts[3];
    for (auto& part : parts) {
        const auto nul = rest.find('\0');
        part = rest.substr(0, nul);
        rest = nul == std::string_view::npos ? std::string_view() : rest.substr(nul + 1);
    }
    static const auto scratch = std::filesystem::temp_directory_path() / ("baton-fuzz-html-" + std::to_string(::getpid()));
    std::filesystem::remove_all(scratch);
    const auto root = scratch / "intranet";
    write_bytes(root / "index.html", parts[0]);
    if (!parts[1].empty()) write_bytes(root / "sub" / "page.htm", parts[1]);
    if (!parts[2].empty()) write_bytes(root / "sub" / "file.pdf", parts[2]);
    try {
        auto extractor = baton::extract::create_html_extractor(root.string(), {});
        (void)extractor->open();
        DiscardSink sink;
        extractor->extract(sink, {});
    } catch (const baton::InputError&) {
        // Bad input, reported with a position: expected, not a finding.
    }
    return 0;
}
