// The canonical content model: names and fingerprints.
#include "model/model.hpp"

#include "core/text.hpp"

namespace baton::model {

const char* severity_name(Severity severity) noexcept {
    switch (severity) {
        case Severity::info: return "info";
        case Severity::warning: return "warning";
        case Severity::error: return "error";
    }
    return "unknown";
}

std::string fingerprint(const Item& item) {
    text::Fingerprint print;
    print.add(item.kind).add(item.title).add(item.status).add(item.slug).add(item.url);
    print.add(item.created_at).add(item.modified_at).add(item.author_key).add(item.parent_key);
    print.add(item.reply_to_key).add(item.body.format).add(item.body.text);
    print.add(std::to_string(item.container_keys.size()));
    for (const auto& key : item.container_keys) print.add(key);
    print.add(std::to_string(item.attributes.size()));
    for (const auto& [name, value] : item.attributes) print.add(name).add(value);
    print.add(std::to_string(item.revisions.size()));
    for (const auto& revision : item.revisions) {
        print.add(revision.key).add(revision.author_key).add(revision.timestamp);
        print.add(std::to_string(revision.size)).add(revision.comment);
        for (const auto& [name, value] : revision.attributes) print.add(name).add(value);
    }
    return print.hex();
}

}  // namespace baton::model
