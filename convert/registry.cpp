// The reader and writer registries: one line per markup.
#include "convert/registry.hpp"

#include "convert/confluence/confluence_reader.hpp"
#include "convert/dokuwiki/dokuwiki_reader.hpp"
#include "convert/html/html_reader.hpp"
#include "convert/html/html_writer.hpp"
#include "convert/markdown/markdown_writer.hpp"
#include "convert/mediawiki/wikitext_reader.hpp"
#include "convert/tree_writer.hpp"
#include "convert/utf8.hpp"
#include "convert/wordpress/wordpress_reader.hpp"
#include "core/error.hpp"

namespace baton::convert {

const std::vector<ReaderKind>& reader_kinds() {
    static const std::vector<ReaderKind> kinds = {
        {"html", "html", "HTML, including Word/Office-generated HTML", &read_html},
        {"wordpress", "wordpress-html", "WordPress post content (wpautop paragraphs, shortcodes, Gutenberg comments)",
         &read_wordpress},
        {"mediawiki", "wikitext", "MediaWiki wikitext", &read_wikitext},
        {"dokuwiki", "dokuwiki", "DokuWiki syntax", &read_dokuwiki},
        {"confluence", "confluence-storage", "Confluence storage format (XHTML with ac: macros)", &read_confluence},
    };
    return kinds;
}

const std::vector<WriterKind>& writer_kinds() {
    static const std::vector<WriterKind> kinds = {
        {"html", "sanitised HTML (allow-listed elements, attributes and URL schemes)", &write_html},
        {"markdown", "CommonMark with GFM tables", &write_markdown},
        {"tree", "the document tree as indented text (to review a conversion)", &write_tree},
    };
    return kinds;
}

const ReaderKind* find_reader(std::string_view name) {
    for (const auto& kind : reader_kinds()) {
        if (kind.name == name) return &kind;
    }
    return nullptr;
}

const ReaderKind* find_reader_for_body_format(std::string_view body_format) {
    for (const auto& kind : reader_kinds()) {
        if (kind.body_format == body_format) return &kind;
    }
    return nullptr;
}

const WriterKind* find_writer(std::string_view name) {
    for (const auto& kind : writer_kinds()) {
        if (kind.name == name) return &kind;
    }
    return nullptr;
}

std::string reader_names() {
    std::string names;
    for (const auto& kind : reader_kinds()) names += (names.empty() ? "" : ", ") + std::string(kind.name);
    return names;
}

std::string writer_names() {
    std::string names;
    for (const auto& kind : writer_kinds()) names += (names.empty() ? "" : ", ") + std::string(kind.name);
    return names;
}

Document read_text(std::string_view text, const ReaderKind& reader) {
    if (const auto bad = first_invalid_utf8(text); bad != std::string_view::npos) {
        SourcePosition position;
        position.column = static_cast<std::int64_t>(bad) + 1;
        throw InputError(ExitCode::malformed_input, position,
                         "invalid UTF-8 at byte " + std::to_string(bad + 1) + " of the " + std::string(reader.name) +
                             " text; expected UTF-8");
    }
    return reader.read(text);
}

Conversion convert_text(std::string_view text, const ReaderKind& reader, const WriterKind& writer,
                        const TreeTransform& transform) {
    Conversion conversion;
    conversion.document = read_text(text, reader);
    if (transform) transform(conversion.document);
    conversion.output = writer.write(conversion.document);
    conversion.report = report_raw_nodes(conversion.document);
    return conversion;
}

}  // namespace baton::convert
