// The wikitext reader's first pass: comments dropped; nowiki, code, math, refs, quotes and templates cut out.
#include <cctype>

#include "convert/mediawiki/wikitext_context.hpp"
#include "convert/text_scan.hpp"
#include "core/text.hpp"
#include <map>
#include <set>

namespace baton::convert::detail {

namespace {

std::string decode_entities(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        if (text[i] == '&') {
            if (const auto used = decode_entity(text, i, out); used > 0) {
                i += used;
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

// The value of attribute `name` in a tag's attribute text (quoted or not), "" if absent.
std::string tag_attribute(std::string_view attributes, std::string_view name) {
    const std::string lowered = text::to_lower_ascii(attributes);
    std::size_t at = 0;
    while ((at = lowered.find(name, at)) != std::string::npos) {
        const bool starts_word = at == 0 || !std::isalnum(static_cast<unsigned char>(lowered[at - 1]));
        std::size_t k = at + name.size();
        while (k < lowered.size() && lowered[k] == ' ') ++k;
        if (!starts_word || k >= lowered.size() || lowered[k] != '=') {
            at += name.size();
            continue;
        }
        ++k;
        while (k < lowered.size() && lowered[k] == ' ') ++k;
        if (k < attributes.size() && (attributes[k] == '"' || attributes[k] == '\'')) {
            const auto end = attributes.find(attributes[k], k + 1);
            return std::string(attributes.substr(k + 1, end == std::string_view::npos ? end : end - k - 1));
        }
        std::size_t end = k;
        while (end < attributes.size() && attributes[end] != ' ' && attributes[end] != '/') ++end;
        return std::string(attributes.substr(k, end - k));
    }
    return {};
}

// Splits template content on '|' outside nested {{ }} and [[ ]].
std::vector<std::string> template_parts(std::string_view inner) {
    std::vector<std::string> parts(1);
    int braces = 0;
    int brackets = 0;
    for (std::size_t i = 0; i < inner.size(); ++i) {
        const char c = inner[i];
        if (c == '{' && i + 1 < inner.size() && inner[i + 1] == '{') ++braces;
        if (c == '}' && i + 1 < inner.size() && inner[i + 1] == '}' && braces > 0) --braces;
        if (c == '[' && i + 1 < inner.size() && inner[i + 1] == '[') ++brackets;
        if (c == ']' && i + 1 < inner.size() && inner[i + 1] == ']' && brackets > 0) --brackets;
        if (c == '|' && braces == 0 && brackets == 0) {
            parts.emplace_back();
            continue;
        }
        parts.back() += c;
    }
    return parts;
}

class Protector {
public:
    explicit Protector(WikitextContext& context) : m_context(context) {}

    std::string run(std::string_view text) {
        if (m_depth >= max_block_depth) return std::string(text);  // deeper refs and quotes stay text
        ++m_depth;
        const auto saved_pairs = std::move(m_brace_pairs);
        const auto saved_unclosed = std::move(m_unclosed);
        m_brace_pairs = brace_pairs(text);
        m_unclosed.clear();
        std::string out = run_at_depth(text);
        m_brace_pairs = saved_pairs;
        m_unclosed = saved_unclosed;
        --m_depth;
        return out;
    }

private:
    WikitextContext& m_context;
    int m_depth = 0;
    std::map<std::size_t, std::size_t> m_brace_pairs;  // "{{" position -> position after its "}}"
    std::set<std::string> m_unclosed;                  // tags without an end tag: not searched for again

    // Pairs every "{{" with its "}}" in one pass (a stack), so unclosed braces cost no rescans.
    static std::map<std::size_t, std::size_t> brace_pairs(std::string_view text) {
        std::map<std::size_t, std::size_t> pairs;
        std::vector<std::size_t> open;
        for (std::size_t i = 0; i + 1 < text.size(); ++i) {
            if (text[i] == '{' && text[i + 1] == '{') {
                open.push_back(i);
                ++i;
            } else if (text[i] == '}' && text[i + 1] == '}' && !open.empty()) {
                pairs[open.back()] = i + 2;
                open.pop_back();
                ++i;
            }
        }
        return pairs;
    }

    std::size_t matching_braces(std::string_view text, std::size_t at) const {
        const auto found = m_brace_pairs.find(at);
        if (found == m_brace_pairs.end()) return std::string_view::npos;
        std::size_t end = found->second;
        // A template parameter {{{x}}} closes with a third brace.
        if (end < text.size() && text[end] == '}' && at + 2 < text.size() && text[at + 2] == '{') ++end;
        return end;
    }

    std::string run_at_depth(std::string_view text) {
        std::string out;
        out.reserve(text.size());
        std::size_t i = 0;
        while (i < text.size()) {
            const char c = text[i];
            if (c == '<') {
                if (const auto used = tag(text, i, out); used > 0) {
                    i += used;
                    continue;
                }
            } else if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
                if (const auto end = matching_braces(text, i); end != std::string_view::npos) {
                    out += marker(Marker::raw, template_span(text.substr(i, end - i)));
                    i = end;
                    continue;
                }
            }
            out += c;
            ++i;
        }
        return out;
    }

    std::string marker(Marker kind, ProtectedSpan span) {
        span.marker = kind;
        m_context.spans.push_back(std::move(span));
        return std::string(1, static_cast<char>(kind)) + std::to_string(m_context.spans.size() - 1) + marker_end;
    }

    static ProtectedSpan template_span(std::string_view source) {
        ProtectedSpan span;
        span.text = std::string(source);
        if (source.starts_with("{{{")) {
            span.reason = "template parameter";
            span.attributes.emplace_back("parameter", text::trim(template_parts(source.substr(3, source.size() - 6))[0]));
            return span;
        }
        const auto parts = template_parts(source.substr(2, source.size() - 4));
        std::string name = text::trim(parts[0]);
        if (name.starts_with('#')) {
            span.reason = "parser function " + name.substr(0, name.find(':'));
        } else {
            span.reason = "template " + name;
        }
        span.attributes.emplace_back("template", name);
        int position = 0;
        for (std::size_t k = 1; k < parts.size(); ++k) {
            const auto equals = parts[k].find('=');
            if (equals != std::string::npos && parts[k].substr(0, equals).find_first_of("{[") == std::string::npos) {
                span.attributes.emplace_back(text::trim(parts[k].substr(0, equals)), text::trim(parts[k].substr(equals + 1)));
            } else {
                span.attributes.emplace_back(std::to_string(++position), text::trim(parts[k]));
            }
        }
        return span;
    }

    // Handles the tags protected here; returns the bytes consumed (0: not one of them).
    std::size_t tag(std::string_view text, std::size_t at, std::string& out) {
        if (text.substr(at, 4) == "<!--") {
            const auto end = text.find("-->", at + 4);
            return (end == std::string_view::npos ? text.size() : end + 3) - at;
        }
        const auto close = find_within(text, ">", at, max_tag_length);
        if (close == std::string_view::npos) return 0;
        std::string_view inside = text.substr(at + 1, close - at - 1);
        const bool self_closing = inside.ends_with('/');
        if (self_closing) inside.remove_suffix(1);
        std::size_t name_end = 0;
        while (name_end < inside.size() && std::isalpha(static_cast<unsigned char>(inside[name_end]))) ++name_end;
        const std::string name = text::to_lower_ascii(inside.substr(0, name_end));
        const std::string_view attributes = inside.substr(name_end);
        static const char* const protected_tags[] = {"nowiki", "pre", "syntaxhighlight", "source", "math",
                                                     "ref", "references", "blockquote"};
        bool known = false;
        for (const char* candidate : protected_tags) known = known || name == candidate;
        if (!known) return 0;
        if (self_closing) {
            if (name == "references") out += std::string("\n") + references_marker + "\n";
            if (name == "ref") {
                ProtectedSpan span;
                span.attributes.emplace_back("name", tag_attribute(attributes, "name"));
                out += marker(Marker::note, std::move(span));
            }
            return close - at + 1;  // <nowiki/>, <pre/>: nothing
        }
        const std::string end_tag = "</" + name;
        const auto end_at = m_unclosed.count(name) != 0 ? std::string_view::npos : find_nocase(text, end_tag, close + 1);
        if (end_at == std::string_view::npos) m_unclosed.insert(name);
        const auto end = end_at == std::string_view::npos ? std::string::npos : end_at - close - 1;
        const std::size_t content_end = end == std::string::npos ? text.size() : close + 1 + end;
        const auto end_close = end == std::string::npos ? std::string_view::npos : text.find('>', content_end);
        const std::size_t consumed = (end_close == std::string_view::npos ? text.size() : end_close + 1) - at;
        std::string_view content = text.substr(close + 1, content_end - close - 1);
        ProtectedSpan span;
        if (name == "nowiki") {
            span.text = decode_entities(content);
            out += marker(Marker::nowiki, std::move(span));
        } else if (name == "pre" || name == "syntaxhighlight" || name == "source") {
            if (content.starts_with('\n')) content.remove_prefix(1);
            if (content.ends_with('\n')) content.remove_suffix(1);
            span.text = name == "pre" ? decode_entities(content) : std::string(content);
            const std::string language = tag_attribute(attributes, "lang");
            if (!language.empty()) span.attributes.emplace_back("language", language);
            out += "\n" + marker(Marker::code_block, std::move(span)) + "\n";
        } else if (name == "math") {
            span.text = std::string(content);
            span.reason = "math";
            out += marker(Marker::raw, std::move(span));
        } else if (name == "ref") {
            span.text = run(content);
            const std::string ref_name = tag_attribute(attributes, "name");
            if (!ref_name.empty()) span.attributes.emplace_back("name", ref_name);
            out += marker(Marker::note, std::move(span));
        } else if (name == "references") {
            out += std::string("\n") + references_marker + "\n";
        } else {  // blockquote
            span.text = run(content);
            out += "\n" + marker(Marker::quote, std::move(span)) + "\n";
        }
        return consumed;
    }
};

}  // namespace

std::string protect_wikitext(std::string_view text, WikitextContext& context) {
    std::string clean;
    clean.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 && c != '\n' && c != '\t') continue;  // markers must not be forged; \r goes too
        clean += c;
    }
    Protector protector(context);
    return protector.run(clean);
}

}  // namespace baton::convert::detail
