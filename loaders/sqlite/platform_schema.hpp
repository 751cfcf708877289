// The schema of the embedded default target: the new collaboration platform modelled in SQLite.
#pragma once

#include <string_view>

namespace baton::load::sqlite_target {

inline constexpr int platform_schema_version = 4;

// Every table has a unique legacy_key: loading upserts by it, so a re-run never creates twice.
inline constexpr std::string_view platform_schema = R"sql(
CREATE TABLE IF NOT EXISTS platform_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR IGNORE INTO platform_meta(key, value) VALUES ('application', 'baton-platform'), ('schema_version', '4');
CREATE TABLE IF NOT EXISTS communities(
  id INTEGER PRIMARY KEY,
  legacy_key TEXT NOT NULL UNIQUE,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT,
  content_hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users(
  id INTEGER PRIMARY KEY,
  legacy_key TEXT NOT NULL UNIQUE,
  login TEXT,
  display_name TEXT NOT NULL,
  email TEXT,
  content_hash TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS memberships(
  id INTEGER PRIMARY KEY,
  legacy_key TEXT NOT NULL UNIQUE,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'member')),
  reason TEXT,
  content_hash TEXT NOT NULL,
  UNIQUE (community_id, user_id));
CREATE TABLE IF NOT EXISTS content(
  id INTEGER PRIMARY KEY,
  legacy_key TEXT NOT NULL UNIQUE,
  community_id INTEGER NOT NULL REFERENCES communities(id),
  kind TEXT NOT NULL,
  title TEXT,
  status TEXT,
  author_id INTEGER REFERENCES users(id),
  parent_id INTEGER REFERENCES content(id),
  parent_legacy_key TEXT,
  body_format TEXT,
  body TEXT,
  created_at TEXT,
  updated_at TEXT,
  content_hash TEXT NOT NULL,
  legacy_body_format TEXT,
  legacy_body TEXT);
CREATE TABLE IF NOT EXISTS comments(
  id INTEGER PRIMARY KEY,
  legacy_key TEXT NOT NULL UNIQUE,
  content_id INTEGER NOT NULL REFERENCES content(id),
  author_id INTEGER REFERENCES users(id),
  reply_to_id INTEGER REFERENCES comments(id),
  reply_to_legacy_key TEXT,
  body TEXT,
  status TEXT,
  created_at TEXT,
  content_hash TEXT NOT NULL,
  body_format TEXT,
  legacy_body_format TEXT,
  legacy_body TEXT);
CREATE TABLE IF NOT EXISTS tasks(
  id INTEGER PRIMARY KEY,
  legacy_key TEXT NOT NULL UNIQUE,
  user_id INTEGER NOT NULL REFERENCES users(id),
  community_id INTEGER NOT NULL REFERENCES communities(id),
  role TEXT NOT NULL,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  due_offset_days INTEGER,
  status TEXT NOT NULL DEFAULT 'open',
  content_hash TEXT NOT NULL,
  due_date TEXT);
)sql";

// Version 2 added tasks.due_date (from --go-live); a version-1 target gains the column when it is opened.
inline constexpr std::string_view platform_upgrade_2 = "ALTER TABLE tasks ADD COLUMN due_date TEXT";

// Version 3 stores content bodies converted to HTML with internal links pointing at the target's URLs
// (content.body, body_format 'html') and keeps the body as extracted beside it.
inline constexpr std::string_view platform_upgrade_3 =
    "ALTER TABLE content ADD COLUMN legacy_body_format TEXT; ALTER TABLE content ADD COLUMN legacy_body TEXT";

// Version 4 converts comment bodies as content's (comments.body sanitised HTML, body_format 'html') and keeps the
// body as extracted beside it.
inline constexpr std::string_view platform_upgrade_4 =
    "ALTER TABLE comments ADD COLUMN body_format TEXT; ALTER TABLE comments ADD COLUMN legacy_body_format TEXT; "
    "ALTER TABLE comments ADD COLUMN legacy_body TEXT";

}  // namespace baton::load::sqlite_target
