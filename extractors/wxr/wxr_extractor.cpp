// WordPress eXtended RSS (WXR 1.0-1.2) exports, streamed record by record with xmlTextReader.
#include "extractors/wxr/wxr_extractor.hpp"

#include <filesystem>
#include <tuple>

#include "core/interrupt.hpp"
#include "extractors/common/source_key.hpp"
#include "core/text.hpp"

namespace baton::extract::wxr {
namespace {

// The text and line of a <wp:wxr_version> anywhere in the channel, read with a second stream;
// {"", 0} when there is none. Throws InputError when the file is not well-formed.
std::pair<std::string, std::int64_t> find_version_ahead(const std::string& path) {
    XmlStream scan(path);
    while (scan.next()) {
        if (scan.node() != XmlStream::Node::element || scan.depth() != 2) continue;
        if (scan.element_name(&classify) != "wp:wxr_version") continue;
        const std::int64_t line = scan.line();
        return {text::trim(scan.read_element(&classify).text), line};
    }
    return {"", 0};
}

bool is_record(std::string_view name) {
    return name == "item" || name == "wp:author" || name == "wp:category" || name == "wp:tag" || name == "wp:term";
}

// "1.2" -> {1, 2}; nullopt unless the text is digits.digits, as WordPress's importer requires.
std::optional<std::pair<int, int>> parse_version(const std::string& text) {
    const auto dot = text.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 >= text.size()) return std::nullopt;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i != dot && (text[i] < '0' || text[i] > '9')) return std::nullopt;
    }
    if (text.size() > 9) return std::nullopt;
    return std::make_pair(std::stoi(text.substr(0, dot)), std::stoi(text.substr(dot + 1)));
}

}  // namespace

WxrExtractor::WxrExtractor(const std::string& path) : m_stream(path) { m_context.file = path; }

model::SourceInfo WxrExtractor::open() {
    m_source.kind = "wxr";
    m_source.locator = m_stream.path();
    std::string link;
    std::string network_url;  // base_site_url: the network's root on a multisite, shared by its sites
    bool saw_root = false;
    std::int64_t version_line = 0;
    while (m_stream.next()) {
        if (m_stream.node() != XmlStream::Node::element) continue;
        const int depth = m_stream.depth();
        if (depth == 0) {
            if (m_stream.local_name() != "rss" || !m_stream.namespace_uri().empty()) {
                throw InputError(ExitCode::unrecognised_format, {m_stream.path(), m_stream.line(), 0},
                                 "this does not appear to be a WXR file: the root element is <" +
                                     std::string(m_stream.local_name()) + ">, not <rss>",
                                 "export the site again with WordPress's Tools > Export");
            }
            saw_root = true;
            continue;
        }
        if (depth != 2) continue;
        const std::string_view name = m_stream.element_name(&classify);
        if (is_record(name)) {
            m_positioned_on_record = true;
            break;
        }
        const std::int64_t line = m_stream.line();
        const XmlElement element = m_stream.read_element(&classify);
        if (name == "wp:wxr_version") {
            m_source.format_version = text::trim(element.text);
            version_line = line;
        } else if (name == "title") {
            m_source.title = text::trim(element.text);
        } else if (name == "link") {
            link = text::trim(element.text);
        } else if (name == "wp:base_site_url") {
            network_url = text::trim(element.text);
        } else if (name == "wp:base_blog_url") {
            m_source.site_url = text::trim(element.text);
        }
    }
    if (!saw_root) {
        throw InputError(ExitCode::unrecognised_format, {m_stream.path(), 0, 0},
                         "this does not appear to be a WXR file: it has no <rss> element");
    }
    if (m_source.format_version.empty()) {
        // Exporters put the version first, but nothing requires it: look further ahead.
        std::tie(m_source.format_version, version_line) = find_version_ahead(m_stream.path());
    }
    if (m_source.format_version.empty()) {
        throw InputError(ExitCode::unrecognised_format, {m_stream.path(), m_stream.line(), 0},
                         "this does not appear to be a WXR file: missing WXR version number (<wp:wxr_version>)",
                         "export the site again with WordPress's Tools > Export");
    }
    check_version(version_line);
    // The blog URL tells the sites of a multisite network apart; older exports may lack it.
    if (m_source.site_url.empty()) m_source.site_url = !network_url.empty() ? network_url : link;
    if (!m_source.site_url.empty()) {
        m_source.key = m_source.site_url;
    } else {
        m_source.key = file_source_key(m_stream.path());
    }
    m_opened = true;
    return m_source;
}

void WxrExtractor::check_version(std::int64_t line) {
    const auto version = parse_version(m_source.format_version);
    if (!version || version->first != 1) {
        // A file that is also not well-formed gets that, more basic, error (as WordPress reports it).
        while (m_stream.next()) {
        }
        throw InputError(ExitCode::unsupported_version, {m_stream.path(), line, 0},
                         "invalid WXR version number \"" + m_source.format_version +
                             "\" (baton reads WXR 1.0, 1.1 and 1.2)",
                         "export the site again with WordPress's Tools > Export");
    }
    m_newer_version = version->second > 2;
}

void WxrExtractor::flush_parser_warnings(model::ModelSink& sink) {
    for (auto& [line, text] : m_stream.take_warnings()) {
        sink.message({model::Severity::warning, "xml-warning", std::move(text), {m_stream.path(), line, 0}, {}});
    }
}

void WxrExtractor::extract(model::ModelSink& sink, const ProgressCallback& progress) {
    if (!m_opened) open();
    if (m_newer_version) {
        sink.message({model::Severity::warning, "wxr.newer-version",
                      "WXR " + m_source.format_version + " is newer than 1.2; it is read as WXR 1.2",
                      {m_stream.path(), 0, 0}, {}});
    }
    std::uint64_t objects = 0;
    std::uint64_t records = 0;
    flush_parser_warnings(sink);
    while (m_positioned_on_record || m_stream.next()) {
        m_positioned_on_record = false;
        if (m_stream.node() != XmlStream::Node::element || m_stream.depth() != 2) continue;
        const std::string_view name = m_stream.element_name(&classify);
        if (!is_record(name)) {
            if (!m_stream.is_empty_element()) (void)m_stream.read_element(&classify);
            continue;
        }
        XmlElement& record = m_record;
        m_stream.read_element(&classify, record);
        if (name == "item") {
            objects += emit_item(record, m_context, sink);
        } else {
            if (name == "wp:author") emit_author(record, m_context, sink);
            else if (name == "wp:category") emit_category(record, m_context, sink);
            else if (name == "wp:tag") emit_tag(record, m_context, sink);
            else emit_term(record, m_context, sink);
            ++objects;
        }
        if (++records % 64 == 0) {
            throw_if_interrupted();
            flush_parser_warnings(sink);
            if (progress) progress(objects, m_stream.bytes_consumed());
        }
    }
    flush_parser_warnings(sink);
    if (progress) progress(objects, m_stream.file_size());
}

}  // namespace baton::extract::wxr

namespace baton::extract {
std::unique_ptr<Extractor> create_wxr_extractor(const ExtractOptions& options) {
    return std::make_unique<wxr::WxrExtractor>(options.path);
}
}  // namespace baton::extract
