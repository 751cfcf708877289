// Shared by the fuzz targets: a scratch folder per process, a sink that discards, running one extractor.
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "extractors/extractor.hpp"
#include "model/model_sink.hpp"

namespace baton::fuzz {

// Takes everything, keeps nothing, but touches every field so the sanitizers see each byte read.
class DiscardSink : public model::ModelSink {
public:
    void person(model::Person person) override { m_bytes += person.key.size(); }
    void container(model::Container container) override { m_bytes += container.key.size(); }
    void item(model::Item item) override {
        m_bytes += item.key.size() + item.title.size() + item.body.text.size() + item.parent_key.size();
        for (const auto& [name, value] : item.attributes) m_bytes += name.size() + value.size();
        for (const auto& revision : item.revisions) m_bytes += revision.key.size() + revision.comment.size();
    }
    void message(model::Message message) override { m_bytes += message.text.size(); }
    void revision_text(model::RevisionText text) override { m_bytes += text.text.size(); }

private:
    std::size_t m_bytes = 0;
};

// A folder of this process's own under the temp dir, emptied for each input.
inline const std::filesystem::path& scratch_folder() {
    static const std::filesystem::path folder = [] {
        auto path = std::filesystem::temp_directory_path() / ("baton-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        return path;
    }();
    return folder;
}

inline std::filesystem::path fresh_scratch_folder() {
    const auto& folder = scratch_folder();
    std::filesystem::remove_all(folder);
    std::filesystem::create_directories(folder);
    return folder;
}

inline void write_bytes(const std::filesystem::path& path, std::string_view bytes) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Runs open() + extract() of `kind` on `path`. Bad input must end in InputError; anything else
// (a crash, a sanitizer report, another exception escaping) is a finding.
inline void run_extractor(std::string_view kind, const std::string& path, const extract::ExtractOptions& options) {
    const extract::ExtractorKind* found = extract::find_extractor_kind(kind);
    if (found == nullptr) __builtin_trap();  // the target names a kind the registry does not know
    try {
        auto extractor = found->create(path, options);
        (void)extractor->open();
        DiscardSink sink;
        extractor->extract(sink, {});
    } catch (const InputError&) {
        // Expected for bad input: reported with a position, not a finding.
    }
}

inline void run_extractor(std::string_view kind, const std::string& path, const std::string& files_folder = {}) {
    extract::ExtractOptions options;
    options.files_dir = files_folder;
    run_extractor(kind, path, options);
}

}  // namespace baton::fuzz
