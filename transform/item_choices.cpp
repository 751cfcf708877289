// Owners' keep / archive answers on stale items (the review portal's item_choices) applied to a new plan.
#include "transform/item_choices.hpp"

#include <string>

namespace baton::transform {

ItemChoiceCounts apply_item_choices(sql::Database& db, std::int64_t plan_run) {
    ItemChoiceCounts counts;
    // item_choices holds one row per (community, item): the latest answer replaced the earlier ones.
    auto select = db.prepare(
        "SELECT ch.item_id, ch.choice, ch.decided_by, substr(ch.decided_at, 1, 10), "
        "EXISTS (SELECT 1 FROM plan_archive_proposals a WHERE a.plan_run = p.plan_run AND a.item_id = p.item_id) "
        "FROM item_choices ch JOIN plan_communities c ON c.slug = ch.community_slug AND c.plan_run = ?1 "
        "JOIN plan_placements p ON p.plan_run = ?1 AND p.item_id = ch.item_id AND p.community_id = c.id "
        "AND p.action = 'migrate' ORDER BY ch.item_id");
    auto withdraw = db.prepare("DELETE FROM plan_archive_proposals WHERE plan_run = ? AND item_id = ?");
    auto confirm = db.prepare("UPDATE plan_archive_proposals SET reason = reason || ?3 WHERE plan_run = ?1 AND item_id = ?2");
    auto propose = db.prepare("INSERT INTO plan_archive_proposals(plan_run, item_id, reason) VALUES (?,?,?)");
    auto note_kept = db.prepare(
        "UPDATE plan_placements SET reason = reason || ?3 WHERE plan_run = ?1 AND item_id = ?2");
    select.bind(1, plan_run);
    while (select.step()) {
        const std::int64_t item = select.column_int(0);
        const std::string choice = select.column_text(1);
        const std::string who = select.column_text(2) + " on " + select.column_text(3);
        const bool proposed = select.column_int(4) != 0;
        if (choice == "keep") {
            if (proposed) {
                withdraw.bind(1, plan_run).bind(2, item).run();
                note_kept.bind(1, plan_run).bind(2, item).bind(3, "; kept, not archived: chosen by " + who).run();
                ++counts.kept;
            }
        } else if (proposed) {
            confirm.bind(1, plan_run).bind(2, item).bind(3, "; archive confirmed by " + who).run();
            ++counts.archived;
        } else {
            propose.bind(1, plan_run).bind(2, item).bind(3, "archive chosen by " + who).run();
            ++counts.archived;
        }
    }
    return counts;
}

}  // namespace baton::transform
