// Bodies converted once with their links marked, so that a load can point the links at the target without the tree.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "convert/document.hpp"
#include "convert/html/html_writer.hpp"
#include "convert/links/link_index.hpp"

namespace baton::convert {

// What `baton convert` keeps beside a body it wrote as HTML (converted_bodies.link_marks).
struct MarkedLinks {
    std::vector<NodeAttributes> links;  // every link's attributes as read, before any rewriting, in visit_links order
    std::vector<LinkMark> marks;        // their tags in the written HTML (write_html_marked), in written order
};

// The fingerprint of an item body (item_bodies.format and text) a stored conversion was made from: a load reuses the
// conversion only while the body still has it (and conversion_version() is the same).
[[nodiscard]] std::string reusable_source_hash(std::string_view format, std::string_view body);

// The attributes of every link of `document`, in visit_links order (taken before rewrite_links changes them).
[[nodiscard]] std::vector<NodeAttributes> link_attributes(const Document& document);

[[nodiscard]] std::string encode_link_marks(const MarkedLinks& marked);
// nullopt when `text` is not what encode_link_marks writes.
[[nodiscard]] std::optional<MarkedLinks> decode_link_marks(std::string_view text);

struct SplicedBody {
    std::string html;
    LinkReport links;
};

// What rewrite_links on the body's tree and write_html would give, from the HTML written once and its marks: each link
// resolved from its attributes as rewrite_links does, its tags written again as write_html writes them (a link that
// now has a safe href gains them, one that lost it loses them). nullopt when the marks do not fit `html`.
[[nodiscard]] std::optional<SplicedBody> splice_links(std::string_view html, const MarkedLinks& marked,
                                                      LinkIndex& index, const LinkPage& page);

}  // namespace baton::convert
