// The built-in plan: one community per top-level category, its most active authors as owner and managers.
#include "transform/item_choices.hpp"
#include "transform/built_in_planner.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>

#include "core/interrupt.hpp"
#include "core/progress.hpp"
#include "core/text.hpp"
#include "transform/built_in_roles.hpp"
#include "transform/mapping/community_rules.hpp"
#include "transform/mapping/content_rules.hpp"
#include "transform/mapping/stewardship_plan.hpp"
#include "transform/onboarding_tasks.hpp"
#include "transform/plan_facts_reader.hpp"
#include "transform/rows_read_aside.hpp"

namespace baton::transform {
namespace {

// Container kinds whose top level becomes a community (tags never do).
constexpr const char* community_kinds_sql = "('category', 'space', 'namespace', 'folder')";

const std::set<std::string>& internal_kinds() {
    static const std::set<std::string> kinds = {
        "nav_menu_item", "revision", "custom_css", "customize_changeset", "oembed_cache", "user_request",
        "wp_template", "wp_template_part", "wp_global_styles", "wp_navigation", "wp_font_face", "wp_font_family"};
    return kinds;
}

// Why an item is left out, or "" when it migrates.
std::string exclusion_reason(const std::string& kind, const std::string& status) {
    if (internal_kinds().contains(kind)) return "a WordPress internal record (" + kind + "), not content";
    if (kind == "pingback" || kind == "trackback") return "a " + kind + ", not a comment by a person";
    if (status == "trash") return "in the trash";
    if (status == "auto-draft") return "an automatic draft nobody saved";
    if (status == "spam") return "marked as spam";
    if (kind == "comment" && status == "pending") return "a comment that was never approved";
    return {};
}

struct ContainerNode {
    std::int64_t parent_id = 0;
    std::int64_t source_id = 0;
    std::string key;
    std::string name;
    std::string slug;
    std::string description;
};

// An item that stands on its own, as place_content() reads it.
struct ContentRow {
    std::int64_t item_id = 0;
    std::int64_t source_id = 0;
    std::string kind;
    std::string status;
    std::int64_t container_id = 0;  // its first community-forming container, 0 for none
    bool password_protected = false;
    std::string modified;
};

ContentRow read_content_row(const sql::Statement& row) {
    return {row.column_int(0),  row.column_int(1),      row.column_text(2), row.column_text(3),
            row.column_int(4), row.column_int(5) != 0, row.column_text(6)};
}

class Planner {
public:
    Planner(workspace::Workspace& workspace, std::int64_t run_id, const BuiltInRules& rules)
        : m_db(workspace.db()),
          m_workspace(workspace),
          m_run(run_id),
          m_rules(rules),
          m_insert_placement(m_db.prepare(
              "INSERT INTO plan_placements(plan_run, item_id, community_id, action, reason) VALUES (?,?,?,?,?)")),
          m_insert_archive(
              m_db.prepare("INSERT INTO plan_archive_proposals(plan_run, item_id, reason) VALUES (?,?,?)")) {}

    // The plan's communities and the place of every item; committed before the roles are chosen.
    void place() {
        auto insert_plan = m_db.prepare(
            "INSERT INTO plans(run_id, rules, mapping_file, max_communities_per_person) VALUES (?, ?, ?, ?)");
        insert_plan.bind(1, m_run).bind(2, describe_rules(m_rules));
        const std::string mapping_file = m_rules.mapping != nullptr ? m_rules.mapping->file : std::string();
        insert_plan.bind_text_or_null(3, mapping_file);
        const int limit = m_rules.mapping != nullptr ? m_rules.mapping->stewardship.max_communities_per_person : 0;
        if (limit > 0) {
            insert_plan.bind(4, static_cast<std::int64_t>(limit));
        } else {
            insert_plan.bind(4, nullptr);
        }
        insert_plan.run();
        load_containers();
        if (m_rules.mapping != nullptr) load_mapping_rules();
        place_content();
        place_dependents();
        apply_item_choices(m_db, m_run);  // owners' keep / archive answers on stale items
    }

