// One Redmine load: reads the plan, hands object writes to the workers in batches, records every outcome.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "convert/links/link_index.hpp"
#include "loaders/loader.hpp"
#include "loaders/redmine/load_records.hpp"
#include "loaders/redmine/object_sync.hpp"
#include "loaders/redmine/parallel_writes.hpp"

namespace baton::load::redmine {

struct CommunityRef {
    std::string identifier;  // the Redmine project identifier
    std::string legacy_key;
    std::string slug;
    std::int64_t source_id = 0;
    bool present = false;  // in Redmine (or would be, in a dry run) after the communities phase
};

struct PersonRef {
    std::int64_t user_id = 0;  // 0: not in Redmine (failed, or a dry run that would create it)
    std::string login;
    std::string legacy_key;
    std::int64_t source_id = 0;
};

// A page, or a comment kept on one, being written: for its messages.
struct PageRef {
    std::string legacy_key;
    std::string item_key;
    std::string community;  // the plan's slug
    std::int64_t source_id = 0;
};

class LoadSession {
public:
    LoadSession(workspace::Workspace& workspace, std::int64_t plan_run, const LoadOptions& options,
                LoadRecords& records, ParallelWrites& writes);
    void run(LoadResult& result);

private:
    void load_communities(LoadCounts& counts);
    void load_users_and_memberships(LoadCounts& users, LoadCounts& memberships);
    void load_pages(LoadCounts& content, LoadCounts& comments);
    void load_attachments(LoadCounts& content);
    [[nodiscard]] std::string page_text(convert::LinkIndex& links, std::int64_t item_id, std::string body,
                                        const std::string& format, const PageRef& page);
    [[nodiscard]] static std::string history_text(convert::LinkIndex& links, std::int64_t item_id, std::string text,
                                                  const std::string& format);
    void load_tasks(LoadCounts& counts);

    // Runs the batch on the workers, records each outcome (nothing in a dry run), then clears the batch.
    void flush(std::vector<Unit>& batch, LoadCounts& counts);
    void record(const Unit& unit, const Outcome& outcome, LoadCounts& counts);
    [[nodiscard]] std::size_t batch_size() const;
    [[nodiscard]] bool wanted_item(const std::string& key) const;

    sql::Database& m_ws;
    std::int64_t m_plan;
    LoadOptions m_options;
    LoadRecords& m_records;
    ParallelWrites& m_writes;
    SyncContext m_sync;
    std::int64_t m_manager_role = 0;
    std::int64_t m_member_role = 0;
    std::set<std::string> m_item_keys;
    std::unordered_map<std::int64_t, CommunityRef> m_communities;  // plan community id -> project
    std::unordered_map<std::int64_t, PersonRef> m_people;          // person id -> user
};

}  // namespace baton::load::redmine
