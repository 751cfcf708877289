// The prepared statements of WorkspaceWriter, in one place: every row the extract writes or looks up.
#pragma once

#include "core/sqlite.hpp"
#include "workspace/workspace_writer.hpp"

namespace baton::workspace {

struct WorkspaceWriter::Statements {
    explicit Statements(sql::Database& db)
        : insert_person(db.prepare(
              "INSERT INTO people(source_id, key, login, display_name, email, attributes, declared) "
              "VALUES (?,?,?,?,?,?,?)")),
          update_person(db.prepare(
              "UPDATE people SET login = ?2, display_name = ?3, email = ?4, attributes = ?5, declared = ?6 "
              "WHERE id = ?1 AND declared <= ?6")),
          find_person(db.prepare("SELECT id FROM people WHERE source_id = ? AND key = ?")),
          find_container(db.prepare("SELECT id FROM containers WHERE source_id = ? AND key = ?")),
          insert_container(db.prepare(
              "INSERT INTO containers(source_id, key, kind, name, slug, parent_key, description, attributes, "
              "declared) VALUES (?,?,?,?,?,?,?,?,?)")),
          update_container(db.prepare(
              "UPDATE containers SET kind = ?2, name = ?3, slug = ?4, parent_key = ?5, description = ?6, "
              "attributes = ?7, declared = ?8 WHERE id = ?1 AND declared <= ?8")),
          find_item(db.prepare(
              "SELECT id, fingerprint, removed_run, seen_run, source_line FROM items WHERE source_id = ? AND key = ?")),
          insert_item(db.prepare(
              "INSERT INTO items(source_id, key, kind, title, status, slug, url, created_at, modified_at, author_id, "
              "parent_key, reply_to_key, parent_id, reply_to_id, attributes, fingerprint, source_line, first_run, "
              "changed_run, seen_run) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?18,?18) "
              "ON CONFLICT (source_id, key) DO NOTHING")),
          update_item(db.prepare(
              "UPDATE items SET kind = ?3, title = ?4, status = ?5, slug = ?6, url = ?7, created_at = ?8, "
              "modified_at = ?9, author_id = ?10, parent_key = ?11, reply_to_key = ?12, parent_id = ?13, "
              "reply_to_id = ?14, attributes = ?15, fingerprint = ?16, source_line = ?17, changed_run = ?18, "
              "seen_run = ?18, removed_run = NULL WHERE source_id = ?1 AND key = ?2")),
          write_body(db.prepare("INSERT OR REPLACE INTO item_bodies(item_id, format, text) VALUES (?,?,?)")),
          find_item_id(db.prepare("SELECT id FROM items WHERE source_id = ? AND key = ?")),
          add_pending(db.prepare("INSERT OR IGNORE INTO temp.pending_references(item_id) VALUES (?)")),
          touch_item(db.prepare("UPDATE items SET seen_run = ?, source_line = ?, removed_run = NULL WHERE id = ?")),
          old_item(db.prepare(
              "SELECT i.kind, coalesce(i.title, ''), coalesce(i.status, ''), coalesce(i.slug, ''), "
              "coalesce(i.url, ''), coalesce(i.created_at, ''), coalesce(i.modified_at, ''), coalesce(p.key, ''), "
              "coalesce(i.parent_key, ''), coalesce(i.reply_to_key, ''), "
              "coalesce((SELECT text FROM item_bodies WHERE item_id = i.id), ''), "
              "coalesce(i.attributes, ''), (SELECT coalesce(group_concat(c.key, char(10)), '') FROM "
              "(SELECT c.key FROM item_containers ic JOIN containers c ON c.id = ic.container_id "
              "WHERE ic.item_id = i.id ORDER BY ic.position) c) "
              "FROM items i LEFT JOIN people p ON p.id = i.author_id WHERE i.id = ?")),
          delete_item_containers(db.prepare("DELETE FROM item_containers WHERE item_id = ?")),
          delete_revisions(db.prepare("DELETE FROM revisions WHERE item_id = ?")),
          insert_item_container(db.prepare(
              "INSERT OR IGNORE INTO item_containers(item_id, container_id, position) VALUES (?,?,?)")),
          insert_revision(db.prepare(
              "INSERT OR REPLACE INTO revisions(item_id, position, key, author_id, timestamp, size, comment, attributes) "
              "VALUES (?,?,?,?,?,?,?,?)")),
          insert_revision_text(db.prepare(
              "INSERT OR REPLACE INTO revision_text_rows(source_id, item_key, revision_key, text) VALUES (?,?,?,?)")),
          record_change(db.prepare(
              "INSERT OR REPLACE INTO item_changes(run_id, item_id, change, detail) VALUES (?,?,?,?)")),
          insert_message(db.prepare(
              "INSERT INTO messages(run_id, source_id, item_key, severity, code, text, file, line, column) "
              "VALUES (?,?,?,?,?,?,?,?,?)")) {}

    sql::Statement insert_person;
    sql::Statement update_person;
    sql::Statement find_person;
    sql::Statement find_container;
    sql::Statement insert_container;
    sql::Statement update_container;
    sql::Statement find_item;
    sql::Statement insert_item;
    sql::Statement update_item;
    sql::Statement write_body;
    sql::Statement find_item_id;
    sql::Statement add_pending;
    sql::Statement touch_item;
    sql::Statement old_item;
    sql::Statement delete_item_containers;
    sql::Statement delete_revisions;
    sql::Statement insert_item_container;
    sql::Statement insert_revision;
    sql::Statement insert_revision_text;
    sql::Statement record_change;
    sql::Statement insert_message;
};

}  // namespace baton::workspace
