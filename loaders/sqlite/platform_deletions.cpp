// Content and comments the plan no longer migrates: archived, deleted or kept in the target (--deleted).
#include "loaders/sqlite/platform_deletions.hpp"

#include <algorithm>

namespace baton::load::sqlite_target {
namespace {

struct Candidate {
    std::int64_t id = 0;
    std::string legacy_key;
    std::string row_hash;
    Values values;
    std::string community_slug;
};

}  // namespace

PlatformDeletions::PlatformDeletions(WriteContext context, std::int64_t plan_run, std::string policy, bool whole_plan,
                                     std::vector<std::int64_t> communities)
    : m_context(context),
      m_plan_run(plan_run),
      m_policy(std::move(policy)),
      m_whole_plan(whole_plan),
      m_communities(std::move(communities)) {}

void PlatformDeletions::run(const PlatformTable& table, LoadCounts& counts) {
    auto& platform = m_context.platform;
    auto& recorder = m_context.recorder;
    const std::string name(table.name);
    const bool comments = name == "comments";
    const std::string community_of =
        comments ? "(SELECT community_id FROM content WHERE content.id = t.content_id)" : "t.community_id";
    // Objects the id map holds for this target whose item the plan no longer migrates (found by the id map's
    // source and the legacy key SOURCEKEY#ITEMKEY); rows without a source (mapped before it was recorded) are left
    // alone. An item the plan moved to a community outside --community is still in the plan: not gone.
    std::vector<std::string> unconfirmed;
    recorder.flush();
    {
        auto select = m_context.workspace.prepare(
            "SELECT m.legacy_key FROM id_map m JOIN sources s ON s.id = m.source_id WHERE m.target = ? AND "
            "m.object_kind = ? AND m.status <> 'failed' AND substr(m.legacy_key, 1, length(s.key) + 1) = s.key || '#' "
            "AND NOT EXISTS (SELECT 1 FROM items i WHERE i.source_id = m.source_id AND i.key = substr(m.legacy_key, "
            "length(s.key) + 2) AND i.id IN (SELECT item_id FROM plan_placements WHERE plan_run = ? AND action = 'migrate'))");
        select.bind(1, recorder.target()).bind(2, table.object_kind).bind(3, m_plan_run);
        while (select.step()) unconfirmed.push_back(select.column_text(0));
    }
    std::vector<Candidate> candidates;
    {
        auto select = platform.prepare("SELECT t.id, t.legacy_key, t.content_hash, coalesce((SELECT slug FROM "
                                       "communities WHERE id = " + community_of + "), ''), coalesce(" + community_of +
                                       ", 0), " + owned_list(table) + " FROM " + name + " t WHERE t.legacy_key = ?");
        for (const auto& legacy_key : unconfirmed) {
            select.bind(1, legacy_key);
            if (select.step() && (m_whole_plan || std::find(m_communities.begin(), m_communities.end(),
                                                            select.column_int(4)) != m_communities.end())) {
                Candidate candidate{select.column_int(0), select.column_text(1), select.column_text(2), {},
                                    select.column_text(3)};
                for (std::size_t i = 0; i < table.owned.size(); ++i) {
                    candidate.values.push_back(column_value(select, static_cast<int>(i) + 5));
                }
                candidates.push_back(std::move(candidate));
            }
            select.reset();
        }
    }
    if (candidates.empty()) return;
    std::size_t status_column = 0;
    while (table.owned[status_column] != "status") ++status_column;
    RowImage image(platform, table.name);
    auto archive = platform.prepare("UPDATE " + name + " SET status = 'archived', content_hash = ? WHERE id = ?");
    auto remove = platform.prepare("DELETE FROM " + name + " WHERE id = ?");
    auto orphan = platform.prepare(comments ? "UPDATE comments SET reply_to_id = NULL WHERE reply_to_id = ?"
                                            : "UPDATE content SET parent_id = NULL WHERE parent_id = ?");
    for (auto& candidate : candidates) {
        const auto mapped = recorder.find(table.object_kind, candidate.legacy_key);
        if (!mapped || mapped->status == "failed") continue;  // not loaded by baton from this workspace
        const std::string target_id = std::to_string(candidate.id);
        const std::string current_hash = hash_of(table, candidate.values);
        const bool archived = std::holds_alternative<std::string>(candidate.values[status_column]) &&
                              std::get<std::string>(candidate.values[status_column]) == "archived";
        if (m_policy == "keep" || (m_policy == "archive" && archived && current_hash == candidate.row_hash)) {
            recorder.set_status(table.object_kind, candidate.legacy_key, "ignored");
            continue;
        }
        if (edited_in_target(current_hash, candidate.row_hash, mapped)) {
            ++counts.conflicts;
            recorder.conflict(table.object_kind, candidate.legacy_key, target_id, candidate.community_slug,
                              "is gone from the plan but was edited in the target after baton loaded it; it was not " +
                                  std::string(m_policy == "delete" ? "deleted" : "archived"));
            continue;
        }
        const std::string before = image.json_of(candidate.id);
        m_context.batches.before_write();
        std::string error;
        bool written = false;
        std::string new_hash;
        if (m_policy == "delete") {
            orphan.bind(1, candidate.id).run();
            remove.bind(1, candidate.id);
            written = run_or_fail(platform, remove, error);
        } else {
            candidate.values[status_column] = std::string("archived");
            new_hash = hash_of(table, candidate.values);
            archive.bind(1, new_hash).bind(2, candidate.id);
            written = run_or_fail(platform, archive, error);
        }
        if (!written) {
            ++counts.failed;
            recorder.failed(table.object_kind, candidate.legacy_key, "could not be " + m_policy + "d: " + error, 0);
            continue;
        }
        ++counts.deleted;
        if (m_policy == "delete") {
            recorder.journal(table.object_kind, candidate.legacy_key, target_id, "deleted", before);
            recorder.forget(table.object_kind, candidate.legacy_key);
        } else {
            recorder.journal(table.object_kind, candidate.legacy_key, target_id, "archived", before);
            recorder.mapped(table.object_kind, candidate.legacy_key, target_id, new_hash, new_hash, 0, "ignored");
        }
        m_context.batches.after_write();
    }
}

}  // namespace baton::load::sqlite_target
