// The convert stage over the workspace: batched reads by item id, one transaction per batch.
#include "convert/convert_job.hpp"

#include "convert/conversion_version.hpp"
#include "convert/links/link_index.hpp"
#include "convert/links/link_marks.hpp"
#include "convert/parallel_for.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/text.hpp"
#include "transform/plan.hpp"

#include <libxml/parser.h>

namespace baton::convert {

namespace {

constexpr int batch_size = 200;

struct BodyRow {
    std::int64_t item_id = 0;
    std::int64_t source_id = 0;
    std::string key;
    std::string format;
    std::string text;
    PageFacts facts;  // what its link page is made of
};

// One body of a batch on its way through the reader, the link index and the writer.
struct BatchBody {
    const ReaderKind* reader = nullptr;  // null: empty, no reader for its format, or failed
    bool failed = false;                 // not UTF-8: reported and skipped
    std::string error;
    SourcePosition error_position;
    Document document;
    LinkPage page;
    LinkReport links;
    std::string output;
    ConversionReport report;
    MarkedLinks marked;      // HTML only: the links as read and their tags in `output`, for loads to reuse it
    std::string link_marks;  // encoded
};

std::string join_reasons(const ConversionReport& report) {
    std::string out;
    for (const auto& reason : report.reasons) out += (out.empty() ? "" : "\n") + reason;
    return out;
}

}  // namespace

ConvertSummary convert_workspace(workspace::Workspace& workspace, std::int64_t run_id, const WriterKind& writer,
                                 std::int64_t source_id, const ConvertProgress& progress, const TargetScheme& scheme) {
    auto& db = workspace.db();
    const std::string filter = "i.removed_run IS NULL AND (?1 <= 0 OR i.source_id = ?1)";
    auto count = db.prepare("SELECT count(*) FROM items i JOIN item_bodies b ON b.item_id = i.id WHERE " + filter);
    count.bind(1, source_id);
    const std::int64_t total = count.step() ? count.column_int(0) : 0;
    auto upsert = db.prepare(
        "INSERT INTO converted_bodies(item_id, format, text, raw_nodes, raw_reasons, internal_links, "
        "unresolved_links, run_id, source_hash, conversion_version, link_marks) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
        "?9, ?10, ?11) ON CONFLICT(item_id, format) DO UPDATE SET "
        "text = excluded.text, raw_nodes = excluded.raw_nodes, raw_reasons = excluded.raw_reasons, "
        "internal_links = excluded.internal_links, unresolved_links = excluded.unresolved_links, "
        "run_id = excluded.run_id, source_hash = excluded.source_hash, conversion_version = "
        "excluded.conversion_version, link_marks = excluded.link_marks");
    // HTML is what the SQLite target stores: its bodies keep their links marked, so a load can reuse them.
    const bool reusable = writer.name == "html";
    xmlInitParser();  // libxml2 must be initialised on one thread before the HTML reader runs on several
    ConvertSummary summary;
    summary.plan_run = transform::latest_plan_run(workspace);
    LinkIndex links(db, summary.plan_run, scheme);
    auto select = db.prepare("SELECT i.id, i.source_id, i.key, coalesce(b.format, ''), b.text, " +
                             page_facts_columns() + " FROM items i JOIN sources s ON s.id = i.source_id "
                             "JOIN item_bodies b ON b.item_id = i.id WHERE " + filter +
                             " AND i.id > ?2 ORDER BY i.id LIMIT " + std::to_string(batch_size));
    std::int64_t last_id = 0;
    std::int64_t done = 0;
    while (true) {
        std::vector<BodyRow> rows;
        select.bind(1, source_id).bind(2, last_id);
        while (select.step()) {
            BodyRow row;
            row.item_id = select.column_int(0);
            row.source_id = select.column_int(1);
            row.key = select.column_text(2);
            row.format = select.column_text(3);
            row.text = select.column_text(4);
            row.facts = read_page_facts(select, 5);
            rows.push_back(std::move(row));
        }
        select.reset();
        if (rows.empty()) break;
        last_id = rows.back().item_id;
        // Making link pages, reading and writing the bodies runs on every core; link resolution and SQLite stay on
        // this thread.
        std::vector<BatchBody> bodies(rows.size());
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (!rows[i].text.empty()) bodies[i].reader = find_reader_for_body_format(rows[i].format);
        }
        parallel_for(rows.size(), [&](std::size_t i) {
            if (!bodies[i].reader) return;
            bodies[i].page = links.page(rows[i].item_id, rows[i].format, rows[i].facts);
            try {
                bodies[i].document = read_text(rows[i].text, *bodies[i].reader);
            } catch (const InputError& error) {
                bodies[i].error = error.problem();
                bodies[i].error_position = error.position();
                bodies[i].reader = nullptr;
                bodies[i].failed = true;
            }
        });
        throw_if_interrupted();
        sql::Transaction transaction(db);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (!bodies[i].reader) continue;
            if (reusable) bodies[i].marked.links = link_attributes(bodies[i].document);  // before they are rewritten
            bodies[i].links = rewrite_links(bodies[i].document, links, bodies[i].page);
        }
        parallel_for(rows.size(), [&](std::size_t i) {
            if (!bodies[i].reader) return;
            if (reusable) {
                bodies[i].output = write_html_marked(bodies[i].document, bodies[i].marked.marks);
                bodies[i].link_marks = encode_link_marks(bodies[i].marked);
                bodies[i].marked = {};
            } else {
                bodies[i].output = writer.write(bodies[i].document);
            }
            bodies[i].report = report_raw_nodes(bodies[i].document);
            bodies[i].document = {};  // the tree is no longer needed: memory stays one batch of outputs
        });
        for (std::size_t i = 0; i < rows.size(); ++i) {
            throw_if_interrupted();
            const auto& row = rows[i];
            const auto& body = bodies[i];
            ++done;
            if (row.text.empty()) {
                ++summary.empty;
                continue;
            }
            if (body.failed) {
                ++summary.failed;
                model::Message message;
                message.severity = model::Severity::error;
                message.code = "convert.malformed-body";
                message.text = "the " + row.format + " body of " + row.key + " was not converted: " + body.error;
                message.position = body.error_position;
                message.item_key = row.key;
                workspace.record_message(run_id, row.source_id, message);
                continue;
            }
            if (!body.reader) {
                ++summary.without_reader[row.format.empty() ? "(none)" : row.format];
                continue;
            }
            const std::string reasons = join_reasons(body.report);  // bound without a copy: kept alive
            const auto& missing = body.links.unresolved;
            std::string missing_text;  // one per line in the table, comma-separated in the message
            std::string missing_list;
            for (const auto& target : missing) {
                missing_text += (missing_text.empty() ? "" : "\n") + target;
                missing_list += (missing_list.empty() ? "" : ", ") + target;
            }
            upsert.bind(1, row.item_id).bind(2, std::string(writer.name)).bind(3, body.output);
            upsert.bind(4, static_cast<std::int64_t>(body.report.raw_nodes));
            upsert.bind_text_or_null(5, reasons).bind(6, body.links.checked).bind_text_or_null(7, missing_text);
            upsert.bind(8, run_id);
            if (reusable) {
                upsert.bind(9, reusable_source_hash(row.format, row.text)).bind(10, conversion_version());
                upsert.bind(11, body.link_marks);
            } else {
                upsert.bind(9, nullptr).bind(10, nullptr).bind(11, nullptr);
            }
            upsert.run();
            summary.internal_links += body.links.checked;
            summary.rewritten_links += body.links.rewritten;
            summary.unresolved_links += static_cast<std::int64_t>(missing.size());
            if (!missing.empty()) {
                ++summary.with_unresolved_links;
                model::Message message;
                message.severity = model::Severity::warning;
                message.code = "convert.unresolved-link";
                message.text = row.key + " links to " + text::counted(static_cast<std::int64_t>(missing.size()), "page") +
                               " not on the target: " + missing_list;
                if (!body.page.community.empty()) {
                    message.text += " (for the owner of community " + body.page.community + ")";
                }
                message.item_key = row.key;
                workspace.record_message(run_id, row.source_id, message);
            }
            ++summary.converted;
            summary.raw_nodes += static_cast<std::int64_t>(body.report.raw_nodes);
            if (body.report.raw_nodes > 0) ++summary.with_raw_nodes;
        }
        transaction.commit();
        if (progress) progress(done, total);
    }
    return summary;
}

std::string describe_summary(const ConvertSummary& summary) {
    std::string text = text::counted(summary.converted, "body", "bodies") + " converted";
    if (summary.with_raw_nodes > 0) {
        text += ", " + text::counted(summary.with_raw_nodes, "needs", "need") + " a look (" +
                text::counted(summary.raw_nodes, "unconverted part") + ")";
    }
    if (summary.internal_links > 0) {
        text += ", " + text::counted(summary.internal_links, "internal link") + " checked";
        if (summary.plan_run > 0) text += ", " + std::to_string(summary.rewritten_links) + " rewritten to target URLs";
        if (summary.unresolved_links > 0) {
            text += " (" + std::to_string(summary.unresolved_links) + " to no page on the target, in " +
                    text::counted(summary.with_unresolved_links, "body", "bodies") + ")";
        }
    }
    if (summary.failed > 0) text += ", " + text::counted(summary.failed, "malformed body", "malformed bodies") + " skipped";
    for (const auto& [format, items] : summary.without_reader) {
        text += ", " + text::counted(items, "body", "bodies") + " in " + format + " left as they are (no reader yet)";
    }
    return text;
}

}  // namespace baton::convert
