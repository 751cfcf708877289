// The content items and comments of a load, read from the workspace with their bodies made ready for the platform.
#include "loaders/sqlite/platform_bodies.hpp"

#include <libxml/parser.h>
#include <pthread.h>

#include <optional>

#include "convert/conversion_version.hpp"
#include "convert/links/link_marks.hpp"
#include "convert/links/target_body.hpp"
#include "convert/parallel_for.hpp"
#include "core/error.hpp"
#include "loaders/common/load_selection.hpp"

namespace baton::load::sqlite_target {
namespace {

constexpr std::size_t rows_per_batch = 512;

// `baton convert`'s HTML of a body, reused when it was made from the same body by the same conversion.
constexpr const char* stored_columns =
    "coalesce(cb.text, ''), coalesce(cb.source_hash, ''), coalesce(cb.conversion_version, ''), "
    "coalesce(cb.link_marks, '')";
constexpr const char* stored_join = "LEFT JOIN converted_bodies cb ON cb.item_id = i.id AND cb.format = 'html' ";

// One chunk of content items (?4 = 0) or comments (?4 = 1) after item ?2, at most ?3 rows. parent: the parent item's
// key (a comment's: the content item it is on); reply_to: the comment it replies to.
const std::string rows_sql =
    "SELECT s.key || '#' || i.key, pp.community_id, i.kind, coalesce(i.title, ''), coalesce(i.status, ''), "
    "coalesce(i.author_id, 0), coalesce(s.key || '#' || i.parent_key, ''), "
    "coalesce(s.key || '#' || i.reply_to_key, ''), coalesce(b.format, ''), coalesce(b.text, ''), "
    "coalesce(i.created_at, ''), coalesce(i.modified_at, ''), i.source_id, i.id, " +
    std::string(stored_columns) + ", " + convert::page_facts_columns() + " " +
    "FROM plan_placements pp JOIN items i ON i.id = pp.item_id JOIN sources s ON s.id = i.source_id "
    "LEFT JOIN item_bodies b ON b.item_id = i.id " + stored_join +
    "WHERE pp.plan_run = ?1 AND pp.item_id > ?2 AND pp.item_id IN (SELECT id FROM temp.selected_items) AND "
    "(i.kind = 'comment') = ?4 ORDER BY pp.item_id LIMIT ?3";

// `baton convert`'s HTML of a body as stored: the fingerprint of the body it was made from, the conversion's
// version and its link marks (converted_bodies).
struct StoredConversion {
    std::string html, source_hash, version, marks;
};

// A row on its way: what was read, and what the work on every core found in it.
struct Pending {
    ReadyRow row;
    StoredConversion stored;
    convert::PageFacts facts;                   // what its link page is made of
    convert::LinkPage page;                     // made on every core
    std::optional<convert::MarkedLinks> marks;  // the stored conversion's, when it is current
    std::optional<convert::Document> document;  // the body read, to be converted here
};

Pending read_row(const sql::Statement& select, bool comment) {
    Pending pending;
    ReadyRow& row = pending.row;
    StoredConversion& stored = pending.stored;
    row.comment = comment;
    row.legacy_key = select.column_text(0);
    row.community_id = select.column_int(1);
    row.kind = select.column_text(2);
    row.title = select.column_text(3);
    row.status = select.column_text(4);
    row.author_id = select.column_int(5);
    (comment ? row.content_key : row.parent_key) = select.column_text(6);
    if (comment) row.parent_key = select.column_text(7);
    row.legacy_format = select.column_text(8);
    row.legacy_body = select.column_text(9);
    row.created_at = select.column_text(10);
    row.modified_at = select.column_text(11);
    row.source_id = select.column_int(12);
    row.item_id = select.column_int(13);
    stored.html = select.column_text(14);
    stored.source_hash = select.column_text(15);
    stored.version = select.column_text(16);
    stored.marks = select.column_text(17);
    pending.facts = convert::read_page_facts(select, 18);
    return pending;
}

// The body read into a tree; kept as extracted (and said why) when no reader knows it or it is not UTF-8.
void read_here(Pending& pending) {
    ReadyRow& row = pending.row;
    try {
        pending.document = convert::read_body_for_target(row.legacy_body, row.legacy_format);
    } catch (const InputError& error) {
        row.not_converted = error.what();
    }
    if (pending.document) return;
    if (row.not_converted.empty() && !row.legacy_body.empty()) {
        row.not_converted = "no reader knows its format \"" + row.legacy_format + "\"";
    }
    row.format = row.legacy_format;
    row.text = row.legacy_body;
}

// What needs no link index: the stored conversion taken when it was made from this body by this build, else the
// body read.
void check_or_read(Pending& pending) {
    const ReadyRow& row = pending.row;
    const StoredConversion& stored = pending.stored;
    if (!stored.marks.empty() && stored.version == convert::conversion_version() &&
        stored.source_hash == convert::reusable_source_hash(row.legacy_format, row.legacy_body)) {
        pending.marks = convert::decode_link_marks(stored.marks);
        if (pending.marks) return;
    }
    read_here(pending);
}

// The links, through the index: the stored HTML with its links pointed here when its marks fit it, else the tree's
// links rewritten (its HTML is written after).
void point_links(Pending& pending, convert::LinkIndex& links) {
    ReadyRow& row = pending.row;
    if (pending.marks) {
        auto spliced = convert::splice_links(pending.stored.html, *pending.marks, links, pending.page);
        pending.marks.reset();
        if (spliced) {
            row.format = "html";
            row.text = std::move(spliced->html);
            row.converted = true;
            row.reused = true;
            row.unresolved = std::move(spliced->links.unresolved);
            return;
        }
        read_here(pending);  // marks that do not fit their HTML: converted here instead
    }
    if (!pending.document) return;
    row.unresolved = convert::rewrite_links(*pending.document, links, pending.page).unresolved;
}

// The tree converted, as sanitised HTML.
void write_html(Pending& pending) {
    static const convert::WriterKind& html = *convert::find_writer("html");
    if (!pending.document) return;
    ReadyRow& row = pending.row;
    row.format = "html";
    row.text = html.write(*pending.document);
    row.converted = true;
    pending.document.reset();
}

}  // namespace

PlatformBodies::PlatformBodies(sql::Database& db, std::int64_t plan_run, const convert::TargetScheme& scheme,
                               std::int64_t rows_per_chunk)
    : m_db(db),
      m_plan(plan_run),
      m_rows_per_chunk(rows_per_chunk),
      m_links(db, plan_run, scheme),
      m_select(db.prepare(rows_sql)) {
    xmlInitParser();  // libxml2 must be initialised on one thread before the HTML reader runs on several
}

convert::RedirectFiles PlatformBodies::write_redirects(const std::filesystem::path& folder) {
    return convert::write_redirect_files(m_db, m_links, 0, folder);
}

std::vector<ReadyRow> PlatformBodies::next(std::size_t rows) {
    std::vector<ReadyRow> batch;
    while (batch.size() < rows) {
        if (m_ready.empty() && !read_chunk()) break;
        batch.push_back(std::move(m_ready.front()));
        m_ready.pop_front();
    }
    return batch;
}

// The next chunk of rows made ready; false once every row was read. The chunk is read whole and the statement reset
// before any body is worked on, so that the connection holds a snapshot only while it reads. Making link pages,
// checking stored conversions, reading bodies into trees and writing them run on every core (parallel_for, as
// `baton convert` does); the links go through the index on this thread.
bool PlatformBodies::read_chunk() {
    std::vector<Pending> chunk;
    while (!m_done && chunk.empty()) {
        m_select.bind(1, m_plan).bind(2, m_last_item).bind(3, m_rows_per_chunk).bind(4, m_reading_comments ? 1 : 0);
        while (m_select.step()) {
            chunk.push_back(read_row(m_select, m_reading_comments));
            m_last_item = chunk.back().row.item_id;
        }
        m_select.reset();
        if (static_cast<std::int64_t>(chunk.size()) < m_rows_per_chunk) {  // that part is done
            if (m_reading_comments) {
                m_done = true;
            } else {
                m_reading_comments = true;
                m_last_item = 0;
            }
        }
    }
    if (chunk.empty()) return false;
    convert::parallel_for(chunk.size(), [&](std::size_t i) {
        Pending& pending = chunk[i];
        pending.page = m_links.page(pending.row.item_id, pending.row.legacy_format, pending.facts);
        check_or_read(pending);
    });
    for (auto& pending : chunk) point_links(pending, m_links);
    convert::parallel_for(chunk.size(), [&](std::size_t i) { write_html(chunk[i]); });
    for (auto& pending : chunk) m_ready.push_back(std::move(pending.row));
    return true;
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