    // Owners, managers and their onboarding tasks, once the placements are committed: what the roles and the
    // tasks read from the placements is read on a second connection meanwhile.
    void assign_roles_and_tasks() {
        PlanFactsReader reader(m_db, m_run, m_rules.mapping != nullptr);
        const auto decisions = read_owner_decisions(m_workspace, m_run);
        const auto outcomes =
            m_rules.mapping != nullptr
                ? mapping::plan_stewardship(m_workspace, m_run, *m_rules.mapping, decisions,
                                            [&] { return reader.stewardship_facts(); })
                : assign_built_in_roles(m_db, m_run, m_rules.owners_per_community, m_rules.managers_per_community,
                                        decisions);
        record_decision_outcomes(m_workspace, m_run, outcomes);
        generate_onboarding_tasks(m_workspace, m_run,
                                  m_rules.mapping != nullptr && m_rules.mapping->tasks ? *m_rules.mapping->tasks
                                                                                       : tasks::default_task_templates(),
                                  reader.placement_facts());
    }

private:
    void load_containers() {
        auto select = m_db.prepare(std::string("SELECT id, coalesce(parent_id, 0), source_id, key, coalesce(name, ''), "
                                               "coalesce(slug, ''), coalesce(description, '') FROM containers "
                                               "WHERE kind IN ") + community_kinds_sql);
        while (select.step()) {
            m_containers[select.column_int(0)] = {select.column_int(1), select.column_int(2), select.column_text(3),
                                                  select.column_text(4), select.column_text(5), select.column_text(6)};
        }
    }

    // A mapping's community and content rules; its community slugs are kept for its own communities.
    void load_mapping_rules() {
        std::unordered_map<std::int64_t, mapping::ContainerInfo> containers;
        for (const auto& [id, node] : m_containers) {
            const bool parent_forms = m_containers.contains(node.parent_id);
            containers[id] = {parent_forms ? node.parent_id : 0, node.source_id, node.key, node.name};
        }
        std::unordered_map<std::int64_t, mapping::SourceNames> sources;
        auto select = m_db.prepare("SELECT id, kind, key, coalesce(title, '') FROM sources");
        while (select.step()) {
            sources[select.column_int(0)] = {select.column_text(1), select.column_text(2), select.column_text(3)};
        }
        m_community_rules.emplace(*m_rules.mapping, std::move(containers), std::move(sources));
        m_content_rules.emplace(m_rules.mapping->content, mapping::reference_date(m_workspace));
        for (const auto& rule : m_rules.mapping->communities.rules) m_reserved_slugs.insert(rule.slug);
    }

    // The built-in exclusions, unless a mapping's content rule decides first.
    std::string content_exclusion(const std::string& kind, const std::string& status, const std::string& modified) {
        if (m_content_rules) {
            if (const auto decision = m_content_rules->decide(kind, status, modified)) return decision->reason;
        }
        return exclusion_reason(kind, status);
    }

    // The community of an item filed in `container_id`; 0 with `reason` set when the mapping excludes it.
    std::int64_t community_of_container(std::int64_t container_id, std::int64_t source_id, std::string& reason) {
        if (!m_community_rules) return community_for_container(root_of(container_id));
        const auto choice = m_community_rules->choose(container_id);
        switch (choice.kind) {
            case mapping::CommunityChoice::Kind::rule: return community_for_rule(choice.rule, choice.container_id);
            case mapping::CommunityChoice::Kind::excluded:
                reason = "in " + m_community_rules->path_of(container_id) + ", which the mapping excludes (line " +
                         std::to_string(choice.line) + ")";
                return 0;
            case mapping::CommunityChoice::Kind::site: return site_community(source_id);
            case mapping::CommunityChoice::Kind::top_level: break;
        }
        return community_for_container(choice.container_id);
    }

    std::int64_t community_for_rule(std::size_t rule_index, std::int64_t container_id) {
        if (const auto found = m_community_by_rule.find(rule_index); found != m_community_by_rule.end()) {
            return found->second;
        }
        const auto& rule = m_rules.mapping->communities.rules[rule_index];
        const ContainerNode& node = m_containers.at(container_id);
        const std::int64_t id =
            insert_community(rule.slug, rule.name.empty() ? (node.name.empty() ? rule.slug : node.name) : rule.name,
                             rule.description.empty() ? node.description : rule.description, node.source_id,
                             container_id, true);
        m_community_by_rule[rule_index] = id;
        return id;
    }

    void propose_archive(std::int64_t item_id, const std::string& modified) {
        if (!m_content_rules) return;
        const std::string reason = m_content_rules->archive_reason(modified);
        if (reason.empty()) return;
        m_insert_archive.bind(1, m_run).bind(2, item_id).bind(3, reason).run();
    }

