// The extractor registry: adding a source kind is a folder under extractors/ and one line here.
#include "extractors/confluence/confluence_extractor.hpp"
#include "extractors/csv/csv_extractor.hpp"
#include "extractors/dokuwiki/dokuwiki_extractor.hpp"
#include "extractors/dxl/dxl_extractor.hpp"
#include "extractors/extractor.hpp"
#include "extractors/html/html_extractor.hpp"
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
        {"confluence", "Confluence space or site export (entities.xml; its folder or the .zip), e.g. confluence:Space-export.zip",
         &create_confluence_extractor},
        {"html", "static HTML intranet: a folder tree of .htm/.html pages (Word, FrontPage), e.g. html:/mnt/intranet",
         &create_html_extractor},
        {"dxl", "Lotus Notes / Domino database exported as DXL (documents, forms, views, files), e.g. dxl:names.xml",
         &create_dxl_extractor},
        {"csv", "CSV list export (SharePoint list, spreadsheet; RFC 4180, UTF-8), columns chosen with --columns, "
                "e.g. csv:list.csv",
         &create_csv_extractor},
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
