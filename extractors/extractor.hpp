// The interface every source kind implements: identify the source, then stream its model into a sink.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model_sink.hpp"

namespace baton::extract {

// Called now and then with the number of objects emitted and the input bytes consumed.
using ProgressCallback = std::function<void(std::uint64_t objects, std::uint64_t bytes)>;

// Settings of one extract that do not come from the export itself, passed to the factory.
struct ExtractOptions {
    // Where binary files found inside an export (attachments, embedded images, MediaWiki's base64
    // uploads) are written, one folder per source kind below it: beside the workspace, <workspace>.files
    // (see docs/commands/extract.md). Empty: they are decoded and checked but not written.
    std::filesystem::path files_dir;
    // Model field -> source column ("title" -> "Title"), for sources without a schema of their own (CSV);
    // from `extract --columns` today, from the mapping file later.
    std::vector<std::pair<std::string, std::string>> columns;
};

class Extractor {
public:
    virtual ~Extractor() = default;
    // Reads just enough to identify the source (site, format version). Throws InputError when the
    // input is not of this kind or not of a supported version; nothing has been emitted then.
    virtual model::SourceInfo open() = 0;
    // Streams everything into `sink`, one object at a time. Throws InputError on unreadable input;
    // what was emitted before stays valid. Malformed single records become messages, not exceptions.
    virtual void extract(model::ModelSink& sink, const ProgressCallback& progress) = 0;
    // Total input size for progress and ETA (bytes), 0 when unknown.
    [[nodiscard]] virtual std::uint64_t total_work() const { return 0; }
};

struct ExtractorKind {
    std::string_view name;         // as written on the command line: "wxr"
    std::string_view description;  // one line for --help
    std::unique_ptr<Extractor> (*create)(const std::string& path, const ExtractOptions& options);
};

// The registry: one line per source kind in registry.cpp.
[[nodiscard]] const std::vector<ExtractorKind>& extractor_kinds();
[[nodiscard]] const ExtractorKind* find_extractor_kind(std::string_view name);

}  // namespace baton::extract
