// CSV list exports (SharePoint lists, spreadsheets): one item per row, columns mapped to model fields.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/bounded_cache.hpp"
#include "extractors/csv/column_mapping.hpp"
#include "extractors/csv/csv_reader.hpp"
#include "extractors/extractor.hpp"

namespace baton::extract::csv {

class CsvExtractor : public Extractor {
public:
    CsvExtractor(const std::string& path, const ExtractOptions& options);
    model::SourceInfo open() override;
    void extract(model::ModelSink& sink, const ProgressCallback& progress) override;
    [[nodiscard]] std::uint64_t total_work() const override { return m_reader.file_size(); }

private:
    void emit_row(const CsvRecord& record, model::ModelSink& sink);
    void skip_row(const CsvRecord& record, const std::string& problem, model::ModelSink& sink);
    [[nodiscard]] std::string value(const CsvRecord& record, std::string_view field) const;
    std::string person(const std::string& name, model::ModelSink& sink);
    std::string folders(const std::string& path, model::ModelSink& sink);

    CsvReader m_reader;
    std::vector<std::pair<std::string, std::string>> m_mapping;
    std::vector<std::string> m_header;
    ResolvedColumns m_columns;
    std::vector<bool> m_mapped;  // per header column: read into a model field (else kept as an attribute)
    model::SourceInfo m_source;
    BoundedCache<bool> m_emitted{8192};
    bool m_opened = false;
};

}  // namespace baton::extract::csv

namespace baton::extract {
[[nodiscard]] std::unique_ptr<Extractor> create_csv_extractor(const std::string& path, const ExtractOptions& options = {});
}
