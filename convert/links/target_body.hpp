// For loaders: one item body converted for the target, its internal links pointing at their new URLs.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "convert/links/link_index.hpp"
#include "convert/registry.hpp"

namespace baton::convert {

struct TargetBody {
    Conversion conversion;  // output, raw-node report and the rewritten tree
    LinkReport links;       // checked, rewritten and unresolved links
};

// Converts `body` (item `item_id`'s body, in `body_format` as item_bodies.format holds it) with `writer`,
// rewriting its internal links through `index` (built once per load with the plan and the target's URL
// scheme). nullopt when no reader knows `body_format`; throws InputError when the body is not UTF-8.
[[nodiscard]] std::optional<TargetBody> convert_body_for_target(LinkIndex& index, std::int64_t item_id,
                                                                std::string_view body, const std::string& body_format,
                                                                const WriterKind& writer);

// Its first half, which needs no link index, so that a loader can read bodies on several threads and rewrite their
// links on one: nullopt when no reader knows `body_format`; throws InputError when the body is not UTF-8.
[[nodiscard]] std::optional<Document> read_body_for_target(std::string_view body, const std::string& body_format);

}  // namespace baton::convert