    std::int64_t root_of(std::int64_t container_id) const {
        std::int64_t current = container_id;
        for (std::size_t guard = 0; guard <= m_containers.size(); ++guard) {  // a cycle cannot loop forever
            const auto found = m_containers.find(current);
            if (found == m_containers.end() || found->second.parent_id == 0 ||
                !m_containers.contains(found->second.parent_id)) {
                return current;
            }
            current = found->second.parent_id;
        }
        return current;
    }

    // A mapping's own slugs (`reserved`) are kept as declared; other communities avoid them.
    std::string unique_slug(std::string slug, bool reserved = false) {
        if (reserved) {
            m_slugs.insert(slug);
            return slug;
        }
        if (slug.empty()) slug = "community";
        std::string candidate = slug;
        for (int n = 2; m_slugs.contains(candidate) || m_reserved_slugs.contains(candidate); ++n) {
            candidate = slug + "-" + std::to_string(n);
        }
        m_slugs.insert(candidate);
        return candidate;
    }

    std::int64_t insert_community(const std::string& slug, const std::string& name, const std::string& description,
                                  std::int64_t source_id, std::int64_t container_id, bool reserved = false) {
        auto insert = m_db.prepare(
            "INSERT INTO plan_communities(plan_run, slug, name, description, source_id, container_id) "
            "VALUES (?,?,?,?,?,?)");
        insert.bind(1, m_run).bind(2, unique_slug(slug, reserved)).bind(3, name).bind_text_or_null(4, description);
        insert.bind(5, source_id).bind_id_or_null(6, container_id).run();
        return m_db.last_insert_rowid();
    }

    std::int64_t community_for_container(std::int64_t root_id) {
        if (const auto found = m_community_by_root.find(root_id); found != m_community_by_root.end()) {
            return found->second;
        }
        const ContainerNode& node = m_containers.at(root_id);
        // A container without a name (a MediaWiki dump without <namespaces>) is named after its key, so that no
        // community is nameless; MediaWiki's main namespace, which never has a name, is "Main".
        const std::string name = !node.name.empty()        ? node.name
                                 : node.key == "namespace:0" ? std::string("Main")
                                                             : node.key;
        const std::string slug = node.slug.empty() ? text::slugify(name) : node.slug;
        const std::int64_t id = insert_community(slug, name, node.description, node.source_id, root_id);
        m_community_by_root[root_id] = id;
        return id;
    }

    std::int64_t site_community(std::int64_t source_id) {
        if (const auto found = m_site_community.find(source_id); found != m_site_community.end()) {
            return found->second;
        }
        auto select = m_db.prepare("SELECT coalesce(title, ''), key FROM sources WHERE id = ?");
        select.bind(1, source_id);
        select.step();
        const std::string title = select.column_text(0).empty() ? select.column_text(1) : select.column_text(0);
        select.reset();
        const std::int64_t id = insert_community(text::slugify(title), title,
                                                 "Content of " + title + " that has no category", source_id, 0);
        m_site_community[source_id] = id;
        return id;
    }

    void place(std::int64_t item_id, std::int64_t community_id, const std::string& exclusion) {
        m_insert_placement.bind(1, m_run).bind(2, item_id);
        if (exclusion.empty()) {
            m_insert_placement.bind(3, community_id).bind(4, "migrate").bind(5, "");
        } else {
            m_insert_placement.bind(3, nullptr).bind(4, "exclude").bind(5, exclusion);
        }
        m_insert_placement.run();
    }

    // Items that stand on their own: their first community-forming container decides their community. They are
    // read aside (on a second connection) while the placements are written here.
    void place_content() {
        Progress progress("plan: placing items", 0);
        std::uint64_t count = 0;
        const std::function<void(ContentRow&)> place_row = [&](ContentRow& row) {
            std::string reason = content_exclusion(row.kind, row.status, row.modified);
            if (reason.empty() && row.password_protected) {
                reason = "password-protected in the old site: review it before it moves";
            } else if (reason.empty() && row.kind == "comment") {
                reason = "a comment whose item is not in the export";
            }
            std::int64_t community = 0;
            if (reason.empty()) {
                community = row.container_id > 0 ? community_of_container(row.container_id, row.source_id, reason)
                                                 : site_community(row.source_id);
            }
            place(row.item_id, community, reason);
            if (reason.empty()) propose_archive(row.item_id, row.modified);
            if (++count % 4096 == 0) {
                throw_if_interrupted();
                progress.update(count, 0);
            }
        };
        for_each_row_read_aside<ContentRow>(
            m_db,
            std::string("SELECT i.id, i.source_id, i.kind, coalesce(i.status, ''), (SELECT ic.container_id FROM "
                        "item_containers ic JOIN containers c ON c.id = ic.container_id WHERE ic.item_id = i.id AND "
                        "c.kind IN ") +
                community_kinds_sql + " ORDER BY ic.position LIMIT 1), instr(coalesce(i.attributes, ''), "
                "'[\"post_password\",') > 0, coalesce(nullif(i.modified_at, ''), i.created_at, '') "
                "FROM items i WHERE i.removed_run IS NULL AND NOT "
                "(i.parent_id IS NOT NULL AND i.kind NOT IN ('post', 'page')) ORDER BY i.id",
            &read_content_row, place_row);
    }

