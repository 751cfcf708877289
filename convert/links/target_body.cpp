// One body converted for the target with its links rewritten.
#include "convert/links/target_body.hpp"

#include <utility>

namespace baton::convert {

std::optional<Document> read_body_for_target(std::string_view body, const std::string& body_format) {
    const ReaderKind* reader = find_reader_for_body_format(body_format);
    if (!reader) return std::nullopt;
    return read_text(body, *reader);
}

std::optional<TargetBody> convert_body_for_target(LinkIndex& index, std::int64_t item_id, std::string_view body,
                                                  const std::string& body_format, const WriterKind& writer) {
    auto document = read_body_for_target(body, body_format);
    if (!document) return std::nullopt;
    TargetBody result;
    result.conversion.document = std::move(*document);
    result.links = rewrite_links(result.conversion.document, index, index.page(item_id, body_format));
    result.conversion.output = writer.write(result.conversion.document);
    result.conversion.report = report_raw_nodes(result.conversion.document);
    return result;
}

}  // namespace baton::convert
