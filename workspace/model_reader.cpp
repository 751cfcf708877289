// Reads a source's model back out of the workspace in a stable order (by key), e.g. for dumps.
#include "workspace/model_reader.hpp"

#include "workspace/workspace_writer.hpp"

namespace baton::workspace {
namespace {

void replay_people(sql::Database& db, std::int64_t source_id, model::ModelSink& sink) {
    auto select = db.prepare(
        "SELECT key, coalesce(login, ''), coalesce(display_name, ''), coalesce(email, ''), coalesce(attributes, '') "
        "FROM people WHERE source_id = ? ORDER BY key");
    select.bind(1, source_id);
    while (select.step()) {
        sink.person({select.column_text(0), select.column_text(1), select.column_text(2), select.column_text(3),
                     attributes_from_json(select.column_text(4))});
    }
}

void replay_containers(sql::Database& db, std::int64_t source_id, model::ModelSink& sink) {
    auto select = db.prepare(
        "SELECT key, kind, coalesce(name, ''), coalesce(slug, ''), coalesce(parent_key, ''), "
        "coalesce(description, ''), coalesce(attributes, '') FROM containers WHERE source_id = ? ORDER BY key");
    select.bind(1, source_id);
    while (select.step()) {
        sink.container({select.column_text(0), select.column_text(1), select.column_text(2), select.column_text(3),
                        select.column_text(4), select.column_text(5), attributes_from_json(select.column_text(6))});
    }
}

void replay_items(sql::Database& db, std::int64_t source_id, model::ModelSink& sink, bool include_removed) {
    auto select = db.prepare(
        "SELECT i.id, i.key, i.kind, coalesce(i.title, ''), coalesce(i.status, ''), coalesce(i.slug, ''), "
        "coalesce(i.url, ''), coalesce(i.created_at, ''), coalesce(i.modified_at, ''), coalesce(p.key, ''), "
        "coalesce(i.parent_key, ''), coalesce(i.reply_to_key, ''), coalesce(b.format, ''), "
        "coalesce(b.text, ''), coalesce(i.attributes, ''), coalesce(i.source_line, 0) "
        "FROM items i LEFT JOIN people p ON p.id = i.author_id LEFT JOIN item_bodies b ON b.item_id = i.id "
        "WHERE i.source_id = ?1 AND (?2 OR i.removed_run IS NULL) ORDER BY i.key");
    select.bind(1, source_id).bind(2, include_removed ? 1 : 0);
    auto containers = db.prepare(
        "SELECT c.key FROM item_containers ic JOIN containers c ON c.id = ic.container_id "
        "WHERE ic.item_id = ? ORDER BY ic.position");
    auto revisions = db.prepare(
        "SELECT r.key, coalesce(p.key, ''), coalesce(r.timestamp, ''), coalesce(r.size, 0), coalesce(r.comment, ''), "
        "coalesce(r.attributes, '') "
        "FROM revisions r LEFT JOIN people p ON p.id = r.author_id WHERE r.item_id = ? ORDER BY r.position");
    while (select.step()) {
        model::Item item;
        const std::int64_t id = select.column_int(0);
        item.key = select.column_text(1);
        item.kind = select.column_text(2);
        item.title = select.column_text(3);
        item.status = select.column_text(4);
        item.slug = select.column_text(5);
        item.url = select.column_text(6);
        item.created_at = select.column_text(7);
        item.modified_at = select.column_text(8);
        item.author_key = select.column_text(9);
        item.parent_key = select.column_text(10);
        item.reply_to_key = select.column_text(11);
        item.body.format = select.column_text(12);
        item.body.text = select.column_text(13);
        item.attributes = attributes_from_json(select.column_text(14));
        item.source_line = select.column_int(15);
        containers.bind(1, id);
        while (containers.step()) item.container_keys.push_back(containers.column_text(0));
        containers.reset();
        revisions.bind(1, id);
        while (revisions.step()) {
            item.revisions.push_back({revisions.column_text(0), revisions.column_text(1), revisions.column_text(2),
                                      revisions.column_int(3), revisions.column_text(4),
                                      attributes_from_json(revisions.column_text(5))});
        }
        revisions.reset();
        sink.item(std::move(item));
    }
}

void replay_messages(sql::Database& db, std::int64_t source_id, model::ModelSink& sink) {
    auto select = db.prepare(
        "SELECT severity, code, text, coalesce(file, ''), coalesce(line, 0), coalesce(column, 0), "
        "coalesce(item_key, '') FROM messages WHERE source_id = ?1 AND run_id = "
        "(SELECT last_run FROM sources WHERE id = ?1) ORDER BY id");
    select.bind(1, source_id);
    while (select.step()) {
        const std::string severity = select.column_text(0);
        model::Message message;
        message.severity = severity == "error"  ? model::Severity::error
                           : severity == "info" ? model::Severity::info
                                                : model::Severity::warning;
        message.code = select.column_text(1);
        message.text = select.column_text(2);
        message.position = {select.column_text(3), select.column_int(4), select.column_int(5)};
        message.item_key = select.column_text(6);
        sink.message(std::move(message));
    }
}

}  // namespace

void replay_source(Workspace& workspace, std::int64_t source_id, model::ModelSink& sink,
                   const ReplayOptions& options) {
    auto& db = workspace.db();
    replay_people(db, source_id, sink);
    replay_containers(db, source_id, sink);
    replay_items(db, source_id, sink, options.include_removed);
    if (options.include_messages) replay_messages(db, source_id, sink);
}

}  // namespace baton::workspace
