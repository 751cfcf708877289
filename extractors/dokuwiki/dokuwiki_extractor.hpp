// DokuWiki data folders: pages/**.txt and media/** with their *.changes history, namespaces from folders.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/bounded_cache.hpp"
#include "extractors/extractor.hpp"

namespace baton::extract::dokuwiki {

// One line of a .changes file: "timestamp<TAB>ip<TAB>type<TAB>id<TAB>user<TAB>summary<TAB>extra[<TAB>sizechange]".
struct ChangeLine {
    std::int64_t timestamp = 0;
    std::string ip;
    char type = 'E';  // C create, E edit, e minor edit, D delete, R revert
    std::string id;
    std::string user;
    std::string summary;
};

// Parses one line; false (with `problem` set) when it is not a change line.
bool parse_change_line(const std::string& line, ChangeLine& change, std::string& problem);

class DokuWikiExtractor : public Extractor {
public:
    explicit DokuWikiExtractor(const std::string& data_dir);
    model::SourceInfo open() override;
    void extract(model::ModelSink& sink, const ProgressCallback& progress) override;

private:
    void emit_namespaces(const std::string& id, model::ModelSink& sink);
    void emit_page(const std::string& page_id, const std::filesystem::path& page_file, model::ModelSink& sink);
    void emit_media(const std::string& media_id, const std::filesystem::path& media_file, model::ModelSink& sink);
    // The history in `changes` of the item `item_key`; old texts from `attic_stem`.<timestamp>.txt.gz when
    // `attic_stem` is not empty. `deleted` tells whether the last change deleted the item.
    std::vector<model::Revision> read_changes(const std::filesystem::path& changes, const std::string& item_key,
                                              const std::filesystem::path& attic_stem, model::ModelSink& sink,
                                              bool& deleted);
    std::string person_for(const ChangeLine& change, model::ModelSink& sink);

    std::filesystem::path m_root;
    model::SourceInfo m_source;
    BoundedCache<bool> m_emitted{8192};
};

}  // namespace baton::extract::dokuwiki

namespace baton::extract {
[[nodiscard]] std::unique_ptr<Extractor> create_dokuwiki_extractor(const std::string& path,
                                                                   const ExtractOptions& options = {});
}
