// One object write of a Redmine load: what a worker does (off the main thread) and what it reports back.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "loaders/redmine/load_records.hpp"
#include "loaders/redmine/redmine_api.hpp"

namespace baton::load::redmine {

enum class Action { created, updated, unchanged, conflict, failed, skipped };

struct Outcome {
    Action action = Action::failed;
    std::string target_id;
    std::string target_hash;  // the object as read back after the write (or as found unchanged)
    std::string before_json;  // for `updated`: the object before, for rollback
    std::string detail;       // why it failed, was skipped or is a conflict
    std::string name;         // the object's Redmine name where later writes need it (a user's login)
};

inline Outcome make_outcome(Action action, std::string target_id = {}, std::string target_hash = {},
                            std::string detail = {}, std::string before_json = {}) {
    Outcome outcome;
    outcome.action = action;
    outcome.target_id = std::move(target_id);
    outcome.target_hash = std::move(target_hash);
    outcome.detail = std::move(detail);
    outcome.before_json = std::move(before_json);
    return outcome;
}

struct Unit {
    std::string kind;  // id_map object_kind
    std::string legacy_key;
    std::int64_t source_id = 0;
    std::string item_key;        // for messages
    std::string community_slug;  // for conflicts
    std::string content_hash;    // of what baton would write
    std::optional<MapRow> prior;
    std::function<Outcome(RedmineApi&, const Unit&)> write;  // runs on a worker
    std::function<void(const Outcome&)> done;  // runs on the main thread after recording (may be empty)
};

}  // namespace baton::load::redmine
