// The reader and writer registries: adding a markup is a reader (or writer) and one line in registry.cpp.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "convert/document.hpp"

namespace baton::convert {

// A reader turns a body's text into a document; it never fails on odd markup (what it cannot
// convert becomes raw nodes). Text that is not UTF-8 is refused before any reader runs.
using ReadFunction = Document (*)(std::string_view text);
using WriteFunction = std::string (*)(const Document& document);

struct ReaderKind {
    std::string_view name;         // --from NAME
    std::string_view body_format;  // the model::Body format it reads ("wordpress-html", "wikitext", ...)
    std::string_view description;
    ReadFunction read;
};

struct WriterKind {
    std::string_view name;  // --to NAME
    std::string_view description;
    WriteFunction write;
};

[[nodiscard]] const std::vector<ReaderKind>& reader_kinds();
[[nodiscard]] const std::vector<WriterKind>& writer_kinds();
[[nodiscard]] const ReaderKind* find_reader(std::string_view name);
[[nodiscard]] const ReaderKind* find_reader_for_body_format(std::string_view body_format);
[[nodiscard]] const WriterKind* find_writer(std::string_view name);

// The names of the readers (or writers) joined with ", ", for help texts and usage errors.
[[nodiscard]] std::string reader_names();
[[nodiscard]] std::string writer_names();

struct Conversion {
    std::string output;
    ConversionReport report;
    Document document;  // the tree the output was written from
};

// Checks that `text` is UTF-8 (InputError naming the byte otherwise) and reads it with `reader`.
[[nodiscard]] Document read_text(std::string_view text, const ReaderKind& reader);

// Called between reading and writing, e.g. to rewrite links.
using TreeTransform = std::function<void(Document& document)>;

// Reads `text` with `reader`, applies `transform` (when given) and writes it with `writer`. Throws InputError
// (malformed_input) naming the byte offset when the text is not valid UTF-8.
[[nodiscard]] Conversion convert_text(std::string_view text, const ReaderKind& reader, const WriterKind& writer,
                                      const TreeTransform& transform = {});

}  // namespace baton::convert
