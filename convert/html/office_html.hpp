// Office (Word, OneNote, FrontPage) HTML specifics: downlevel conditionals and Word list paragraphs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace baton::convert::detail {

// The tag that replaces Word's downlevel-revealed conditionals `<![if COND]>` ... `<![endif]>`, which the
// HTML parser would otherwise keep as text; its `cond` attribute holds COND.
inline constexpr std::string_view conditional_tag = "baton-if";

// `html` with `<![if COND]>` turned into `<baton-if cond="COND">` and `<![endif]>` into `</baton-if>`.
[[nodiscard]] std::string mark_downlevel_conditionals(std::string_view html);

struct WordListParagraph {
    int level = 1;
    std::string list_id;  // "l0": paragraphs of one Word list share it
};

// A Word list paragraph's level and list, from its style (`mso-list:l0 level2 lfo1`) or class
// (MsoListParagraph*); nullopt for any other paragraph.
[[nodiscard]] std::optional<WordListParagraph> word_list_paragraph(std::string_view style, std::string_view css_class);

// Whether a Word list marker ("1.", "a)", "iv.") numbers its list; bullets ("·", "o", "§", "-") do not.
[[nodiscard]] bool is_ordered_marker(std::string_view marker);

// A style attribute naming an Office list marker span (`mso-list:Ignore`).
[[nodiscard]] bool is_word_marker_style(std::string_view style);

}  // namespace baton::convert::detail