    // Comments and attachments follow the item they belong to. Passes repeat while they place
    // something, so a dependent of a dependent follows it too; what is left at the end belongs to
    // an item the latest export no longer has.
    void place_dependents() {
        // Read in pages by id (memory stays flat) and placed between reads (SQLite is not asked to
        // read rows that the same statement is inserting).
        const std::string not_placed =
            "i.removed_run IS NULL AND i.parent_id IS NOT NULL AND i.kind NOT IN ('post', 'page') AND i.id > ?2 AND "
            "NOT EXISTS (SELECT 1 FROM plan_placements own WHERE own.plan_run = ?1 AND own.item_id = i.id)";
        auto with_placed_parent = m_db.prepare(
            "SELECT i.id, i.kind, coalesce(i.status, ''), i.parent_key, p.action, coalesce(p.community_id, 0), "
            "instr(coalesce(i.attributes, ''), '[\"post_password\",') > 0, "
            "coalesce(nullif(i.modified_at, ''), i.created_at, '') FROM items i JOIN plan_placements p "
            "ON p.plan_run = ?1 AND p.item_id = i.parent_id WHERE " + not_placed + " ORDER BY i.id LIMIT 4096");
        for (bool placed_any = true; placed_any;) {
            placed_any = false;
            for (std::int64_t after = 0;;) {
                with_placed_parent.bind(1, m_run).bind(2, after);
                std::vector<std::tuple<std::int64_t, std::int64_t, std::string>> page;
                while (with_placed_parent.step()) {
                    std::string reason = content_exclusion(with_placed_parent.column_text(1),
                                                           with_placed_parent.column_text(2),
                                                           with_placed_parent.column_text(7));
                    if (reason.empty() && with_placed_parent.column_int(6) != 0) {
                        reason = "password-protected in the old site: review it before it moves";
                    } else if (reason.empty() && with_placed_parent.column_text(4) == "exclude") {
                        reason = "belongs to " + with_placed_parent.column_text(3) + ", which is not migrated";
                    }
                    page.emplace_back(with_placed_parent.column_int(0),
                                      reason.empty() ? with_placed_parent.column_int(5) : 0, reason);
                }
                with_placed_parent.reset();
                if (page.empty()) break;
                for (const auto& [item, community, reason] : page) place(item, community, reason);
                after = std::get<0>(page.back());
                placed_any = true;
            }
        }
        // What is left belongs to an item the latest export no longer has.
        auto orphans = m_db.prepare("SELECT i.id, i.parent_key, i.kind, coalesce(i.status, '') FROM items i WHERE " +
                                    not_placed + " ORDER BY i.id LIMIT 4096");
        for (std::int64_t after = 0;;) {
            orphans.bind(1, m_run).bind(2, after);
            std::vector<std::pair<std::int64_t, std::string>> page;
            while (orphans.step()) {
                // Its own reason first (spam stays spam), else the missing item it belongs to.
                std::string reason = exclusion_reason(orphans.column_text(2), orphans.column_text(3));
                if (reason.empty()) reason = "belongs to " + orphans.column_text(1) + ", which is no longer in the export";
                page.emplace_back(orphans.column_int(0), std::move(reason));
            }
            orphans.reset();
            if (page.empty()) break;
            for (const auto& [item, reason] : page) place(item, 0, reason);
            after = page.back().first;
        }
    }

