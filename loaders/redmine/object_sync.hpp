// The find-then-create-or-update step every Redmine object goes through, with delta, conflict and retry rules.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "loaders/redmine/load_units.hpp"

namespace baton::load::redmine {

// How to handle one kind of object; T is the object as Redmine holds it (Project, User, ...).
template <class T>
struct ObjectOps {
    std::function<std::optional<T>()> find;         // by legacy key (identifier, login, title, marker)
    std::string desired_hash;                       // T::hash() of what baton wants the object to be
    std::function<std::string()> create;            // returns the target id
    std::function<void(const T&)> update;           // may be empty: such objects are matched, never changed
    std::function<std::string(const T&)> target_id;
    bool always_look = false;  // look the object up even when the id map says nothing changed
    std::string lookup;        // how rollback finds it if the create's answer is never recorded (create_lookup)
};

struct SyncContext {
    bool dry_run = false;
    int max_attempts = 6;
    // Called on the worker right before each create is sent, with the unit and the object's lookup: journals the
    // create ahead (LoadRecords::pending_create). May be empty.
    std::function<void(const Unit&, const std::string& lookup)> before_create;
    // Called on the worker right before each update is sent, with the object's target id and its state before (the
    // before-image): journals the update ahead (LoadRecords::pending_update). May be empty.
    std::function<void(const Unit&, const std::string& target_id, const std::string& before_json)> before_update;
};

// Runs a whole find/create/update under bounded retries: after a TransientError the object is looked up
// again before anything is repeated, so a create that did reach Redmine is found rather than made twice.
Outcome run_with_retries(const SyncContext& context, const std::function<Outcome()>& attempt);

template <class T>
Outcome sync_object(const SyncContext& context, const Unit& unit, const ObjectOps<T>& ops) {
    if (!ops.always_look && unit.prior && unit.prior->status == "imported" && unit.prior->content_hash == unit.content_hash) {
        return make_outcome(Action::unchanged, unit.prior->target_id, unit.prior->target_hash);
    }
    // Set before a create is sent: if its answer is lost, the next round finds the object, made by this load.
    bool create_sent = false;
    return run_with_retries(context, [&]() {
        const std::optional<T> current = ops.find();
        if (current && create_sent) return make_outcome(Action::created, ops.target_id(*current), current->hash());
        if (!current) {
            if (context.dry_run) return make_outcome(Action::created);
            if (context.before_create) context.before_create(unit, ops.lookup);
            create_sent = true;
            const std::string id = ops.create();
            const std::optional<T> back = ops.find();
            return make_outcome(Action::created, back ? ops.target_id(*back) : id, back ? back->hash() : std::string());
        }
        const std::string found_hash = current->hash();
        if (unit.prior && !unit.prior->target_hash.empty() && found_hash != unit.prior->target_hash) {
            return make_outcome(Action::conflict, ops.target_id(*current), found_hash, "edited in Redmine since baton wrote it; not overwritten");
        }
        if (found_hash == ops.desired_hash || !ops.update) {
            return make_outcome(Action::unchanged, ops.target_id(*current), found_hash);
        }
        if (context.dry_run) return make_outcome(Action::updated, ops.target_id(*current));
        if (context.before_update) context.before_update(unit, ops.target_id(*current), current->json());
        ops.update(*current);
        const std::optional<T> back = ops.find();
        return make_outcome(Action::updated, ops.target_id(*current), back ? back->hash() : std::string(), "", current->json());
    });
}

}  // namespace baton::load::redmine
