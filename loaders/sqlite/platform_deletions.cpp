// Content and comments the plan no longer migrates: archived, deleted or kept in the target (--deleted).
#include "loaders/sqlite/platform_deletions.hpp"

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

PlatformDeletions::PlatformDeletions(WriteContext context, std::string policy, bool whole_plan,
                                     std::vector<std::int64_t> communities)
    : m_context(context), m_policy(std::move(policy)), m_whole_plan(whole_plan), m_communities(std::move(communities)) {}

void PlatformDeletions::run(const PlatformTable& table, LoadCounts& counts) {
    auto& platform = m_context.platform;
    auto& recorder = m_context.recorder;
    const std::string name(table.name);
    const bool comments = name == "comments";
    const std::string community_of =
        comments ? "(SELECT community_id FROM content WHERE content.id = t.content_id)" : "t.community_id";
    std::string scope;
    if (!m_whole_plan) {
        scope = " AND " + community_of + " IN (";
        for (std::size_t i = 0; i < m_communities.size(); ++i) scope += (i ? "," : "") + std::to_string(m_communities[i]);
        scope += m_communities.empty() ? "NULL)" : ")";
    }
    // Gathered first (deletions are few next to loads), then written.
    std::vector<Candidate> candidates;
    {
        auto select = platform.prepare("SELECT t.id, t.legacy_key, t.content_hash, coalesce((SELECT slug FROM "
                                       "communities WHERE id = " + community_of + "), ''), " + owned_list(table) +
                                       " FROM " + name + " t WHERE NOT EXISTS (SELECT 1 FROM temp.seen s WHERE "
                                       "s.kind = ?1 AND s.legacy_key = t.legacy_key)" + scope + " ORDER BY t.id");
        select.bind(1, table.object_kind);
        while (select.step()) {
            Candidate candidate{select.column_int(0), select.column_text(1), select.column_text(2), {},
                                select.column_text(3)};
            for (std::size_t i = 0; i < table.owned.size(); ++i) {
                candidate.values.push_back(column_value(select, static_cast<int>(i) + 4));
            }
            candidates.push_back(std::move(candidate));
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
