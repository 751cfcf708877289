// Lotus Notes / Domino DXL database exports: documents with their items and files, forms and views as containers.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>

#include "core/bounded_cache.hpp"
#include "extractors/common/xml_stream.hpp"
#include "extractors/dxl/dxl_document.hpp"
#include "extractors/extractor.hpp"

namespace baton::extract::dxl {

class DxlExtractor : public Extractor {
public:
    DxlExtractor(const std::string& path, const ExtractOptions& options);
    model::SourceInfo open() override;
    void extract(model::ModelSink& sink, const ProgressCallback& progress) override;
    [[nodiscard]] std::uint64_t total_work() const override { return m_stream.file_size(); }

private:
    void read_database_info(model::ModelSink& sink);
    void read_acl(model::ModelSink& sink);
    void read_design_element(const std::string& kind, model::ModelSink& sink);
    void emit_document(DxlDocument document, model::ModelSink& sink);
    std::string person(const std::string& notes_name, model::ModelSink& sink);
    std::string form_container(const std::string& form, model::ModelSink& sink);
    void skip_element();
    void flush_warnings(model::ModelSink& sink);

    XmlStream m_stream;
    std::filesystem::path m_files_base;
    std::string m_database_key;  // the database itself, a space: "database:<replica id or file name>"
    std::filesystem::path m_subfolder;  // below m_files_base: dxl/<replica id or file name>
    model::SourceInfo m_source;
    BoundedCache<bool> m_emitted{8192};
    std::unordered_set<std::string> m_group_names;  // ACL entries that are groups or servers, not people
    std::optional<std::int64_t> m_declared_documents;
    std::int64_t m_declared_line = 0;
    std::int64_t m_documents = 0;
};

}  // namespace baton::extract::dxl

namespace baton::extract {
[[nodiscard]] std::unique_ptr<Extractor> create_dxl_extractor(const std::string& path, const ExtractOptions& options = {});
}
