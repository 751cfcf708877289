// WordPress eXtended RSS (WXR 1.0-1.2) exports, streamed record by record with xmlTextReader.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "extractors/common/xml_stream.hpp"
#include "extractors/extractor.hpp"
#include "extractors/wxr/wxr_records.hpp"

namespace baton::extract::wxr {

class WxrExtractor : public Extractor {
public:
    explicit WxrExtractor(const std::string& path);
    model::SourceInfo open() override;
    void extract(model::ModelSink& sink, const ProgressCallback& progress) override;
    [[nodiscard]] std::uint64_t total_work() const override { return m_stream.file_size(); }

private:
    void check_version(std::int64_t line);
    void flush_parser_warnings(model::ModelSink& sink);

    XmlStream m_stream;
    model::SourceInfo m_source;
    RecordContext m_context;
    XmlElement m_record;  // reused for every record
    bool m_opened = false;
    bool m_positioned_on_record = false;  // open() stopped on the first record element
    bool m_newer_version = false;
};

}  // namespace baton::extract::wxr

namespace baton::extract {
[[nodiscard]] std::unique_ptr<Extractor> create_wxr_extractor(const ExtractOptions& options);
}
