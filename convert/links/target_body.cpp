// One body converted for the target with its links rewritten.
#include "convert/links/target_body.hpp"

namespace baton::convert {

std::optional<TargetBody> convert_body_for_target(LinkIndex& index, std::int64_t item_id, std::string_view body,
                                                  const std::string& body_format, const WriterKind& writer) {
    const ReaderKind* reader = find_reader_for_body_format(body_format);
    if (!reader) return std::nullopt;
    const LinkPage page = index.page(item_id, body_format);
    TargetBody result;
    result.conversion = convert_text(body, *reader, writer,
                                     [&](Document& document) { result.links = rewrite_links(document, index, page); });
    return result;
}

}  // namespace baton::convert
