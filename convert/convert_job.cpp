// The convert stage over the workspace: batched reads by item id, one transaction per batch.
#include "convert/convert_job.hpp"

#include "convert/links/link_index.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/text.hpp"
#include "transform/plan.hpp"

namespace baton::convert {

namespace {

constexpr int batch_size = 200;

struct BodyRow {
    std::int64_t item_id = 0;
    std::int64_t source_id = 0;
    std::string key;
    std::string format;
    std::string text;
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
    auto select = db.prepare("SELECT i.id, i.source_id, i.key, coalesce(b.format, ''), b.text FROM items i "
                             "JOIN item_bodies b ON b.item_id = i.id WHERE " + filter +
                             " AND i.id > ?2 ORDER BY i.id LIMIT " + std::to_string(batch_size));
    auto upsert = db.prepare(
        "INSERT INTO converted_bodies(item_id, format, text, raw_nodes, raw_reasons, internal_links, "
        "unresolved_links, run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT(item_id, format) DO UPDATE SET "
        "text = excluded.text, raw_nodes = excluded.raw_nodes, raw_reasons = excluded.raw_reasons, "
        "internal_links = excluded.internal_links, unresolved_links = excluded.unresolved_links, "
        "run_id = excluded.run_id");
    ConvertSummary summary;
    summary.plan_run = transform::latest_plan_run(workspace);
    LinkIndex links(db, summary.plan_run, scheme);
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
            rows.push_back(std::move(row));
        }
        select.reset();
        if (rows.empty()) break;
        last_id = rows.back().item_id;
        sql::Transaction transaction(db);
        for (const auto& row : rows) {
            throw_if_interrupted();
            ++done;
            if (row.text.empty()) {
                ++summary.empty;
                continue;
            }
            const ReaderKind* reader = find_reader_for_body_format(row.format);
            if (!reader) {
                ++summary.without_reader[row.format.empty() ? "(none)" : row.format];
                continue;
            }
            try {
                const LinkPage page = links.page(row.item_id, row.format);
                LinkReport link_report;
                const Conversion conversion = convert_text(row.text, *reader, writer, [&](Document& document) {
                    link_report = rewrite_links(document, links, page);
                });
                const std::string reasons = join_reasons(conversion.report);  // bound without a copy: kept alive
                const auto& missing = link_report.unresolved;
                std::string missing_text;  // one per line in the table, comma-separated in the message
                std::string missing_list;
                for (const auto& target : missing) {
                    missing_text += (missing_text.empty() ? "" : "\n") + target;
                    missing_list += (missing_list.empty() ? "" : ", ") + target;
                }
                upsert.bind(1, row.item_id).bind(2, std::string(writer.name)).bind(3, conversion.output);
                upsert.bind(4, static_cast<std::int64_t>(conversion.report.raw_nodes));
                upsert.bind_text_or_null(5, reasons).bind(6, link_report.checked).bind_text_or_null(7, missing_text);
                upsert.bind(8, run_id);
                upsert.run();
                summary.internal_links += link_report.checked;
                summary.rewritten_links += link_report.rewritten;
                summary.unresolved_links += static_cast<std::int64_t>(missing.size());
                if (!missing.empty()) {
                    ++summary.with_unresolved_links;
                    model::Message message;
                    message.severity = model::Severity::warning;
                    message.code = "convert.unresolved-link";
                    message.text = row.key + " links to " + text::counted(static_cast<std::int64_t>(missing.size()),
                                                                          "page") + " not on the target: " + missing_list;
                    if (!page.community.empty()) message.text += " (for the owner of community " + page.community + ")";
                    message.item_key = row.key;
                    workspace.record_message(run_id, row.source_id, message);
                }
                ++summary.converted;
                summary.raw_nodes += static_cast<std::int64_t>(conversion.report.raw_nodes);
                if (conversion.report.raw_nodes > 0) ++summary.with_raw_nodes;
            } catch (const InputError& error) {
                ++summary.failed;
                model::Message message;
                message.severity = model::Severity::error;
                message.code = "convert.malformed-body";
                message.text = "the " + row.format + " body of " + row.key + " was not converted: " + error.problem();
                message.position = error.position();
                message.item_key = row.key;
                workspace.record_message(run_id, row.source_id, message);
            }
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
