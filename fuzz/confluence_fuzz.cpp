// libFuzzer target: arbitrary bytes as a Confluence export, its entities.xml (and descriptor) or its .zip.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "extractors/confluence/confluence_extractor.hpp"

namespace {

// Takes everything, keeps nothing, but touches every field so the sanitizers see each byte read.
class DiscardSink : public baton::model::ModelSink {
public:
    void person(baton::model::Person person) override { m_bytes += person.key.size() + person.email.size(); }
    void container(baton::model::Container container) override {
        m_bytes += container.key.size() + container.description.size();
    }
    void item(baton::model::Item item) override {
        m_bytes += item.key.size() + item.body.text.size() + item.parent_key.size();
        for (const auto& [name, value] : item.attributes) m_bytes += name.size() + value.size();
        for (const auto& revision : item.revisions) m_bytes += revision.key.size() + revision.comment.size();
    }
    void message(baton::model::Message message) override { m_bytes += message.text.size(); }
    void revision_text(baton::model::RevisionText text) override { m_bytes += text.text.size(); }

private:
    std::size_t m_bytes = 0;
};

void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

// Input starting with "PK" is the export's .zip; any other is entities.xml, followed after a NUL byte
// by exportDescriptor.properties when there is one.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto scratch = std::filesystem::temp_directory_path() / ("baton-fuzz-confluence-" +
                                                                          std::to_string(::getpid()));
    std::filesystem::remove_all(scratch);
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::string path;
    if (bytes.starts_with("PK")) {
        path = (scratch / "export.zip").string();
        write_bytes(path, bytes);
    } else {
        const auto nul = bytes.find('\0');
        write_bytes(scratch / "export" / "entities.xml", bytes.substr(0, nul));
        if (nul != std::string_view::npos) {
            write_bytes(scratch / "export" / "exportDescriptor.properties", bytes.substr(nul + 1));
        }
        path = (scratch / "export").string();
    }
    try {
        auto extractor = baton::extract::create_confluence_extractor(path);
        (void)extractor->open();
        DiscardSink sink;
        extractor->extract(sink, {});
    } catch (const baton::InputError&) {
        // Bad input is expected to end here; anything else escaping is a finding.
    }
    return 0;
}
