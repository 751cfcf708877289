// Contribution facts per person and container, derived from the revision history (for role mapping).
#include "transform/contributions.hpp"

namespace baton::transform {

std::int64_t derive_contributions(workspace::Workspace& workspace) {
    auto& db = workspace.db();
    db.exec("DELETE FROM contributions");
    // Each revision's size change is its size minus the previous revision's (0 before the first).
    // Talk: MediaWiki's odd namespaces (talk pages) and comments anywhere.
    db.exec(R"sql(
WITH edits AS (
  SELECT i.source_id, i.id AS item_id, r.author_id, r.position, r.timestamp,
         r.size - coalesce(lag(r.size) OVER (PARTITION BY r.item_id ORDER BY r.position), 0) AS delta,
         (i.kind = 'comment' OR EXISTS (SELECT 1 FROM item_containers tc JOIN containers t ON t.id = tc.container_id
            WHERE tc.item_id = i.id AND t.kind = 'namespace' AND t.key GLOB 'namespace:[0-9]*'
            AND CAST(substr(t.key, 11) AS INTEGER) % 2 = 1)) AS talk
  FROM revisions r JOIN items i ON i.id = r.item_id
  WHERE i.removed_run IS NULL AND r.author_id IS NOT NULL),
placed AS (
  SELECT e.*, ic.container_id FROM edits e JOIN item_containers ic ON ic.item_id = e.item_id
  UNION ALL
  SELECT e.*, 0 FROM edits e)
INSERT INTO contributions(source_id, person_id, container_id, items_created, revisions, bytes_added, bytes_removed,
                          talk_revisions, first_edit, last_edit)
SELECT source_id, author_id, container_id, sum(position = 0), count(*), sum(max(delta, 0)), sum(max(-delta, 0)),
       sum(talk), min(nullif(timestamp, '')), max(nullif(timestamp, ''))
FROM placed GROUP BY source_id, author_id, container_id
)sql");
    return db.changes();
}

}  // namespace baton::transform
