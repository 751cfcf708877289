// Confluence space and site exports (entities.xml + exportDescriptor.properties, as a folder or a .zip):
// the Hibernate object graph collected in a temporary SQLite file, then joined into the model.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "extractors/confluence/export_package.hpp"
#include "extractors/extractor.hpp"

namespace baton::extract::confluence {

class ConfluenceExtractor : public Extractor {
public:
    explicit ConfluenceExtractor(const std::string& path);
    model::SourceInfo open() override;
    void extract(model::ModelSink& sink, const ProgressCallback& progress) override;
    [[nodiscard]] std::uint64_t total_work() const override { return m_package.entities_size(); }

private:
    ExportPackage m_package;
    model::SourceInfo m_source;
    std::optional<std::map<std::string, std::string>> m_descriptor;
    std::unique_ptr<XmlStream> m_stream;  // opened by open(), positioned on the root element
};

}  // namespace baton::extract::confluence

namespace baton::extract {
[[nodiscard]] std::unique_ptr<Extractor> create_confluence_extractor(const std::string& path,
                                                                    const ExtractOptions& options = {});
}
