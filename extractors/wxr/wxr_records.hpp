// Turns one parsed WXR record (author, category, tag, term, item) into canonical model objects.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>

#include "core/bounded_cache.hpp"
#include "extractors/common/xml_stream.hpp"
#include "model/model_sink.hpp"

namespace baton::extract::wxr {

// Element naming for WXR: "wp:post_id", "content:encoded", "dc:creator", plain RSS names ("title"),
// "" for elements of unknown namespaces (skipped, whatever prefix they borrow).
[[nodiscard]] std::string classify(std::string_view namespace_uri, std::string_view local_name);

// What the records of one export share: authors by id (the export's author list), and bounded
// caches of the terms and people already emitted, so repeats are not sent again (a repeat that
// slips through is harmless: the workspace writer updates rather than duplicates).
struct RecordContext {
    std::string file;
    std::unordered_map<std::string, std::string> login_by_author_id;
    std::unordered_set<std::string> listed_logins;
    BoundedCache<bool> emitted_containers{8192};
    BoundedCache<bool> emitted_people{8192};
    bool has_author_list = false;  // the export lists its authors (WXR 1.1+)
};

void emit_author(const XmlElement& record, RecordContext& context, model::ModelSink& sink);
void emit_category(const XmlElement& record, RecordContext& context, model::ModelSink& sink);
void emit_tag(const XmlElement& record, RecordContext& context, model::ModelSink& sink);
void emit_term(const XmlElement& record, RecordContext& context, model::ModelSink& sink);
// Emits the item, then its comments; returns the number of items emitted.
std::size_t emit_item(const XmlElement& record, RecordContext& context, model::ModelSink& sink);

// "2011-01-18 07:40:14" -> "2011-01-18T07:40:14Z" (gmt) or "2011-01-18T07:40:14" (site-local);
// "" for empty or all-zero dates; nullopt-like "!" prefix never: invalid dates return "".
[[nodiscard]] std::string normalise_date(std::string_view wordpress_date, bool gmt);

}  // namespace baton::extract::wxr
