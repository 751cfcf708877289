// MediaWiki XML dumps (export schema 0.3 to 0.11): pages with their full revision history, streamed.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/bounded_cache.hpp"
#include "extractors/common/xml_stream.hpp"
#include "extractors/extractor.hpp"
#include "extractors/mediawiki/upload_reader.hpp"

namespace baton::extract::mediawiki {

class MediaWikiExtractor : public Extractor {
public:
    // `files_folder`: where embedded upload contents are stored ("": decoded and checked, not kept).
    MediaWikiExtractor(const std::string& path, const std::string& files_folder);
    model::SourceInfo open() override;
    void extract(model::ModelSink& sink, const ProgressCallback& progress) override;
    [[nodiscard]] std::uint64_t total_work() const override { return m_stream.file_size(); }

private:
    void read_siteinfo();
    void read_page(model::ModelSink& sink);
    model::Item upload_item(const XmlElement& element, const UploadContents& contents, model::ModelSink& sink);
    std::string person_for(const XmlElement& contributor, model::ModelSink& sink);
    [[nodiscard]] int namespace_of_title(const std::string& title) const;

    UploadDecoder m_uploads;
    XmlStream m_stream;
    model::SourceInfo m_source;
    bool m_positioned_on_page = false;
    XmlElement m_siteinfo;
    std::map<int, std::string> m_namespaces;  // key -> name ("" for the main namespace)
    std::vector<model::Container> m_namespace_containers;  // read by open(), sent by extract()
    std::vector<model::Message> m_open_messages;            // found by open(), sent by extract()
    std::string m_category_prefix = "Category";
    BoundedCache<bool> m_emitted_people{8192};
};

}  // namespace baton::extract::mediawiki

namespace baton::extract {
[[nodiscard]] std::unique_ptr<Extractor> create_mediawiki_extractor(const std::string& path,
                                                                   const ExtractOptions& options = {});
}
