// The DokuWiki syntax reader.
#pragma once

#include <string_view>

#include "convert/document.hpp"

namespace baton::convert {

// DokuWiki page text to a document: headings (====== = level 1), **bold**, //italic//, ''monospace'',
// __underline__ and <del>/<sub>/<sup> (unwrapped), lists (two-space indent, * or -), tables (^ header and
// | data cells, empty cells widen the previous one), <code>/<file> blocks and two-space preformatted lines,
// > quotes, ----, \\ line breaks, [[links]] (page ids keep their id in wiki-target; href = the id with ':' as '/'),
// {{media}} images, ((footnotes)), %%nowiki%% and <nowiki>. Kept as flagged raw nodes: <html>/<php> blocks,
// interwiki links (wp>Page) and plugin syntax ({{tag>...}}, <WRAP> and other unknown tags are unwrapped).
[[nodiscard]] Document read_dokuwiki(std::string_view text);

}  // namespace baton::convert
