// The content items and comments of a load, read from the workspace with their bodies made ready for the platform.
#include "loaders/sqlite/platform_bodies.hpp"

#include <pthread.h>

#include <optional>

#include "convert/conversion_version.hpp"
#include "convert/links/link_marks.hpp"
#include "convert/links/target_body.hpp"
#include "core/error.hpp"
#include "loaders/common/load_selection.hpp"

namespace baton::load::sqlite_target {
namespace {

constexpr std::size_t rows_per_batch = 512;

// `baton convert`'s HTML of a body, reused when it was made from the same body by the same conversion.
constexpr const char* stored_columns =
    "coalesce(cb.text, ''), coalesce(cb.source_hash, ''), coalesce(cb.conversion_version, ''), "
    "coalesce(cb.link_marks, '') ";
constexpr const char* stored_join = "LEFT JOIN converted_bodies cb ON cb.item_id = i.id AND cb.format = 'html' ";

const std::string content_sql =
    "SELECT s.key || '#' || i.key, pp.community_id, i.kind, coalesce(i.title, ''), coalesce(i.status, ''), "
    "coalesce(i.author_id, 0), coalesce(s.key || '#' || i.parent_key, ''), coalesce(b.format, ''), "
    "coalesce(b.text, ''), coalesce(i.created_at, ''), coalesce(i.modified_at, ''), i.source_id, i.id, " +
    std::string(stored_columns) +
    "FROM plan_placements pp JOIN items i ON i.id = pp.item_id JOIN sources s ON s.id = i.source_id "
    "LEFT JOIN item_bodies b ON b.item_id = i.id " + stored_join +
    "WHERE pp.plan_run = ? AND pp.item_id IN (SELECT id FROM temp.selected_items) AND i.kind <> 'comment' "
    "ORDER BY i.id";

const std::string comments_sql =
    "SELECT s.key || '#' || i.key, s.key || '#' || i.parent_key, coalesce(i.author_id, 0), "
    "coalesce(s.key || '#' || i.reply_to_key, ''), coalesce(b.text, ''), coalesce(i.status, ''), "
    "coalesce(i.created_at, ''), i.source_id, pp.community_id, coalesce(b.format, ''), i.id, " +
    std::string(stored_columns) +
    "FROM plan_placements pp JOIN items i ON i.id = pp.item_id LEFT JOIN item_bodies b ON b.item_id = i.id " +
    stored_join +
    "JOIN sources s ON s.id = i.source_id WHERE pp.plan_run = ? AND pp.item_id IN "
    "(SELECT id FROM temp.selected_items) AND i.kind = 'comment' ORDER BY i.id";

// A row as read: the stored conversion beside the body it may have been made from.
struct StoredBody {
    std::string html, source_hash, version, marks;
};

void read_stored(const sql::Statement& select, int first, StoredBody& stored) {
    stored.html = select.column_text(first);
    stored.source_hash = select.column_text(first + 1);
    stored.version = select.column_text(first + 2);
    stored.marks = select.column_text(first + 3);
}

ReadyRow read_content(const sql::Statement& select, StoredBody& stored) {
    ReadyRow row;
    row.legacy_key = select.column_text(0);
    row.community_id = select.column_int(1);
    row.kind = select.column_text(2);
    row.title = select.column_text(3);
    row.status = select.column_text(4);
    row.author_id = select.column_int(5);
    row.parent_key = select.column_text(6);
    row.legacy_format = select.column_text(7);
    row.legacy_body = select.column_text(8);
    row.created_at = select.column_text(9);
    row.modified_at = select.column_text(10);
    row.source_id = select.column_int(11);
    row.item_id = select.column_int(12);
    read_stored(select, 13, stored);
    return row;
}

ReadyRow read_comment(const sql::Statement& select, StoredBody& stored) {
    ReadyRow row;
    row.comment = true;
    row.legacy_key = select.column_text(0);
    row.content_key = select.column_text(1);
    row.author_id = select.column_int(2);
    row.parent_key = select.column_text(3);
    row.legacy_body = select.column_text(4);
    row.status = select.column_text(5);
    row.created_at = select.column_text(6);
    row.source_id = select.column_int(7);
    row.community_id = select.column_int(8);
    row.legacy_format = select.column_text(9);
    row.item_id = select.column_int(10);
    read_stored(select, 11, stored);
    return row;
}

// The stored HTML with its links pointed here, when it was made from this body by this build and its marks fit it.
bool reuse_stored(ReadyRow& row, const StoredBody& stored, convert::LinkIndex& links) {
    if (stored.marks.empty() || stored.version != convert::conversion_version() ||
        stored.source_hash != convert::reusable_source_hash(row.legacy_format, row.legacy_body)) {
        return false;
    }
    const auto marks = convert::decode_link_marks(stored.marks);
    if (!marks) return false;
    auto spliced = convert::splice_links(stored.html, *marks, links, links.page(row.item_id, row.legacy_format));
    if (!spliced) return false;  // marks that do not fit their HTML: converted here instead
    row.format = "html";
    row.text = std::move(spliced->html);
    row.converted = true;
    row.reused = true;
    row.unresolved = std::move(spliced->links.unresolved);
    return true;
}

// The body converted here; kept as extracted (and said why) when no reader knows it or it is not UTF-8.
void convert_here(ReadyRow& row, convert::LinkIndex& links) {
    static const convert::WriterKind& html = *convert::find_writer("html");
    std::optional<convert::Document> document;
    try {
        document = convert::read_body_for_target(row.legacy_body, row.legacy_format);
    } catch (const InputError& error) {
        row.not_converted = error.what();
    }
    if (!document) {
        if (row.not_converted.empty() && !row.legacy_body.empty()) {
            row.not_converted = "no reader knows its format \"" + row.legacy_format + "\"";
        }
        row.format = row.legacy_format;
        row.text = row.legacy_body;
        return;
    }
    auto converted = convert::finish_body_for_target(links, row.item_id, row.legacy_format, std::move(*document), html);
    row.format = "html";
    row.text = std::move(converted.conversion.output);
    row.converted = true;
    row.unresolved = std::move(converted.links.unresolved);
}

}  // namespace

PlatformBodies::PlatformBodies(sql::Database& db, std::int64_t plan_run, const convert::TargetScheme& scheme)
    : m_db(db), m_plan(plan_run), m_links(db, plan_run, scheme), m_select(db.prepare(content_sql)) {
    m_select.bind(1, m_plan);
}

convert::RedirectFiles PlatformBodies::write_redirects(const std::filesystem::path& folder) {
    return convert::write_redirect_files(m_db, m_links, 0, folder);
}

std::vector<ReadyRow> PlatformBodies::next(std::size_t rows) {
    std::vector<ReadyRow> batch;
    StoredBody stored;
    while (!m_done && batch.size() < rows) {
        if (!m_select.step()) {
            if (m_comments) {
                m_done = true;
                break;
            }
            m_select = m_db.prepare(comments_sql);
            m_select.bind(1, m_plan);
            m_comments = true;
            continue;
        }
        ReadyRow row = m_comments ? read_comment(m_select, stored) : read_content(m_select, stored);
        if (!reuse_stored(row, stored, m_links)) convert_here(row, m_links);
        batch.push_back(std::move(row));
    }
    return batch;
}

BodiesAhead::BodiesAhead(sql::Database& workspace, std::int64_t plan_run, const LoadOptions& options,
                         const convert::TargetScheme& scheme, std::filesystem::path redirects) {
    if (!workspace.in_wal_mode()) {
        m_here = std::make_unique<PlatformBodies>(workspace, plan_run, scheme);
        if (!redirects.empty()) m_redirects = m_here->write_redirects(redirects);
        return;
    }
    m_ahead = std::make_unique<BatchesAhead<std::vector<ReadyRow>>>(
        [this, path = workspace.path(), plan_run, options, scheme, redirects](const auto& hand_over) {
            pthread_setname_np(pthread_self(), "baton-bodies");
            sql::Database aside(path, sql::OpenMode::read_only);
            const LoadSelection selection(aside, plan_run, options);
            PlatformBodies bodies(aside, plan_run, scheme);
            if (!redirects.empty()) m_redirects = bodies.write_redirects(redirects);
            for (auto batch = bodies.next(rows_per_batch); !batch.empty(); batch = bodies.next(rows_per_batch)) {
                if (!hand_over(std::move(batch))) return;  // the load stopped
            }
        });
}

std::vector<ReadyRow> BodiesAhead::next() {
    if (m_here) return m_here->next(rows_per_batch);
    auto batch = m_ahead->next();
    return batch ? std::move(*batch) : std::vector<ReadyRow>();
}

}  // namespace baton::load::sqlite_target
