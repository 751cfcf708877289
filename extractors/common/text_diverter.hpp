// Takes the text of one kind of element out of the raw XML bytes before the parser sees it, piece by piece,
// so that an element of any size (a base64 file in a dump) is never gathered in memory, by baton or libxml2.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace baton::extract {

// Receives the diverted text. Called from inside libxml2's read callback: must not throw.
class TextDiversion {
public:
    virtual ~TextDiversion() = default;
    // A diverted element starts; `index` is also written into its start tag as baton-diverted="index".
    virtual void begin(std::uint64_t index, std::int64_t line) noexcept = 0;
    virtual void text(std::string_view piece) noexcept = 0;  // the raw text, as many pieces as it takes
    virtual void end() noexcept = 0;                          // also called for an empty element
};

// A filter over the raw bytes of an ASCII-compatible document (UTF-8, Latin-1; not UTF-16). The text of
// every <NAME ...>text</NAME> outside comments, CDATA and processing instructions goes to the diversion;
// the parser sees <NAME baton-diverted="N" ...> followed by as many line breaks as the text had, so line
// numbers stay true. The text must hold no markup (base64 does not): it ends at the first '<'.
class TextDiverter {
public:
    TextDiverter(std::string element_name, TextDiversion& diversion);
    // Filters the next raw bytes, appending what the parser is to read to `out`.
    void filter(std::string_view in, std::string& out);

private:
    enum class State { text, open, start_tag, diverting, comment, cdata, instruction };
    void flush_open(std::string& out);

    std::string m_open_tag;  // "<NAME"
    TextDiversion& m_diversion;
    State m_state = State::text;
    std::string m_pending;       // the markup opening read so far ("<con", "<!-")
    char m_quote = 0;            // inside a quoted attribute value of a diverted start tag
    char m_last_in_tag = 0;      // the last non-space character of that tag ('/' ends an empty element)
    std::string m_tail;          // the last characters of a comment, CDATA section or instruction
    std::uint64_t m_count = 0;   // diverted elements so far
    std::int64_t m_line = 1;     // the line of the raw input being read
    std::uint64_t m_line_breaks = 0;  // in the text being diverted
};

}  // namespace baton::extract
