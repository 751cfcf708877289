// The extractor registry: adding a source kind is a folder under extractors/ and one line here.
#include "extractors/dokuwiki/dokuwiki_extractor.hpp"
#include "extractors/extractor.hpp"
#include "extractors/mediawiki/mediawiki_extractor.hpp"
#include "extractors/wxr/wxr_extractor.hpp"

namespace baton::extract {

const std::vector<ExtractorKind>& extractor_kinds() {
    static const std::vector<ExtractorKind> kinds = {
        {"wxr", "WordPress eXtended RSS export (WXR 1.0, 1.1, 1.2), e.g. wxr:export.xml", &create_wxr_extractor},
        {"mediawiki", "MediaWiki XML dump (export schema 0.3-0.11, UTF-8 or UTF-16, .gz or .bz2), e.g. mediawiki:dump.xml",
         &create_mediawiki_extractor},
        {"dokuwiki", "DokuWiki data folder (pages/, media/ and their *.changes history), e.g. dokuwiki:/var/lib/dokuwiki/data",
         &create_dokuwiki_extractor},
    };
    return kinds;
}

const ExtractorKind* find_extractor_kind(std::string_view name) {
    for (const auto& kind : extractor_kinds()) {
        if (kind.name == name) return &kind;
    }
    return nullptr;
}

}  // namespace baton::extract
