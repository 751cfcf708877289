// Bodies converted once with their links marked, so that a load can point the links at the target without the tree.
#include "convert/links/link_marks.hpp"

#include <charconv>

#include "core/text.hpp"

namespace baton::convert {
namespace {

constexpr std::string_view format_version = "1|";

void put_number(std::string& out, std::size_t value) {
    out += std::to_string(value);
    out += '|';
}

void put_text(std::string& out, std::string_view value) {
    put_number(out, value.size());
    out += value;
}

// Reads what put_number and put_text wrote; fails (ok = false) on anything else.
class MarkReader {
public:
    explicit MarkReader(std::string_view text) : m_text(text) {}

    std::size_t number() {
        const auto bar = m_text.find('|', m_at);
        std::size_t value = 0;
        if (bar == std::string_view::npos || bar == m_at) return fail();
        const auto [end, error] = std::from_chars(m_text.data() + m_at, m_text.data() + bar, value);
        if (error != std::errc() || end != m_text.data() + bar) return fail();
        m_at = bar + 1;
        return value;
    }

    std::string text() {
        const std::size_t length = number();
        if (!m_ok || length > m_text.size() - m_at) {
            fail();
            return {};
        }
        std::string value(m_text.substr(m_at, length));
        m_at += length;
        return value;
    }

    // A count of things each at least `min_bytes` long: no more than the bytes left could hold.
    std::size_t count(std::size_t min_bytes) {
        const std::size_t value = number();
        if (value > (m_text.size() - m_at) / min_bytes) return fail();
        return value;
    }

    [[nodiscard]] bool ok() const noexcept { return m_ok; }
    [[nodiscard]] bool at_end() const noexcept { return m_at == m_text.size(); }

private:
    std::size_t fail() {
        m_ok = false;
        m_at = m_text.size();
        return 0;
    }
    std::string_view m_text;
    std::size_t m_at = 0;
    bool m_ok = true;
};

}  // namespace

std::string reusable_source_hash(std::string_view format, std::string_view body) {
    return text::Fingerprint().add(format).add(std::string_view("\0", 1)).add(body).hex();
}

std::vector<NodeAttributes> link_attributes(const Document& document) {
    std::vector<NodeAttributes> links;
    visit_links(document, [&](const Node& link) { links.push_back(link.attributes); });
    return links;
}

std::string encode_link_marks(const MarkedLinks& marked) {
    std::string out(format_version);
    put_number(out, marked.links.size());
    for (const auto& attributes : marked.links) {
        put_number(out, attributes.size());
        for (const auto& [name, value] : attributes) {
            put_text(out, name);
            put_text(out, value);
        }
    }
    put_number(out, marked.marks.size());
    for (const auto& mark : marked.marks) {
        put_number(out, mark.link);
        put_number(out, mark.close ? 1 : 0);
        put_number(out, mark.at);
        put_number(out, mark.length);
    }
    return out;
}

std::optional<MarkedLinks> decode_link_marks(std::string_view text) {
    if (text.substr(0, format_version.size()) != format_version) return std::nullopt;
    MarkReader reader(text.substr(format_version.size()));
    MarkedLinks marked;
    marked.links.resize(reader.count(2));
    for (auto& attributes : marked.links) {
        attributes.resize(reader.count(4));
        for (auto& [name, value] : attributes) {
            name = reader.text();
            value = reader.text();
        }
    }
    marked.marks.resize(reader.count(8));
    for (auto& mark : marked.marks) {
        mark.link = reader.number();
        const std::size_t close = reader.number();
        mark.close = close == 1;
        mark.at = reader.number();
        mark.length = reader.number();
        if (close > 1 || mark.link >= marked.links.size()) return std::nullopt;
    }
    if (!reader.ok() || !reader.at_end()) return std::nullopt;
    return marked;
}

std::optional<SplicedBody> splice_links(std::string_view html, const MarkedLinks& marked, LinkIndex& index,
                                        const LinkPage& page) {
    SplicedBody result;
    std::vector<Node> links(marked.links.size());
    for (std::size_t i = 0; i < links.size(); ++i) {
        links[i].kind = NodeKind::link;
        links[i].attributes = marked.links[i];
        rewrite_link(links[i], index, page, result.links);
    }
    std::vector<char> tagged(links.size(), 0);
    result.html.reserve(html.size() + 64 * marked.marks.size());
    std::size_t cursor = 0;
    for (const auto& mark : marked.marks) {
        if (mark.at < cursor || mark.at > html.size() || mark.length > html.size() - mark.at) return std::nullopt;
        result.html.append(html.substr(cursor, mark.at - cursor));
        if (!mark.close) tagged[mark.link] = append_link_open(result.html, links[mark.link]) ? 1 : 0;
        else if (tagged[mark.link]) result.html += "</a>";
        cursor = mark.at + mark.length;
    }
    result.html.append(html.substr(cursor));
    return result;
}

}  // namespace baton::convert
