// The tree writer: the document tree as indented text, for reviewing a conversion and for golden tests.
#pragma once

#include <string>

#include "convert/document.hpp"

namespace baton::convert {

// One node per line, children indented by two spaces: the kind, its level/style/flags, its attributes
// as name="value", and its text in quotes (newlines as \n).
[[nodiscard]] std::string write_tree(const Document& document);

}  // namespace baton::convert
