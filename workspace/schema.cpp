// The workspace schema as an ordered list of upgrade steps (docs/workspace-schema.md describes each table).
#include "workspace/schema.hpp"

#include <string>
#include <vector>

#include "core/sqlite.hpp"

namespace baton::workspace {
namespace {

constexpr std::string_view step_1_sources_and_content = R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT INTO meta(key, value) VALUES ('application', 'baton-workspace');
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
-- Bodies live apart so that scans of items (planning, status, change marking) stay small.
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
  comment TEXT,
  PRIMARY KEY (item_id, position)) WITHOUT ROWID;
-- Items created by a run are those with first_run = run; this table holds the other changes.
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
)sql";

constexpr std::string_view step_2_plans = R"sql(
CREATE TABLE plans(
  run_id INTEGER PRIMARY KEY REFERENCES runs(id),
  rules TEXT NOT NULL,
  summary TEXT NOT NULL DEFAULT '');
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
  due_offset_days INTEGER,
  UNIQUE (plan_run, person_id, community_id, code));
)sql";

constexpr std::string_view step_3_id_map = R"sql(
CREATE TABLE id_map(
  target TEXT NOT NULL,
  object_kind TEXT NOT NULL,
  legacy_key TEXT NOT NULL,
  target_id TEXT NOT NULL,
  content_hash TEXT,
  run_id INTEGER NOT NULL REFERENCES runs(id),
  status TEXT NOT NULL CHECK (status IN ('imported', 'needs-update', 'failed', 'ignored')),
  PRIMARY KEY (target, object_kind, legacy_key)) WITHOUT ROWID;
)sql";

// Contribution facts per person and container, derived from the revision history for role mapping.
// container_id 0 holds a person's totals over the whole source.
constexpr std::string_view step_4_contributions = R"sql(
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
)sql";

// Per-revision details (MediaWiki's parent id, minor flag, sha1, content model) and old revision texts,
// keyed by item and revision key because they arrive before their item is written.
constexpr std::string_view step_5_revision_details = R"sql(
ALTER TABLE revisions ADD COLUMN attributes TEXT;
CREATE TABLE revision_texts(
  source_id INTEGER NOT NULL REFERENCES sources(id),
  item_key TEXT NOT NULL,
  revision_key TEXT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (source_id, item_key, revision_key)) WITHOUT ROWID;
)sql";

// Old revision texts in a rowid table: in the WITHOUT ROWID table of step 5 a text of a few KB spilled
// into a mostly empty overflow page (a third more pages than text). A NULL text is the item's body (the
// latest revision), not stored twice. The old name stays, as a view that fills those in.
constexpr std::string_view step_6_revision_text_rows = R"sql(
CREATE TABLE revision_text_rows(
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id),
  item_key TEXT NOT NULL,
  revision_key TEXT NOT NULL,
  text TEXT);
INSERT INTO revision_text_rows(source_id, item_key, revision_key, text)
  SELECT source_id, item_key, revision_key, text FROM revision_texts;
DROP TABLE revision_texts;
CREATE UNIQUE INDEX revision_text_keys ON revision_text_rows(source_id, item_key, revision_key);
CREATE VIEW revision_texts AS
  SELECT r.source_id, r.item_key, r.revision_key,
         coalesce(r.text, (SELECT b.text FROM items i JOIN item_bodies b ON b.item_id = i.id
                           WHERE i.source_id = r.source_id AND i.key = r.item_key), '') AS text
  FROM revision_text_rows r;
)sql";

// Plans made with a mapping file: the file, every ranked candidate per community (runners-up and the
// ineligible with their reason), each person's identity match in the people directory, and content
// proposed for archive rather than migration.
constexpr std::string_view step_7_stewardship = R"sql(
ALTER TABLE plans ADD COLUMN mapping_file TEXT;
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
)sql";

// Bodies converted by `baton convert`: one row per item and output format, with what could not be converted.
constexpr std::string_view step_8_converted_bodies = R"sql(
CREATE TABLE converted_bodies(
  id INTEGER PRIMARY KEY,
  item_id INTEGER NOT NULL REFERENCES items(id),
  format TEXT NOT NULL,
  text TEXT NOT NULL,
  raw_nodes INTEGER NOT NULL,
  raw_reasons TEXT,
  internal_links INTEGER NOT NULL DEFAULT 0,
  unresolved_links TEXT,
  run_id INTEGER NOT NULL REFERENCES runs(id));
CREATE UNIQUE INDEX converted_bodies_by_item ON converted_bodies(item_id, format);
)sql";


// What people answer to the plan, kept across plans (keyed by person and community slug, not by plan run):
// owners' decisions from the review portal, task progress from the portal, the target or an edited CSV, and
// the access tokens of `baton invite` (stored hashed).
constexpr std::string_view step_9_owner_review = R"sql(
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
)sql";

// Loads that can be trusted: what each load run did to each target object (with the object as it was before an
// update or delete, so `baton rollback` can restore it), objects edited in the target since baton wrote them
// (left alone and reported to the community's owner), and the source and target-side hash in the id map.
constexpr std::string_view step_10_load_journal = R"sql(
ALTER TABLE id_map ADD COLUMN source_id INTEGER REFERENCES sources(id);
ALTER TABLE id_map ADD COLUMN target_hash TEXT;
ALTER TABLE id_map ADD COLUMN updated_at TEXT;
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
)sql";

