// A small reader of pandoc's native format: only the constructors of the top-level block list.
#include "support/pandoc_native.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace baton::test {

namespace {

// Top-level blocks sit at depth 1 of the document's block list: "  [ Header" or "  , Para" in pandoc's
// pretty-printed native output (two spaces, the list punctuation, a space, the constructor).
std::string tag_for(const std::string& constructor, const std::string& rest) {
    if (constructor == "Header") {
        for (const char c : rest) {
            if (std::isdigit(static_cast<unsigned char>(c))) return std::string("H") + c;
            if (!std::isspace(static_cast<unsigned char>(c))) break;
        }
        throw std::runtime_error("a Header without a level in the native file");
    }
    if (constructor == "Para" || constructor == "Plain" || constructor == "Figure") return "P";
    if (constructor == "BulletList") return "UL";
    if (constructor == "OrderedList") return "OL";
    if (constructor == "DefinitionList") return "DL";
    if (constructor == "Table") return "T";
    if (constructor == "CodeBlock") return "C";
    if (constructor == "BlockQuote") return "Q";
    return {};
}

}  // namespace

std::vector<std::string> native_block_tags(const std::string& native_text, bool captions_as_paragraphs) {
    std::vector<std::string> tags;
    std::size_t at = 0;
    while (at < native_text.size()) {
        auto end = native_text.find('\n', at);
        if (end == std::string::npos) end = native_text.size();
        const std::string line = native_text.substr(at, end - at);
        // Pretty output of `-s`: "  [ Header" / "  , Para"; compact output without `-s`: "[Header" / ",Para".
        std::size_t name_start = 0;
        if (line.size() > 4 && line.compare(0, 2, "  ") == 0 && (line[2] == '[' || line[2] == ',') && line[3] == ' ') {
            name_start = 4;
        } else if (line.size() > 1 && (line[0] == '[' || line[0] == ',')) {
            name_start = 1;
        }
        if (name_start > 0 && std::isupper(static_cast<unsigned char>(line[name_start]))) {
            std::size_t name_end = name_start;
            while (name_end < line.size() && std::isalpha(static_cast<unsigned char>(line[name_end]))) ++name_end;
            const std::string constructor = line.substr(name_start, name_end - name_start);
            // A Header's level follows on the same line or the next one.
            const std::string rest = native_text.substr(at + name_end, 40);
            const std::string tag = tag_for(constructor, rest);
            if (tag == "T" && captions_as_paragraphs) {
                // "(Caption Nothing\n [Para ...])": a non-empty caption block list comes before the table
                const auto caption = native_text.find("(Caption", at);
                if (caption != std::string::npos) {
                    auto list = native_text.find('[', caption);
                    if (list != std::string::npos && native_text.compare(list, 2, "[]") != 0) tags.emplace_back("P");
                }
            }
            if (!tag.empty()) tags.push_back(tag);
        }
        at = end + 1;
    }
    return tags;
}

std::vector<std::string> document_block_tags(const convert::Document& document) {
    using convert::NodeKind;
    std::vector<std::string> tags;
    for (const auto& block : document.blocks) {
        switch (block.kind) {
            case NodeKind::heading: tags.push_back("H" + std::to_string(block.level)); break;
            case NodeKind::paragraph: tags.emplace_back("P"); break;
            case NodeKind::list:
                tags.emplace_back(block.list_style == convert::ListStyle::bullet    ? "UL"
                                  : block.list_style == convert::ListStyle::ordered ? "OL"
                                                                                    : "DL");
                break;
            case NodeKind::table: tags.emplace_back("T"); break;
            case NodeKind::code_block: tags.emplace_back("C"); break;
            case NodeKind::quote: tags.emplace_back("Q"); break;
            default: break;
        }
    }
    return tags;
}

double sequence_agreement(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    if (a.empty() && b.empty()) return 100.0;
    std::vector<std::size_t> previous(b.size() + 1, 0);
    std::vector<std::size_t> current(b.size() + 1, 0);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            current[j] = a[i - 1] == b[j - 1] ? previous[j - 1] + 1 : std::max(previous[j], current[j - 1]);
        }
        std::swap(previous, current);
    }
    const double lcs = static_cast<double>(previous[b.size()]);
    return 200.0 * lcs / static_cast<double>(a.size() + b.size());
}

}  // namespace baton::test