    sql::Database& m_db;
    workspace::Workspace& m_workspace;
    std::int64_t m_run;
    BuiltInRules m_rules;
    sql::Statement m_insert_placement;
    sql::Statement m_insert_archive;
    std::unordered_map<std::int64_t, ContainerNode> m_containers;
    std::unordered_map<std::int64_t, std::int64_t> m_community_by_root;
    std::unordered_map<std::int64_t, std::int64_t> m_site_community;
    std::unordered_map<std::size_t, std::int64_t> m_community_by_rule;
    std::set<std::string> m_slugs;
    std::set<std::string> m_reserved_slugs;
    std::optional<mapping::CommunityRules> m_community_rules;
    std::optional<mapping::ContentRules> m_content_rules;
};

// Removes what plans that failed or were interrupted after committing their placements left behind.
void remove_unfinished_plans(sql::Database& db, std::int64_t current_run) {
    const std::string unfinished = "(SELECT id FROM runs WHERE outcome IN ('failed', 'interrupted') AND id <> " +
                                   std::to_string(current_run) + ")";
    std::vector<std::string> tables;
    auto select = db.prepare(
        "SELECT m.name FROM sqlite_schema m WHERE m.type = 'table' AND m.name LIKE 'plan%' AND "
        "EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'plan_run') ORDER BY m.name");
    while (select.step()) tables.push_back(select.column_text(0));
    select.reset();
    for (const auto& table : tables) db.exec("DELETE FROM " + table + " WHERE plan_run IN " + unfinished);
    db.exec("DELETE FROM plans WHERE run_id IN " + unfinished);
}

}  // namespace

std::string describe_rules(const BuiltInRules& rules) {
    if (rules.mapping != nullptr) {
        const auto& m = *rules.mapping;
        const auto& stewardship = m.stewardship;
        std::string text = "mapping " + m.file + " (sha256 " + m.sha256.substr(0, 12) + "): " +
                           text::counted(static_cast<std::int64_t>(m.communities.rules.size()), "community rule") +
                           ", " + text::counted(static_cast<std::int64_t>(m.communities.excluded.size()), "exclusion") +
                           ", otherwise " +
                           (m.communities.fallback == mapping::Communities::Default::site
                                ? "the site community"
                                : "one community per top-level category") +
                           "; " + text::counted(static_cast<std::int64_t>(m.content.rules.size()), "content rule");
        if (m.content.archive_after_years > 0) {
            text += ", archive proposed after " + std::to_string(m.content.archive_after_years) + " years";
        }
        text += "; " + std::to_string(stewardship.owners) + " owner(s) and " + std::to_string(stewardship.managers) +
                " manager(s) per community by stewardship score (half-life " +
                std::to_string(stewardship.half_life_days) + " days";
        if (stewardship.max_communities_per_person > 0) {
            text += ", at most " + std::to_string(stewardship.max_communities_per_person) + " per person";
        }
        text += "), " + text::counted(static_cast<std::int64_t>(stewardship.pins.size()), "pin");
        if (!m.identity.directory.empty()) text += "; people directory " + m.identity.directory;
        return text + "; comments and attachments follow their item";
    }
    return "built-in: one community per top-level category (a site community for content without one); the " +
           std::to_string(rules.owners_per_community) + " most active author(s) own it, the next " +
           std::to_string(rules.managers_per_community) +
           " manage it; comments and attachments follow their item; trash, spam, unapproved comments, "
           "pingbacks and WordPress internal records are excluded";
}

PlanSummary plan_with_built_in_rules(workspace::Workspace& workspace, std::int64_t run_id, const BuiltInRules& rules) {
    // Placing a million items reads the items and placements tables many times: a page cache of 256 MiB (instead of
    // the workspace's 16) keeps them in memory instead of re-reading each page from the file (docs/benchmarks.md).
    workspace.db().exec("PRAGMA cache_size = -262144");
    Planner planner(workspace, run_id, rules);
    {
        // Committed first, so that a second connection can read them; a plan that fails later is never read (every
        // reader takes the latest succeeded plan) and the next plan removes what it left.
        sql::Transaction transaction(workspace.db());
        remove_unfinished_plans(workspace.db(), run_id);
        planner.place();
        transaction.commit();
    }
    sql::Transaction transaction(workspace.db());
    planner.assign_roles_and_tasks();
    const PlanSummary summary = read_plan_summary(workspace, run_id);
    auto store = workspace.db().prepare("UPDATE plans SET summary = ? WHERE run_id = ?");
    store.bind(1, describe_summary(summary)).bind(2, run_id).run();
    transaction.commit();
    return summary;
}

std::string describe_summary(const PlanSummary& summary) {
    return text::counted(summary.communities, "community", "communities") + ", " +
           text::counted(summary.people_with_roles, "person", "people") + " with roles, " +
           text::counted(summary.migrated_items, "item") + " to migrate, " +
           std::to_string(summary.excluded_items) + " left out, " +
           text::counted(summary.communities_without_owner, "community", "communities") + " without an owner, " +
           text::counted(summary.tasks, "onboarding task");
}

}  // namespace baton::transform
