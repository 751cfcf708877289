// Takes the text of one kind of element out of the raw XML bytes before the parser sees it, piece by piece,
// so that an element of any size (a base64 file in a dump) is never gathered in memory, by baton or libxml2.
#include "extractors/common/text_diverter.hpp"

namespace baton::extract {
namespace {

constexpr std::string_view comment_open = "<!--";
constexpr std::string_view cdata_open = "<![CDATA[";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

}  // namespace

TextDiverter::TextDiverter(std::string element_name, TextDiversion& diversion)
    : m_open_tag("<" + std::move(element_name)), m_diversion(diversion) {}

void TextDiverter::flush_open(std::string& out) {
    out += m_pending;
    m_pending.clear();
    m_state = State::text;
}

void TextDiverter::filter(std::string_view in, std::string& out) {
    std::size_t piece_start = 0;  // of the text being diverted within `in`
    for (std::size_t at = 0; at < in.size(); ++at) {
        const char c = in[at];
        if (c == '\n') ++m_line;
        switch (m_state) {
            case State::text:
                if (c == '<') {
                    m_pending = "<";
                    m_state = State::open;
                } else {
                    out.push_back(c);
                }
                break;
            case State::open: {
                if (m_pending == m_open_tag && (is_space(c) || c == '>' || c == '/')) {
                    out += m_open_tag + " baton-diverted=\"" + std::to_string(m_count) + "\"";
                    m_pending.clear();
                    m_state = State::start_tag;
                    m_quote = 0;
                    m_last_in_tag = 0;
                    --at;  // the character is part of the tag: handled there
                    if (c == '\n') --m_line;
                    break;
                }
                m_pending.push_back(c);
                if (m_pending == comment_open) {
                    flush_open(out);
                    m_state = State::comment;
                    m_tail.clear();
                } else if (m_pending == cdata_open) {
                    flush_open(out);
                    m_state = State::cdata;
                    m_tail.clear();
                } else if (m_pending == "<?") {
                    flush_open(out);
                    m_state = State::instruction;
                    m_tail.clear();
                } else if (!m_open_tag.starts_with(m_pending) && !comment_open.starts_with(m_pending) &&
                           !cdata_open.starts_with(m_pending)) {
                    m_pending.pop_back();
                    flush_open(out);
                    --at;  // look at this character again as text (it may open markup itself)
                    if (c == '\n') --m_line;
                }
                break;
            }
            case State::start_tag:
                out.push_back(c);
                if (m_quote != 0) {
                    if (c == m_quote) m_quote = 0;
                } else if (c == '"' || c == '\'') {
                    m_quote = c;
                } else if (c == '>') {
                    m_diversion.begin(m_count++, m_line);
                    if (m_last_in_tag == '/') {
                        m_diversion.end();
                        m_state = State::text;
                    } else {
                        m_state = State::diverting;
                        m_line_breaks = 0;
                        piece_start = at + 1;
                    }
                } else if (!is_space(c)) {
                    m_last_in_tag = c;
                }
                break;
            case State::diverting:
                if (c == '<') {
                    if (at > piece_start) m_diversion.text(in.substr(piece_start, at - piece_start));
                    m_diversion.end();
                    out.append(m_line_breaks, '\n');
                    m_pending = "<";
                    m_state = State::open;
                } else if (c == '\n') {
                    ++m_line_breaks;
                }
                break;
            case State::comment:
            case State::cdata:
            case State::instruction: {
                out.push_back(c);
                m_tail.push_back(c);
                if (m_tail.size() > 3) m_tail.erase(0, 1);
                const std::string_view close = m_state == State::comment ? "-->" : m_state == State::cdata ? "]]>" : "?>";
                if (m_tail.ends_with(close)) m_state = State::text;
                break;
            }
        }
    }
    if (m_state == State::diverting && in.size() > piece_start) {
        m_diversion.text(in.substr(piece_start));
    }
}

}  // namespace baton::extract