// Onboarding tasks from templates: a priority and dependencies per task, and how due dates are computed
// from a go-live date (the time zone, the time of day, whether weekends count).
constexpr std::string_view step_11_task_templates = R"sql(
ALTER TABLE plan_tasks ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal';
ALTER TABLE plan_tasks ADD COLUMN depends_on TEXT NOT NULL DEFAULT '';
ALTER TABLE plans ADD COLUMN task_time_zone TEXT;
ALTER TABLE plans ADD COLUMN task_due_time TEXT;
ALTER TABLE plans ADD COLUMN task_skip_weekends INTEGER;
)sql";

// Owners' keep / archive answers on stale items from the review portal, kept across plans like the decisions:
// keyed by community slug and item, the latest answer counts. The index finds an item's messages (the portal
// shows what is wrong with each flagged item).
constexpr std::string_view step_12_item_choices = R"sql(
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
)sql";

// What each plan did with the owner decisions that counted for it (applied or ignored, and the effect in words).
constexpr std::string_view step_13_plan_decisions = R"sql(
CREATE TABLE plan_decisions(
  plan_run INTEGER NOT NULL REFERENCES plans(run_id),
  decision_id INTEGER NOT NULL REFERENCES owner_decisions(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'ignored')),
  effect TEXT NOT NULL,
  PRIMARY KEY (plan_run, decision_id)) WITHOUT ROWID;
)sql";

// The mapping's limit of communities per person, so that the report can show who reaches or passes it.
constexpr std::string_view step_14_plan_load_limit = R"sql(
ALTER TABLE plans ADD COLUMN max_communities_per_person INTEGER;
)sql";

// What a conversion to HTML needs to be reused by a load: the hash of the body it was made from, the build's
// conversion version and where its links are (convert/links/link_marks.hpp).
constexpr std::string_view step_15_reusable_conversions = R"sql(
ALTER TABLE converted_bodies ADD COLUMN source_hash TEXT;
ALTER TABLE converted_bodies ADD COLUMN conversion_version TEXT;
ALTER TABLE converted_bodies ADD COLUMN link_marks TEXT;
)sql";

}  // namespace

const std::vector<SchemaStep>& schema_steps() {
    static const std::vector<SchemaStep> steps = {
        {1, "sources, people, containers, items, revisions, changes, messages, runs", step_1_sources_and_content},
        {2, "plans: communities, roles, placements, onboarding tasks", step_2_plans},
        {3, "id map of loaded objects", step_3_id_map},
        {4, "contribution facts per person and container", step_4_contributions},
        {5, "revision details and old revision texts", step_5_revision_details},
        {6, "old revision texts in a rowid table", step_6_revision_text_rows},
        {7, "plans from mapping files: candidates, identities, archive proposals", step_7_stewardship},
        {8, "converted bodies", step_8_converted_bodies},
        {9, "owner decisions, task progress and access tokens", step_9_owner_review},
        {10, "load journal, load conflicts, id-map hashes", step_10_load_journal},
        {11, "onboarding task priorities, dependencies and due-date settings", step_11_task_templates},
        {12, "owners' keep / archive choices on stale items, messages by item", step_12_item_choices},
        {13, "what each plan did with the owner decisions", step_13_plan_decisions},
        {14, "each plan's limit of communities per person", step_14_plan_load_limit},
        {15, "converted bodies a load can reuse", step_15_reusable_conversions},
    };
    return steps;
}

int latest_schema_version() { return schema_steps().back().version; }

void apply_schema_steps(sql::Database& db, int from, int to) {
    // All steps in one transaction: an upgrade either completes or leaves the workspace as it was.
    sql::Transaction transaction(db);
    for (const auto& step : schema_steps()) {
        if (step.version <= from || step.version > to) continue;
        db.exec(step.sql);
        db.exec("PRAGMA user_version = " + std::to_string(step.version));
    }
    transaction.commit();
}

std::string schema_snapshot_text(sql::Database& db) {
    std::string script;
    std::vector<std::string> tables;
    auto objects = db.prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY rowid");
    while (objects.step()) {
        script += objects.column_text(2) + ";\n";
        if (objects.column_text(0) == "table") tables.push_back(objects.column_text(1));
    }
    objects.reset();
    for (const auto& table : tables) {
        std::string columns;
        std::string values;
        auto info = db.prepare("SELECT name FROM pragma_table_info(?) ORDER BY cid");
        info.bind(1, table);
        while (info.step()) {
            columns += (columns.empty() ? "" : ", ") + info.column_text(0);
            values += (values.empty() ? "quote(" : " || ', ' || quote(") + info.column_text(0) + ")";
        }
        auto rows = db.prepare("SELECT 'INSERT INTO " + table + "(" + columns + ") VALUES (' || " + values +
                               " || ');' FROM " + table + " ORDER BY 1");
        while (rows.step()) script += rows.column_text(0) + "\n";
    }
    return script;
}

void create_latest_schema(sql::Database& db) {
    const SchemaSnapshot& snapshot = latest_schema_snapshot();
    if (snapshot.version != latest_schema_version()) {
        apply_schema_steps(db, 0, latest_schema_version());
        return;
    }
    sql::Transaction transaction(db);
    db.exec(snapshot.script);
    db.exec("PRAGMA user_version = " + std::to_string(snapshot.version));
    transaction.commit();
}

}  // namespace baton::workspace
