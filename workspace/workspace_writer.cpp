// Writes extracted model objects into the workspace in batched transactions, recording what changed.
#include "workspace/workspace_writer.hpp"

#include <sqlite3.h>

#include "core/text.hpp"
#include "workspace/attributes_json.hpp"
#include "workspace/writer_statements.hpp"

namespace baton::workspace {

namespace {

std::string key_prefix(const std::string& key) {
    const auto colon = key.find(':');
    return colon == std::string::npos ? std::string("unknown") : key.substr(0, colon);
}

std::string key_value(const std::string& key) {
    const auto colon = key.find(':');
    return colon == std::string::npos ? key : key.substr(colon + 1);
}

}  // namespace

WorkspaceWriter::WorkspaceWriter(Workspace& workspace, std::int64_t source_id, std::int64_t run_id,
                                 std::int64_t commit_every)
    : m_db(workspace.db()), m_source_id(source_id), m_run_id(run_id), m_commit_every(commit_every) {
    // Items whose parent or reply target was not written yet; resolved once the source is read.
    m_db.exec("CREATE TEMP TABLE IF NOT EXISTS pending_references(item_id INTEGER PRIMARY KEY); "
              "DELETE FROM temp.pending_references;");
    m_sql = std::make_unique<Statements>(m_db);
    m_autocheckpoint = m_db.query_int("PRAGMA wal_autocheckpoint", 1000);
    // Told the length of the log after each commit (this replaces SQLite's own autocheckpoint hook, which
    // comes back with the next PRAGMA wal_autocheckpoint; a BackgroundCheckpointer sets it to 0 anyway).
    sqlite3_wal_hook(
        m_db.handle(),
        [](void* writer, sqlite3* /*db*/, const char* /*name*/, int frames) {
            static_cast<WorkspaceWriter*>(writer)->m_log_frames = frames;
            return SQLITE_OK;
        },
        this);
    const auto source_has = [&](const char* table) {
        return m_db.query_int(std::string("SELECT EXISTS (SELECT 1 FROM ") + table + " WHERE source_id = " +
                              std::to_string(source_id) + ")") != 0;
    };
    m_source_had_items = source_has("items");
    m_source_had_people = source_has("people");
    m_source_had_containers = source_has("containers");
    auto locator = m_db.prepare("SELECT locator FROM sources WHERE id = ?");
    locator.bind(1, source_id);
    if (locator.step()) m_locator = locator.column_text(0);
    locator.reset();
}

WorkspaceWriter::~WorkspaceWriter() {
    sqlite3_wal_hook(m_db.handle(), nullptr, nullptr);
    try {
        m_db.exec("PRAGMA wal_autocheckpoint = " + std::to_string(m_autocheckpoint));  // SQLite's hook again
    } catch (...) {
    }
    // Whatever was written and not finished is rolled back by SQLite when the statement
    // cache goes; finish_complete() / finish_partial() are the only ways to keep a batch.
    if (m_in_transaction) {
        try {
            m_db.exec("ROLLBACK");
        } catch (...) {
        }
    }
}

void WorkspaceWriter::begin_if_needed() {
    if (!m_in_transaction) {
        m_db.exec("BEGIN IMMEDIATE");
        m_in_transaction = true;
    }
}

void WorkspaceWriter::commit() {
    if (m_in_transaction) {
        m_db.exec("COMMIT");
        m_in_transaction = false;
        // Between two transactions, when the log has grown past a bound: copy what is left of it and let
        // the next transaction write it from its start, so it stays at most a few hundred MB however big
        // the export. (A checkpointer on another connection never finds this busy writer idle, so it cannot
        // start the log over itself; it has copied most of it already. See BackgroundCheckpointer.)
        constexpr int log_bound_frames = 65536;  // 512 MiB of 8 KiB pages
        if (m_log_frames > log_bound_frames) {
            m_db.exec("PRAGMA wal_checkpoint(RESTART)");
            m_log_frames = 0;
        }
    }
    m_operations = 0;
    m_last_commit = std::chrono::steady_clock::now();
}

void WorkspaceWriter::count_operation() {
    // Commit every so many writes, and at least every second, so a killed run loses little.
    ++m_operations;
    if (m_operations >= m_commit_every ||
        (m_operations % 256 == 0 && std::chrono::steady_clock::now() - m_last_commit > std::chrono::seconds(1))) {
        commit();
    }
}

// People and terms are looked up in a bounded cache, then in the workspace: memory stays flat
// however many commenters an export has.
std::int64_t WorkspaceWriter::lookup(BoundedCache<std::int64_t>& cache, sql::Statement& find, const std::string& key,
                                     bool source_had_keys) {
    if (const std::int64_t* id = cache.find(key)) return *id;
    if (!source_had_keys && !cache.forgot_any()) return 0;  // every key written so far is in the cache
    find.bind(1, m_source_id).bind(2, key);
    const std::int64_t id = find.step() ? find.column_int(0) : 0;
    find.reset();
    if (id > 0) cache.put(key, id);
    return id;
}

std::int64_t WorkspaceWriter::ensure_person(const std::string& key) {
    if (key.empty()) return 0;
    if (const std::int64_t id = lookup(m_person_ids, m_sql->find_person, key, m_source_had_people); id > 0) return id;
    const std::string login = key_prefix(key) == "login" ? key_value(key) : std::string();
    auto& insert = m_sql->insert_person;
    insert.bind(1, m_source_id).bind(2, key).bind_text_or_null(3, login).bind(4, nullptr).bind(5, nullptr);
    insert.bind(6, nullptr).bind(7, 0).run();
    m_person_ids.put(key, m_db.last_insert_rowid());
    ++m_counts.new_people;
    return m_db.last_insert_rowid();
}

std::int64_t WorkspaceWriter::ensure_container(const std::string& key) {
    if (const std::int64_t id = lookup(m_container_ids, m_sql->find_container, key, m_source_had_containers); id > 0) {
        return id;
    }
    auto& insert = m_sql->insert_container;
    insert.bind(1, m_source_id).bind(2, key).bind(3, key_prefix(key));
    for (int column = 4; column <= 8; ++column) insert.bind(column, nullptr);
    insert.bind(9, 0).run();
    m_container_ids.put(key, m_db.last_insert_rowid());
    ++m_counts.new_containers;
    return m_db.last_insert_rowid();
}

void WorkspaceWriter::person(model::Person person) {
    begin_if_needed();
    const std::string attributes = attributes_to_json(person.attributes);
    const int declared = person.declared ? 1 : 0;
    if (const std::int64_t id = lookup(m_person_ids, m_sql->find_person, person.key, m_source_had_people); id > 0) {
        // Known: update, unless a mere reference would overwrite a declared person.
        auto& update = m_sql->update_person;
        update.bind(1, id).bind_text_or_null(2, person.login).bind_text_or_null(3, person.display_name);
        update.bind_text_or_null(4, person.email).bind_text_or_null(5, attributes).bind(6, declared).run();
    } else {
        auto& insert = m_sql->insert_person;
        insert.bind(1, m_source_id).bind(2, person.key).bind_text_or_null(3, person.login);
        insert.bind_text_or_null(4, person.display_name).bind_text_or_null(5, person.email);
        insert.bind_text_or_null(6, attributes).bind(7, declared).run();
        m_person_ids.put(person.key, m_db.last_insert_rowid());
        ++m_counts.new_people;
    }
    count_operation();
}

void WorkspaceWriter::container(model::Container container) {
    begin_if_needed();
    const std::string attributes = attributes_to_json(container.attributes);
    const int declared = container.declared ? 1 : 0;
    if (const std::int64_t id =
            lookup(m_container_ids, m_sql->find_container, container.key, m_source_had_containers);
        id > 0) {
        auto& update = m_sql->update_container;
        update.bind(1, id).bind(2, container.kind).bind_text_or_null(3, container.name);
        update.bind_text_or_null(4, container.slug).bind_text_or_null(5, container.parent_key);
        update.bind_text_or_null(6, container.description).bind_text_or_null(7, attributes).bind(8, declared).run();
    } else {
        auto& insert = m_sql->insert_container;
        insert.bind(1, m_source_id).bind(2, container.key).bind(3, container.kind);
        insert.bind_text_or_null(4, container.name).bind_text_or_null(5, container.slug);
        insert.bind_text_or_null(6, container.parent_key).bind_text_or_null(7, container.description);
        insert.bind_text_or_null(8, attributes).bind(9, declared).run();
        m_container_ids.put(container.key, m_db.last_insert_rowid());
        ++m_counts.new_containers;
    }
    count_operation();
}

void WorkspaceWriter::insert_item_children(std::int64_t item_id, const model::Item& item) {
    std::int64_t position = 0;
    for (const auto& key : item.container_keys) {
        const std::int64_t container_id = ensure_container(key);
        m_sql->insert_item_container.bind(1, item_id).bind(2, container_id).bind(3, position++).run();
    }
    position = 0;
    for (const auto& revision : item.revisions) {
        const std::int64_t author_id = ensure_person(revision.author_key);
        auto& statement = m_sql->insert_revision;
        statement.bind(1, item_id).bind(2, position++).bind(3, revision.key).bind_id_or_null(4, author_id);
        statement.bind_text_or_null(5, revision.timestamp).bind(6, revision.size);
        statement.bind_text_or_null(7, revision.comment);
        statement.bind_text_or_null(8, attributes_to_json(revision.attributes)).run();
    }
}

std::string WorkspaceWriter::describe_changes(std::int64_t item_id, const model::Item& item) {
    auto& old = m_sql->old_item;
    old.bind(1, item_id);
    std::string detail;
    if (old.step()) {
        const auto differs = [&](int column, const std::string& now, const char* name) {
            if (old.column_text(column) != now) detail += detail.empty() ? name : std::string(", ") + name;
        };
        std::string containers;
        for (const auto& key : item.container_keys) containers += (containers.empty() ? "" : "\n") + key;
        differs(0, item.kind, "kind");
        differs(1, item.title, "title");
        differs(2, item.status, "status");
        differs(3, item.slug, "slug");
        differs(4, item.url, "url");
        differs(5, item.created_at, "created_at");
        differs(6, item.modified_at, "modified_at");
        differs(7, item.author_key, "author");
        differs(8, item.parent_key, "parent");
        differs(9, item.reply_to_key, "reply_to");
        differs(10, item.body.text, "body");
        differs(11, attributes_to_json(item.attributes), "attributes");
        differs(12, containers, "containers");
    }
    old.reset();
    return detail.empty() ? std::string("revisions") : detail;
}

void WorkspaceWriter::item(model::Item item) {
    begin_if_needed();
    ++m_counts.items;
    const std::string fingerprint = item.fingerprint.empty() ? model::fingerprint(item) : item.fingerprint;
    // A source's first extract can insert straight away; the lookup is needed only when the key
    // is already there (a re-extract, or a key the export repeats).
    if (!m_source_had_items && write_item(item, fingerprint, 0)) {
        ++m_counts.created;
        count_operation();
        return;
    }

    auto& find = m_sql->find_item;
    find.bind(1, m_source_id).bind(2, item.key);
    const bool exists = find.step();
    const std::int64_t existing_id = exists ? find.column_int(0) : 0;
    const std::string old_fingerprint = exists ? find.column_text(1) : std::string();
    const bool was_removed = exists && !find.column_is_null(2);
    const bool seen_this_run = exists && find.column_int(3) == m_run_id;
    const std::int64_t earlier_line = exists ? find.column_int(4) : 0;
    find.reset();

    if (seen_this_run) {
        // The export holds the key twice. An exact copy adds nothing; different content is kept
        // under a suffixed key, so nothing is lost (WordPress.com repeats menu items this way).
        model::Message duplicate;
        duplicate.code = "duplicate-item";
        duplicate.position.line = item.source_line;
        duplicate.item_key = item.key;
        const std::string where = item.key + " twice (first at line " + std::to_string(earlier_line) + ")";
        if (fingerprint == old_fingerprint) {
            duplicate.text = "the export has " + where + " with the same content; the copy is skipped";
            message(std::move(duplicate));
            --m_counts.items;
            ++m_counts.skipped;
            return;
        }
        std::string key;
        for (int n = 2;; ++n) {
            key = item.key + "#" + std::to_string(n);
            find.bind(1, m_source_id).bind(2, key);
            const bool taken = find.step() && find.column_int(3) == m_run_id;
            find.reset();
            if (!taken) break;
        }
        duplicate.text = "the export has " + where + " with different content; this one is kept as " + key;
        message(std::move(duplicate));
        --m_counts.items;
        item.key = key;
        this->item(std::move(item));
        return;
    }

    if (exists && fingerprint == old_fingerprint) {
        m_sql->touch_item.bind(1, m_run_id).bind(2, item.source_line).bind(3, existing_id).run();
        if (was_removed) {
            m_sql->record_change.bind(1, m_run_id).bind(2, existing_id).bind(3, "restored").bind(4, nullptr).run();
            ++m_counts.restored;
        } else {
            ++m_counts.unchanged;
        }
        count_operation();
        return;
    }

    const std::string detail = exists ? describe_changes(existing_id, item) : std::string();
    write_item(item, fingerprint, existing_id);
    // New items need no change row: they are the items whose first_run is this run.
    if (exists) {
        m_sql->record_change.bind(1, m_run_id).bind(2, existing_id).bind(3, "updated").bind_text_or_null(4, detail).run();
        ++m_counts.updated;
    } else {
        ++m_counts.created;
    }
    count_operation();
}

bool WorkspaceWriter::write_item(const model::Item& item, const std::string& fingerprint, std::int64_t existing_id) {
    const std::int64_t author_id = ensure_person(item.author_key);
    const std::int64_t parent_id = find_item_id(item.parent_key);
    const std::int64_t reply_to_id = find_item_id(item.reply_to_key);
    const std::string attributes = attributes_to_json(item.attributes);
    auto& write = existing_id > 0 ? m_sql->update_item : m_sql->insert_item;
    write.bind(1, m_source_id).bind(2, item.key).bind(3, item.kind).bind_text_or_null(4, item.title);
    write.bind_text_or_null(5, item.status).bind_text_or_null(6, item.slug).bind_text_or_null(7, item.url);
    write.bind_text_or_null(8, item.created_at).bind_text_or_null(9, item.modified_at);
    write.bind_id_or_null(10, author_id).bind_text_or_null(11, item.parent_key);
    write.bind_text_or_null(12, item.reply_to_key).bind_id_or_null(13, parent_id).bind_id_or_null(14, reply_to_id);
    write.bind_text_or_null(15, attributes).bind(16, fingerprint);
    write.bind(17, item.source_line).bind(18, m_run_id).run();
    if (m_db.changes() == 0) return false;  // an insert of a key already there (ON CONFLICT DO NOTHING)

    std::int64_t item_id = existing_id;
    if (existing_id > 0) {
        m_sql->delete_item_containers.bind(1, item_id).run();
        m_sql->delete_revisions.bind(1, item_id).run();
    } else {
        item_id = m_db.last_insert_rowid();
    }
    m_sql->write_body.bind(1, item_id).bind_text_or_null(2, item.body.format).bind(3, item.body.text).run();
    if ((!item.parent_key.empty() && parent_id == 0) || (!item.reply_to_key.empty() && reply_to_id == 0)) {
        m_sql->add_pending.bind(1, item_id).run();
    }
    insert_item_children(item_id, item);
    m_last_item_key = item.key;
    m_last_item_id = item_id;
    return true;
}

std::int64_t WorkspaceWriter::find_item_id(const std::string& key) {
    if (key.empty()) return 0;
    if (key == m_last_item_key) return m_last_item_id;  // comments follow their post
    auto& find = m_sql->find_item_id;
    find.bind(1, m_source_id).bind(2, key);
    const std::int64_t id = find.step() ? find.column_int(0) : 0;
    find.reset();
    return id;
}

void WorkspaceWriter::revision_text(model::RevisionText text) {
    begin_if_needed();
    m_sql->insert_revision_text.bind(1, m_source_id).bind(2, text.item_key).bind(3, text.revision_key);
    // The latest text is the item's body; the row says so (NULL) rather than holding it twice.
    if (text.same_as_body) {
        m_sql->insert_revision_text.bind(4, nullptr).run();
    } else {
        m_sql->insert_revision_text.bind(4, text.text).run();
    }
    count_operation();
}

void WorkspaceWriter::message(model::Message message) {
    begin_if_needed();
    if (message.position.file.empty()) message.position.file = m_locator;
    auto& statement = m_sql->insert_message;
    statement.bind(1, m_run_id).bind(2, m_source_id).bind_text_or_null(3, message.item_key);
    statement.bind(4, model::severity_name(message.severity)).bind(5, message.code).bind(6, message.text);
    statement.bind_text_or_null(7, message.position.file).bind(8, message.position.line);
    statement.bind(9, message.position.column).run();
    if (message.severity == model::Severity::warning) ++m_counts.warnings;
    if (message.severity == model::Severity::error) ++m_counts.errors;
    count_operation();
}

void WorkspaceWriter::resolve_references() {
    begin_if_needed();
    auto containers = m_db.prepare(
        "UPDATE containers SET parent_id = (SELECT p.id FROM containers p WHERE p.source_id = containers.source_id "
        "AND p.key = containers.parent_key) WHERE source_id = ? AND parent_key IS NOT NULL");
    containers.bind(1, m_source_id).run();
    // Only items written before what they point to need a second look.
    m_db.exec(
        "UPDATE items SET parent_id = (SELECT p.id FROM items p WHERE p.source_id = items.source_id AND "
        "p.key = items.parent_key) WHERE id IN (SELECT item_id FROM temp.pending_references) "
        "AND parent_key IS NOT NULL; "
        "UPDATE items SET reply_to_id = (SELECT p.id FROM items p WHERE p.source_id = items.source_id AND "
        "p.key = items.reply_to_key) WHERE id IN (SELECT item_id FROM temp.pending_references) "
        "AND reply_to_key IS NOT NULL;");

    // References that point at nothing in the export are reported, not dropped, on every extract
    // (the report shows the latest run's messages). A scan of the small item rows, no bodies.
    auto dangling = m_db.prepare(
        "SELECT key, 'parent', parent_key, source_line FROM items WHERE source_id = ?1 AND removed_run IS NULL "
        "AND parent_key IS NOT NULL AND parent_id IS NULL UNION ALL "
        "SELECT key, 'reply-to', reply_to_key, source_line FROM items WHERE source_id = ?1 AND removed_run IS NULL "
        "AND reply_to_key IS NOT NULL AND reply_to_id IS NULL ORDER BY 4");
    dangling.bind(1, m_source_id);
    std::vector<model::Message> messages;
    while (dangling.step()) {
        const std::string kind = dangling.column_text(1);
        messages.push_back({model::Severity::warning, "dangling-" + kind,
                            dangling.column_text(0) + " names " + (kind == "parent" ? "parent " : "as replied-to ") +
                                dangling.column_text(2) + ", which is not in the export",
                            {"", dangling.column_int(3), 0}, dangling.column_text(0)});
    }
    dangling.reset();
    m_db.exec("DELETE FROM temp.pending_references");
    for (auto& message : messages) this->message(std::move(message));
}

void WorkspaceWriter::finish_complete() {
    resolve_references();
    if (m_source_had_items) mark_removed_items();
    auto complete = m_db.prepare("UPDATE sources SET last_complete_run = ?2 WHERE id = ?1");
    complete.bind(1, m_source_id).bind(2, m_run_id).run();
    commit();
}

void WorkspaceWriter::mark_removed_items() {
    auto record = m_db.prepare(
        "INSERT OR REPLACE INTO item_changes(run_id, item_id, change) SELECT ?2, id, 'removed' FROM items "
        "WHERE source_id = ?1 AND seen_run <> ?2 AND removed_run IS NULL");
    record.bind(1, m_source_id).bind(2, m_run_id).run();
    m_counts.removed += m_db.changes();
    auto remove = m_db.prepare(
        "UPDATE items SET removed_run = ?2 WHERE source_id = ?1 AND seen_run <> ?2 AND removed_run IS NULL");
    remove.bind(1, m_source_id).bind(2, m_run_id).run();
}

void WorkspaceWriter::finish_partial() {
    resolve_references();
    commit();
}

}  // namespace baton::workspace
