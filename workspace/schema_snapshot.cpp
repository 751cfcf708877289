// Generated: the latest workspace schema as one script (see schema.hpp); rewritten by BATON_UPDATE_GOLDEN=1 ctest -R SchemaSnapshot.
#include "workspace/schema.hpp"

namespace baton::workspace {

const SchemaSnapshot& latest_schema_snapshot() {
    static const SchemaSnapshot snapshot{15, R"sql(CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE runs(
  id INTEGER PRIMARY KEY,
  command TEXT NOT NULL,
  options TEXT NOT NULL DEFAULT '',
  mapping_hash TEXT,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  outcome TEXT NOT NULL DEFAULT 'running'
    CHECK (outcome IN ('running', 'succeeded', 'partial', 'failed', 'interrupted')),
  exit_code INTEGER,
  error TEXT,
  pid INTEGER,
  baton_version TEXT);
CREATE TABLE sources(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  locator TEXT NOT NULL,
  title TEXT,
  site_url TEXT,
  format_version TEXT,
  file_signature TEXT,
  first_run INTEGER REFERENCES runs(id),
  last_run INTEGER REFERENCES runs(id),
  last_complete_run INTEGER REFERENCES runs(id),
  UNIQUE (kind, key));
CREATE TABLE people(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  key TEXT NOT NULL,
  login TEXT,
  display_name TEXT,
  email TEXT,
  attributes TEXT,
  declared INTEGER NOT NULL DEFAULT 1,
  UNIQUE (source_id, key));
CREATE TABLE containers(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  name TEXT,
  slug TEXT,
  parent_key TEXT,
  parent_id INTEGER REFERENCES containers(id),
  description TEXT,
  attributes TEXT,
  declared INTEGER NOT NULL DEFAULT 1,
  UNIQUE (source_id, key));
CREATE TABLE items(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT,
  status TEXT,
  slug TEXT,
  url TEXT,
  created_at TEXT,
  modified_at TEXT,
  author_id INTEGER REFERENCES people(id),
  parent_key TEXT,
  parent_id INTEGER REFERENCES items(id),
  reply_to_key TEXT,
  reply_to_id INTEGER REFERENCES items(id),
  attributes TEXT,
  fingerprint TEXT NOT NULL,
  source_line INTEGER,
  first_run INTEGER NOT NULL REFERENCES runs(id),
  changed_run INTEGER NOT NULL REFERENCES runs(id),
  seen_run INTEGER NOT NULL REFERENCES runs(id),
  removed_run INTEGER REFERENCES runs(id),
  UNIQUE (source_id, key));
CREATE TABLE item_bodies(
  item_id INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  format TEXT,
  text TEXT NOT NULL);
CREATE VIEW items_with_body AS
  SELECT i.*, b.format AS body_format, b.text AS body FROM items i LEFT JOIN item_bodies b ON b.item_id = i.id;
CREATE TABLE item_containers(
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  container_id INTEGER NOT NULL REFERENCES containers(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (item_id, container_id)) WITHOUT ROWID;
CREATE TABLE revisions(
  item_id INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  key TEXT NOT NULL,
  author_id INTEGER REFERENCES people(id),
  timestamp TEXT,
  size INTEGER,
  comment TEXT, attributes TEXT,
  PRIMARY KEY (item_id, position)) WITHOUT ROWID;
CREATE TABLE item_changes(
  run_id INTEGER NOT NULL REFERENCES runs(id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  change TEXT NOT NULL CHECK (change IN ('updated', 'removed', 'restored')),
  detail TEXT,
  PRIMARY KEY (run_id, item_id));
CREATE TABLE messages(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  source_id INTEGER REFERENCES sources(id),
  item_key TEXT,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'error')),
  code TEXT NOT NULL,
  text TEXT NOT NULL,
  file TEXT,
  line INTEGER,
  column INTEGER);
CREATE INDEX messages_by_run ON messages(run_id);
CREATE TABLE plans(
  run_id INTEGER PRIMARY KEY REFERENCES runs(id),
  rules TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '', mapping_file TEXT, task_time_zone TEXT, task_due_time TEXT, task_skip_weekends INTEGER, max_communities_per_person INTEGER);
CREATE TABLE plan_communities(
  id INTEGER PRIMARY KEY,
  plan_run INTEGER NOT NULL REFERENCES plans(run_id),
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT,
  source_id INTEGER REFERENCES sources(id),
  container_id INTEGER REFERENCES containers(id),
  UNIQUE (plan_run, slug));
CREATE TABLE plan_roles(
  plan_run INTEGER NOT NULL REFERENCES plans(run_id),
  community_id INTEGER NOT NULL REFERENCES plan_communities(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'member')),
  rank INTEGER NOT NULL,
  score REAL NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (community_id, person_id));
CREATE TABLE plan_placements(
  plan_run INTEGER NOT NULL REFERENCES plans(run_id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  community_id INTEGER REFERENCES plan_communities(id),
  action TEXT NOT NULL CHECK (action IN ('migrate', 'exclude')),
  reason TEXT NOT NULL,
  PRIMARY KEY (plan_run, item_id));
CREATE INDEX plan_placements_by_community ON plan_placements(community_id);
CREATE TABLE plan_tasks(
  id INTEGER PRIMARY KEY,
  plan_run INTEGER NOT NULL REFERENCES plans(run_id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  community_id INTEGER NOT NULL REFERENCES plan_communities(id),
  role TEXT NOT NULL,
  seq INTEGER NOT NULL,
  code TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  due_offset_days INTEGER, priority TEXT NOT NULL DEFAULT 'normal', depends_on TEXT NOT NULL DEFAULT '',
  UNIQUE (plan_run, person_id, community_id, code));
CREATE TABLE id_map(
  target TEXT NOT NULL,
  object_kind TEXT NOT NULL,
  legacy_key TEXT NOT NULL,
  target_id TEXT NOT NULL,
  content_hash TEXT,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  status TEXT NOT NULL CHECK (status IN ('imported', 'needs-update', 'failed', 'ignored')), source_id INTEGER REFERENCES sources(id), target_hash TEXT, updated_at TEXT,
  PRIMARY KEY (target, object_kind, legacy_key)) WITHOUT ROWID;
CREATE TABLE contributions(
  source_id INTEGER NOT NULL REFERENCES sources(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  container_id INTEGER NOT NULL,
  items_created INTEGER NOT NULL,
  revisions INTEGER NOT NULL,
  bytes_added INTEGER NOT NULL,
  bytes_removed INTEGER NOT NULL,
  talk_revisions INTEGER NOT NULL,
  first_edit TEXT,
  last_edit TEXT,
  PRIMARY KEY (source_id, person_id, container_id)) WITHOUT ROWID;
CREATE TABLE revision_text_rows(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  item_key TEXT NOT NULL,
  revision_key TEXT NOT NULL,
  text TEXT);
CREATE UNIQUE INDEX revision_text_keys ON revision_text_rows(source_id, item_key, revision_key);
CREATE VIEW revision_texts AS
  SELECT r.source_id, r.item_key, r.revision_key,
         coalesce(r.text, (SELECT b.text FROM items i JOIN item_bodies b ON b.item_id = i.id
                           WHERE i.source_id = r.source_id AND i.key = r.item_key), '') AS text
  FROM revision_text_rows r;
CREATE TABLE plan_candidates(
  plan_run INTEGER NOT NULL REFERENCES plans(run_id),
  community_id INTEGER NOT NULL REFERENCES plan_communities(id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  rank INTEGER NOT NULL,
  score REAL NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('owner', 'manager', 'runner-up', 'not eligible')),
  reason TEXT NOT NULL,
  PRIMARY KEY (community_id, person_id)) WITHOUT ROWID;
CREATE TABLE plan_identities(
  plan_run INTEGER NOT NULL REFERENCES plans(run_id),
  person_id INTEGER NOT NULL REFERENCES people(id),
  matched_by TEXT NOT NULL
    CHECK (matched_by IN ('alias', 'email', 'login', 'display-name', 'ambiguous', 'unmatched')),
  directory_login TEXT,
  status TEXT,
  department TEXT,
  detail TEXT NOT NULL,
  PRIMARY KEY (plan_run, person_id)) WITHOUT ROWID;
CREATE TABLE plan_archive_proposals(
  plan_run INTEGER NOT NULL REFERENCES plans(run_id),
  item_id INTEGER NOT NULL REFERENCES items(id),
  reason TEXT NOT NULL,
  PRIMARY KEY (plan_run, item_id)) WITHOUT ROWID;
CREATE TABLE converted_bodies(
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  format TEXT NOT NULL,
  text TEXT NOT NULL,
  raw_nodes INTEGER NOT NULL,
  raw_reasons TEXT,
  internal_links INTEGER NOT NULL DEFAULT 0,
  unresolved_links TEXT,
  run_id INTEGER NOT NULL REFERENCES runs(id), source_hash TEXT, conversion_version TEXT, link_marks TEXT);
CREATE UNIQUE INDEX converted_bodies_by_item ON converted_bodies(item_id, format);
CREATE TABLE owner_decisions(
  id INTEGER PRIMARY KEY,
  person_id INTEGER NOT NULL REFERENCES people(id),
  community_slug TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('accept', 'decline', 'nominate')),
  nominee_person_id INTEGER REFERENCES people(id),
  nominee_login TEXT,
  note TEXT,
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  via TEXT NOT NULL);
CREATE INDEX owner_decisions_by_community ON owner_decisions(community_slug, person_id);
CREATE TABLE task_progress(
  person_id INTEGER NOT NULL REFERENCES people(id),
  community_slug TEXT NOT NULL,
  code TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'in-progress', 'done', 'declined')),
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  via TEXT NOT NULL,
  PRIMARY KEY (person_id, community_slug, code)) WITHOUT ROWID;
CREATE TABLE access_tokens(
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  person_id INTEGER REFERENCES people(id),
  role TEXT NOT NULL CHECK (role IN ('owner', 'admin')),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT,
  run_id INTEGER REFERENCES runs(id));
CREATE TABLE load_journal(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  target TEXT NOT NULL,
  object_kind TEXT NOT NULL,
  legacy_key TEXT NOT NULL,
  target_id TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('created', 'updated', 'deleted', 'archived')),
  before TEXT,
  rolled_back_by INTEGER REFERENCES runs(id));
