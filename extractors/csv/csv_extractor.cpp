// CSV list exports (SharePoint lists, spreadsheets): one item per row, columns mapped to model fields.
#include "extractors/csv/csv_extractor.hpp"

#include <filesystem>

#include "core/interrupt.hpp"
#include "core/text.hpp"
#include "extractors/common/source_key.hpp"
#include "extractors/common/utf8.hpp"

namespace baton::extract::csv {

CsvExtractor::CsvExtractor(const std::string& path, const ExtractOptions& options)
    : m_reader(path), m_mapping(options.columns) {}

model::SourceInfo CsvExtractor::open() {
    CsvRecord header;
    std::string problem;
    if (!m_reader.next(header, problem)) {
        throw InputError(ExitCode::truncated_input, {m_reader.path(), 0, 0}, "the file is empty: it has no header row",
                         "export the list again with its column names in the first row");
    }
    if (!problem.empty()) {
        throw InputError(ExitCode::malformed_input, {m_reader.path(), header.line, 0}, "the header row: " + problem,
                         "the first row must name the columns");
    }
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        if (invalid_utf8_at(header.fields[i]) != std::string::npos) {
            throw InputError(ExitCode::malformed_input, {m_reader.path(), header.line, 0},
                             "the header row is not valid UTF-8 (column " + std::to_string(i + 1) + ")",
                             "save the file as CSV UTF-8 (Excel: Save As > CSV UTF-8)");
        }
    }
    m_header = std::move(header.fields);
    m_columns = resolve_columns(m_mapping, m_header, m_reader.path());
    m_mapped.assign(m_header.size(), false);
    for (const auto& index : m_columns.index) {
        if (index) m_mapped[*index] = true;
    }
    m_source.kind = "csv";
    m_source.locator = m_reader.path();
    m_source.key = file_source_key(m_reader.path());
    m_source.title = std::filesystem::path(m_reader.path()).stem().string();
    m_opened = true;
    return m_source;
}

std::string CsvExtractor::value(const CsvRecord& record, std::string_view field) const {
    const auto& index = m_columns.of(field);
    if (!index || *index >= record.fields.size()) return {};
    return text::trim(record.fields[*index]);
}

std::string CsvExtractor::person(const std::string& name, model::ModelSink& sink) {
    if (name.empty()) return {};
    const bool email = name.find('@') != std::string::npos && name.find(' ') == std::string::npos;
    const std::string key = (email ? "email:" : "name:") + name;
    if (m_emitted.first_sight(key)) {
        model::Person person;
        person.key = key;
        person.display_name = name;
        if (email) person.email = name;
        person.declared = false;
        sink.person(std::move(person));
    }
    return key;
}

std::string CsvExtractor::folders(const std::string& path, model::ModelSink& sink) {
    // "Shared Documents/HR/Policies": one folder per level, each inside the one before.
    std::string parent;
    std::string current;
    std::size_t from = 0;
    while (from <= path.size()) {
        const auto slash = path.find('/', from);
        const std::string name = text::trim(std::string_view(path).substr(from, slash == std::string::npos ? std::string::npos : slash - from));
        from = slash == std::string::npos ? path.size() + 1 : slash + 1;
        if (name.empty()) continue;
        current = current.empty() ? name : current + "/" + name;
        const std::string key = "folder:" + current;
        if (m_emitted.first_sight(key)) {
            sink.container({key, "folder", name, text::slugify(name), parent.empty() ? "" : "folder:" + parent, {}, {}, true});
        }
        parent = current;
    }
    return current.empty() ? std::string() : "folder:" + current;
}

void CsvExtractor::skip_row(const CsvRecord& record, const std::string& problem, model::ModelSink& sink) {
    model::Message message;
    message.severity = model::Severity::error;
    message.code = "csv.bad-row";
    message.text = problem + "; the row is skipped";
    message.position = {m_reader.path(), record.line, 0};
    sink.message(std::move(message));
}

void CsvExtractor::emit_row(const CsvRecord& record, model::ModelSink& sink) {
    if (record.fields.size() != m_header.size()) {
        skip_row(record,
                 "expected " + text::counted(static_cast<std::int64_t>(m_header.size()), "field") +
                     " as in the header, found " + std::to_string(record.fields.size()),
                 sink);
        return;
    }
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        if (invalid_utf8_at(record.fields[i]) != std::string::npos) {
            skip_row(record, "the column \"" + m_header[i] + "\" is not valid UTF-8 (save the file as CSV UTF-8)", sink);
            return;
        }
    }
    model::Item item;
    const std::string id = value(record, "id");
    item.key = id.empty() ? "line:" + std::to_string(record.line) : "row:" + id;
    item.kind = "row";
    item.status = "current";
    item.source_line = record.line;
    item.title = value(record, "title");
    if (item.title.empty()) item.title = id.empty() ? "line " + std::to_string(record.line) : id;
    item.slug = text::slugify(item.title);
    item.created_at = value(record, "created");
    item.modified_at = value(record, "modified");
    if (item.modified_at.empty()) item.modified_at = item.created_at;
    item.author_key = person(value(record, "author"), sink);
    if (!item.author_key.empty() || !item.created_at.empty()) {
        item.revisions.push_back({"created", item.author_key, item.created_at, 0, {}, {}});
    }
    if (const std::string folder = folders(value(record, "container"), sink); !folder.empty()) {
        item.container_keys.push_back(folder);
    }
    if (const auto& body = m_columns.of("body"); body && *body < record.fields.size()) {
        item.body = {"text", record.fields[*body]};  // as written, untrimmed
    }
    // Every column no field took is kept as it is.
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
        if (!m_mapped[i] && !record.fields[i].empty()) item.attributes.emplace_back("column:" + m_header[i], record.fields[i]);
    }
    sink.item(std::move(item));
}

void CsvExtractor::extract(model::ModelSink& sink, const ProgressCallback& progress) {
    if (!m_opened) open();
    if (!m_columns.of("id")) {
        model::Message message;
        message.severity = model::Severity::info;
        message.code = "csv.no-id-column";
        message.text = "no id column: rows are keyed by their line, so a re-export with rows added or removed "
                       "changes the keys of the rows after them (map one with --columns id=COLUMN)";
        message.position = {m_reader.path(), 1, 0};
        sink.message(std::move(message));
    }
    CsvRecord record;
    std::string problem;
    std::uint64_t rows = 0;
    while (m_reader.next(record, problem)) {
        if (!problem.empty()) {
            skip_row(record, problem, sink);
        } else {
            emit_row(record, sink);
        }
        if (++rows % 256 == 0) {
            throw_if_interrupted();
            if (progress) progress(rows, m_reader.bytes_consumed());
        }
    }
    if (progress) progress(rows, m_reader.bytes_consumed());
}

}  // namespace baton::extract::csv

namespace baton::extract {
std::unique_ptr<Extractor> create_csv_extractor(const std::string& path, const ExtractOptions& options) {
    return std::make_unique<csv::CsvExtractor>(path, options);
}
}  // namespace baton::extract
