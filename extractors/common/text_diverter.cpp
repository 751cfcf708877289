// Takes the text of one kind of element out of the raw XML bytes before the parser sees it, piece by piece,
// so that an element of any size (a base64 file in a dump) is never gathered in memory, by baton or libxml2.
#include "extractors/common/text_diverter.hpp"

#include <algorithm>

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
    std::size_t at = 0;
    while (at < in.size()) {
        if (m_state == State::text || m_state == State::diverting) {
            // The bulk of a dump: runs up to the next '<', copied or diverted whole.
            const std::size_t found = in.find('<', at);
            const std::size_t stop = found == std::string_view::npos ? in.size() : found;
            const std::string_view run = in.substr(at, stop - at);
            const auto line_breaks = static_cast<std::int64_t>(std::count(run.begin(), run.end(), '\n'));
            m_line += line_breaks;
            if (m_state == State::text) {
                out += run;
            } else {
                m_line_breaks += static_cast<std::uint64_t>(line_breaks);
                if (!run.empty()) m_diversion.text(run);
                if (found != std::string_view::npos) {
                    m_diversion.end();
                    out.append(m_line_breaks, '\n');
                }
            }
            if (found == std::string_view::npos) return;
            m_pending = "<";
            m_state = State::open;
            at = found + 1;
            continue;
        }
        const char c = in[at];
        if (c == '\n') ++m_line;
        bool again = false;  // look at `c` again in the state it leads to
        switch (m_state) {
            case State::open: {
                if (m_pending == m_open_tag && (is_space(c) || c == '>' || c == '/')) {
                    out += m_open_tag + " baton-diverted=\"" + std::to_string(m_count) + "\"";
                    m_pending.clear();
                    m_state = State::start_tag;
                    m_quote = 0;
                    m_last_in_tag = 0;
                    again = true;  // the character is part of the tag: handled there
                    break;
                }
                m_pending.push_back(c);
                if (m_pending == comment_open || m_pending == cdata_open || m_pending == "<?") {
                    const State next = m_pending == comment_open ? State::comment
                                       : m_pending == cdata_open ? State::cdata
                                                                 : State::instruction;
                    flush_open(out);
                    m_state = next;
                    m_tail.clear();
                } else if (!m_open_tag.starts_with(m_pending) && !comment_open.starts_with(m_pending) &&
                           !cdata_open.starts_with(m_pending)) {
                    m_pending.pop_back();
                    flush_open(out);
                    again = true;  // as text: it may open markup itself
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
                    }
                } else if (!is_space(c)) {
                    m_last_in_tag = c;
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
            case State::text:
            case State::diverting: break;  // handled above
        }
        if (again) {
            if (c == '\n') --m_line;
        } else {
            ++at;
        }
    }
}

}  // namespace baton::extract