CREATE INDEX load_journal_by_run ON load_journal(run_id, target);
CREATE TABLE load_conflicts(
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  target TEXT NOT NULL,
  object_kind TEXT NOT NULL,
  legacy_key TEXT NOT NULL,
  target_id TEXT NOT NULL,
  community_slug TEXT,
  detail TEXT NOT NULL);
CREATE INDEX load_conflicts_by_target ON load_conflicts(target, object_kind, legacy_key);
CREATE INDEX messages_by_item ON messages(source_id, item_key);
CREATE TABLE item_choices(
  community_slug TEXT NOT NULL,
  item_id INTEGER NOT NULL REFERENCES items(id),
  choice TEXT NOT NULL CHECK (choice IN ('keep', 'archive')),
  person_id INTEGER REFERENCES people(id),
  decided_by TEXT NOT NULL,
  decided_at TEXT NOT NULL,
  via TEXT NOT NULL,
  PRIMARY KEY (community_slug, item_id)) WITHOUT ROWID;
CREATE TABLE plan_decisions(
  plan_run INTEGER NOT NULL REFERENCES plans(run_id),
  decision_id INTEGER NOT NULL REFERENCES owner_decisions(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'ignored')),
  effect TEXT NOT NULL,
  PRIMARY KEY (plan_run, decision_id)) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES ('application', 'baton-workspace');
)sql"};
    return snapshot;
}

}  // namespace baton::workspace
