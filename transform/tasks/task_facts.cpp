// The facts onboarding task templates are filled from: per community of a plan, what moved, what the
// conversion flagged, what is proposed for archive, what is read most, and who contributed.
#include "transform/tasks/task_facts.hpp"

#include <algorithm>
#include <sstream>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/interrupt.hpp"
#include "core/text.hpp"

namespace baton::transform::tasks {
namespace {

// How many lines a list placeholder shows before "and N more".
constexpr std::int64_t listed_lines = 25;
constexpr int listed_contributors = 5;
// Contributors kept per community beyond those listed, for the role holders left out once the roles are chosen.
constexpr int spare_contributors = 16;
constexpr int listed_most_read = 5;

std::string more_line(std::int64_t total, std::int64_t shown) {
    return total > shown ? "\n- and " + std::to_string(total - shown) + " more (see the report)" : std::string();
}

// " <URL>" (the HTML checklist makes it a link), or " [KEY]" when the old system gave the item no address.
std::string link_of(const std::string& url, const std::string& key) {
    return url.empty() ? " [" + key + "]" : " <" + url + ">";
}

std::int64_t count_lines(const std::string& text) {
    if (text.empty()) return 0;
    std::int64_t lines = 1;
    for (const char c : text) lines += c == '\n' ? 1 : 0;
    return text.back() == '\n' ? lines - 1 : lines;
}

std::string joined_lines(const std::string& text, const char* separator) {
    std::istringstream lines(text);
    std::string line;
    std::string result;
    while (std::getline(lines, line)) {
        if (!line.empty()) result += (result.empty() ? "" : separator) + line;
    }
    return result;
}

// The first `limit` entries by Key, kept while rows stream by in any order (memory: `limit` per community).
template <typename Key, typename Value = std::string>
class FirstEntries {
public:
    explicit FirstEntries(std::size_t limit) : limit_(limit) {}
    // Keeps `make_text()` under `key` if it is among the first `limit` keys seen so far.
    template <typename MakeText>
    void offer(Key key, MakeText&& make_text) {
        if (heap_.size() == limit_ && !(key < heap_.front().first)) return;
        heap_.emplace_back(std::move(key), make_text());
        std::push_heap(heap_.begin(), heap_.end(), larger_first);  // the largest key on top
        if (heap_.size() > limit_) {
            std::pop_heap(heap_.begin(), heap_.end(), larger_first);
            heap_.pop_back();
        }
    }
    // The kept values in key order.
    [[nodiscard]] std::vector<Value> in_order() {
        std::sort_heap(heap_.begin(), heap_.end(), larger_first);
        std::vector<Value> texts;
        for (auto& entry : heap_) texts.push_back(std::move(entry.second));
        return texts;
    }

private:
    static bool larger_first(const std::pair<Key, Value>& a, const std::pair<Key, Value>& b) {
        return a.first < b.first;
    }
    std::size_t limit_;
    std::vector<std::pair<Key, Value>> heap_;
};

// ORDER BY i.title, i.key as SQLite sorts them (NULL before any text, text by bytes).
using TitleOrder = std::tuple<bool, std::string, std::string>;
TitleOrder title_order(const sql::Statement& row, int title_column, int key_column) {
    return {!row.column_is_null(title_column), row.column_text(title_column), row.column_text(key_column)};
}

std::string listed(std::vector<std::string> lines, const char* first_prefix, const char* next_prefix) {
    std::string text;
    for (std::size_t i = 0; i < lines.size(); ++i) text += (i == 0 ? first_prefix : next_prefix) + lines[i];
    return text;
}

// The migrated items of every community in one pass over the plan's placements: counts, the first page titles
// and the most discussed and revised pages.
void read_migrated(sql::Database& db, std::int64_t plan_run, std::map<std::int64_t, CommunityFacts>& all) {
    // Comments per commented item (no index on items.parent_id: one grouped pass instead of a lookup per item).
    std::unordered_map<std::int64_t, std::int64_t> comments_on;
    auto comments = db.prepare(
        "SELECT parent_id, count(*) FROM items WHERE kind = 'comment' AND parent_id IS NOT NULL GROUP BY parent_id");
    while (comments.step()) comments_on[comments.column_int(0)] = comments.column_int(1);

    auto rows = db.prepare(
        "SELECT p.community_id, i.kind, coalesce(i.kind <> 'comment' AND coalesce(i.status, '') IN "
        "('draft', 'private', 'pending', 'future'), 0), i.title, i.key, coalesce(nullif(i.title, ''), i.key), "
        "coalesce(i.url, ''), i.id, CASE WHEN i.kind IN ('comment', 'attachment') THEN 0 ELSE "
        "(SELECT count(*) FROM revisions r WHERE r.item_id = i.id) END "
        "FROM plan_placements p JOIN items i ON i.id = p.item_id WHERE p.plan_run = ?1 AND p.action = 'migrate'");
    rows.bind(1, plan_run);
    using MostReadOrder = std::tuple<std::int64_t, bool, std::string, std::string>;
    std::map<std::int64_t, FirstEntries<TitleOrder>> pages;
    std::map<std::int64_t, FirstEntries<MostReadOrder>> most_read;
    std::int64_t current_id = -1;
    CommunityFacts* facts = nullptr;
    for (std::int64_t read = 1; rows.step(); ++read) {
        if (read % 65536 == 0) throw_if_interrupted();
        const std::int64_t community_id = rows.column_int(0);
        if (community_id != current_id || facts == nullptr) {
            current_id = community_id;
            facts = &all[community_id];
        }
        const std::string kind = rows.column_text(1);
        if (kind == "comment") {
            ++facts->numbers["comments"];
            continue;
        }
        ++facts->numbers["migrated_pages"];
        facts->numbers["unpublished"] += rows.column_int(2);
        const std::string shown = rows.column_text(5);
        pages.try_emplace(community_id, static_cast<std::size_t>(listed_lines))
            .first->second.offer(title_order(rows, 3, 4), [&] { return shown + " (" + kind + ")"; });
        if (kind == "attachment") continue;
        const auto found = comments_on.find(rows.column_int(7));
        const std::int64_t discussed = found == comments_on.end() ? 0 : found->second;
        const std::int64_t revised = rows.column_int(8);
        MostReadOrder order{-(discussed + revised), !rows.column_is_null(3), rows.column_text(3), rows.column_text(4)};
        most_read.try_emplace(community_id, static_cast<std::size_t>(listed_most_read))
            .first->second.offer(std::move(order), [&] {
                return shown + " (" + text::counted(discussed, "comment") + ", " + text::counted(revised, "revision") +
                       ")" + link_of(rows.column_text(6), rows.column_text(4));
            });
    }
    for (auto& [community_id, first] : pages) {
        auto& facts_of = all[community_id];
        const auto lines = first.in_order();
        facts_of.page_list = listed(lines, "- ", "\n- ") +
                             more_line(facts_of.numbers["migrated_pages"], static_cast<std::int64_t>(lines.size()));
    }
    for (auto& [community_id, first] : most_read)
        all[community_id].most_read_list = listed(first.in_order(), "- ", "\n- ");
}

// Items whose converted body kept raw parts or links to pages that do not exist (any converted format).
void read_flagged(sql::Database& db, std::int64_t plan_run, std::map<std::int64_t, CommunityFacts>& all) {
    auto flagged = db.prepare(
        "SELECT p.community_id, i.title, i.key, coalesce(nullif(i.title, ''), i.key), coalesce(i.url, ''), "
        "(SELECT max(raw_nodes) FROM converted_bodies WHERE item_id = i.id), "
        "(SELECT raw_reasons FROM converted_bodies WHERE item_id = i.id AND raw_nodes > 0 "
        " ORDER BY raw_nodes DESC, format LIMIT 1), "
        "(SELECT unresolved_links FROM converted_bodies WHERE item_id = i.id AND unresolved_links "
        " IS NOT NULL ORDER BY format LIMIT 1) "
        "FROM (SELECT DISTINCT item_id FROM converted_bodies WHERE raw_nodes > 0 OR unresolved_links IS NOT NULL) f "
        "JOIN plan_placements p ON p.plan_run = ?1 AND p.item_id = f.item_id AND p.action = 'migrate' "
        "JOIN items i ON i.id = f.item_id");
    flagged.bind(1, plan_run);
    std::map<std::int64_t, FirstEntries<TitleOrder>> first;
    while (flagged.step()) {
        auto& facts = all[flagged.column_int(0)];
        const std::int64_t raw = flagged.column_int(5);
        const std::string unresolved = flagged.column_text(7);
        const std::int64_t broken = count_lines(unresolved);
        ++facts.numbers["flagged_items"];
        facts.numbers["unconverted_parts"] += raw;
        facts.numbers["broken_links"] += broken;
        first.try_emplace(flagged.column_int(0), static_cast<std::size_t>(listed_lines))
            .first->second.offer(title_order(flagged, 1, 2), [&] {
                std::string line = flagged.column_text(3) + ":";
                if (raw > 0) {
                    line += " " + text::counted(raw, "unconverted part") + " (" +
                            joined_lines(flagged.column_text(6), "; ") + ")";
                }
                if (raw > 0 && broken > 0) line += ";";
                if (broken > 0)
                    line += " " + text::counted(broken, "broken link") + " (" + joined_lines(unresolved, ", ") + ")";
                return line + link_of(flagged.column_text(4), flagged.column_text(2));
            });
    }
    for (auto& [community_id, entries] : first) {
        auto& facts = all[community_id];
        const auto lines = entries.in_order();
        facts.flagged_list = listed(lines, "- ", "\n- ") +
                             more_line(facts.numbers["flagged_items"], static_cast<std::int64_t>(lines.size()));
    }
}

void read_stale(sql::Database& db, std::int64_t plan_run, std::map<std::int64_t, CommunityFacts>& all) {
    auto stale = db.prepare(
        "SELECT p.community_id, i.title, i.key, coalesce(nullif(i.title, ''), i.key), coalesce(i.url, ''), a.reason "
        "FROM plan_archive_proposals a JOIN plan_placements p ON p.plan_run = a.plan_run AND p.item_id = a.item_id "
        "JOIN items i ON i.id = a.item_id WHERE a.plan_run = ?1");
    stale.bind(1, plan_run);
    std::map<std::int64_t, FirstEntries<TitleOrder>> first;
    while (stale.step()) {
        ++all[stale.column_int(0)].numbers["stale_pages"];
        first.try_emplace(stale.column_int(0), static_cast<std::size_t>(listed_lines))
            .first->second.offer(title_order(stale, 1, 2), [&] {
                return stale.column_text(3) + " (" + stale.column_text(5) + ")" +
                       link_of(stale.column_text(4), stale.column_text(2));
            });
    }
    for (auto& [community_id, entries] : first) {
        auto& facts = all[community_id];
        const auto lines = entries.in_order();
        facts.stale_list = listed(lines, "- ", "\n- ") +
                           more_line(facts.numbers["stale_pages"], static_cast<std::int64_t>(lines.size()));
    }
}

// The text of one contributor: "Ann Lee (4 items, 2 comments)".
std::string contributor_line(const std::string& name, std::int64_t items, std::int64_t comments) {
    std::string what = items > 0 ? text::counted(items, "item") : std::string();
    if (comments > 0) what += (what.empty() ? "" : ", ") + text::counted(comments, "comment");
    return name + " (" + what + ")";
}

using ContributorOrder = std::tuple<std::int64_t, std::int64_t, std::string>;  // items and rows descending, then key

// Authors of migrated content, the most prolific first, roles not yet known: the listed number and a few to spare.
void read_first_contributors(sql::Database& db, std::int64_t plan_run, PlacementFacts& facts) {
    auto authors = db.prepare(
        "SELECT p.community_id, coalesce(nullif(a.display_name, ''), nullif(a.login, ''), a.key), a.key, "
        "sum(i.kind <> 'comment'), sum(i.kind = 'comment'), count(*), a.id "
        "FROM plan_placements p JOIN items i ON i.id = p.item_id JOIN people a ON a.id = i.author_id "
        "WHERE p.plan_run = ?1 AND p.action = 'migrate' AND a.key NOT LIKE 'ip:%' GROUP BY p.community_id, a.id");
    authors.bind(1, plan_run);
    std::map<std::int64_t, FirstEntries<ContributorOrder, ContributorEntry>> first;
    for (std::int64_t read = 1; authors.step(); ++read) {
        if (read % 65536 == 0) throw_if_interrupted();
        const std::int64_t community_id = authors.column_int(0);
        ++facts.contributor_totals[community_id];
        first.try_emplace(community_id, static_cast<std::size_t>(listed_contributors + spare_contributors))
            .first->second.offer(ContributorOrder{-authors.column_int(3), -authors.column_int(5), authors.column_text(2)},
                                 [&] {
                                     return ContributorEntry{authors.column_int(6),
                                                             contributor_line(authors.column_text(1),
                                                                              authors.column_int(3),
                                                                              authors.column_int(4))};
                                 });
    }
    for (auto& [community_id, entries] : first) facts.contributors[community_id] = entries.in_order();
}

// Authors of migrated content who have no role in the community, the most prolific first.
void read_contributors(sql::Database& db, std::int64_t plan_run, std::map<std::int64_t, CommunityFacts>& all) {
    auto authors = db.prepare(
        "SELECT p.community_id, coalesce(nullif(a.display_name, ''), nullif(a.login, ''), a.key), a.key, "
        "sum(i.kind <> 'comment'), sum(i.kind = 'comment'), count(*) "
        "FROM plan_placements p JOIN items i ON i.id = p.item_id JOIN people a ON a.id = i.author_id "
        "WHERE p.plan_run = ?1 AND p.action = 'migrate' AND a.key NOT LIKE 'ip:%' "
        "AND NOT EXISTS (SELECT 1 FROM plan_roles r WHERE r.community_id = p.community_id AND r.person_id = a.id) "
        "GROUP BY p.community_id, a.id");
    authors.bind(1, plan_run);
    std::map<std::int64_t, FirstEntries<ContributorOrder>> first;
    while (authors.step()) {
        first.try_emplace(authors.column_int(0), static_cast<std::size_t>(listed_contributors))
            .first->second.offer(ContributorOrder{-authors.column_int(3), -authors.column_int(5), authors.column_text(2)},
                                 [&] {
                                     return contributor_line(authors.column_text(1), authors.column_int(3),
                                                             authors.column_int(4));
                                 });
    }
    for (auto& [community_id, entries] : first) {
        auto& facts = all[community_id];
        const auto names = entries.in_order();
        facts.contributor_names = listed(names, "", ", ");
        facts.numbers["contributors"] = static_cast<std::int64_t>(names.size());
    }
}

}  // namespace

PlacementFacts read_placement_facts(sql::Database& db, std::int64_t plan_run) {
    PlacementFacts facts;
    read_migrated(db, plan_run, facts.by_community);
    read_flagged(db, plan_run, facts.by_community);
    read_stale(db, plan_run, facts.by_community);
    read_first_contributors(db, plan_run, facts);
    return facts;
}

std::map<std::int64_t, CommunityFacts> all_community_facts(workspace::Workspace& workspace, std::int64_t plan_run,
                                                           const std::vector<PlannedCommunity>& communities,
                                                           PlacementFacts placement_facts) {
    std::map<std::int64_t, CommunityFacts> all;
    bool spare_ran_out = false;  // role holders took more than the spare contributors somewhere: read them exactly
    for (const auto& community : communities) {
        auto& facts = all[community.id];
        if (auto found = placement_facts.by_community.find(community.id); found != placement_facts.by_community.end()) {
            facts = std::move(found->second);
        }
        for (const char* name : {"migrated_pages", "comments", "unpublished", "flagged_items", "unconverted_parts",
                                 "broken_links", "stale_pages", "contributors"}) {
            facts.numbers.try_emplace(name, 0);
        }
        std::int64_t owners = 0;
        std::int64_t managers = 0;
        for (const auto& member : community.roles) {
            owners += member.role == "owner" ? 1 : 0;
            managers += member.role == "manager" ? 1 : 0;
        }
        facts.numbers["owners"] = owners;
        facts.numbers["managers"] = managers;
        const auto& kept = placement_facts.contributors[community.id];
        std::vector<std::string> names;
        for (const auto& entry : kept) {
            if (names.size() == static_cast<std::size_t>(listed_contributors)) break;
            const bool has_role = std::any_of(community.roles.begin(), community.roles.end(),
                                              [&](const PlannedRole& role) { return role.person_id == entry.person_id; });
            if (!has_role) names.push_back(entry.line);
        }
        if (names.size() < static_cast<std::size_t>(listed_contributors) &&
            placement_facts.contributor_totals[community.id] > static_cast<std::int64_t>(kept.size())) {
            spare_ran_out = true;
        }
        facts.contributor_names = listed(names, "", ", ");
        facts.numbers["contributors"] = static_cast<std::int64_t>(names.size());
    }
    if (spare_ran_out) {
        for (auto& [id, facts] : all) {
            facts.contributor_names.clear();
            facts.numbers["contributors"] = 0;
        }
        read_contributors(workspace.db(), plan_run, all);
    }
    return all;
}

std::map<std::int64_t, CommunityFacts> all_community_facts(workspace::Workspace& workspace, std::int64_t plan_run,
                                                           const std::vector<PlannedCommunity>& communities) {
    return all_community_facts(workspace, plan_run, communities, read_placement_facts(workspace.db(), plan_run));
}

std::map<std::string, std::string> placeholder_values(const CommunityFacts& facts, const PlannedCommunity& community,
                                                      const PlannedRole& member) {
    std::map<std::string, std::string> values;
    for (const auto& [name, number] : facts.numbers) values[name] = std::to_string(number);
    values["person"] = member.display_name;
    values["role"] = member.role;
    values["community"] = community.name;
    values["community_slug"] = community.slug;
    values["reason"] = member.reason;
    values["description"] = community.description.empty() ? "(no description yet)" : community.description;
    std::string team;
    for (const auto& other : community.roles) {
        if (other.person_id == member.person_id) continue;
        team += (team.empty() ? ": " : ", ") + other.display_name + " (" + other.role + ")";
    }
    values["team"] = team;
    values["page_list"] = facts.page_list;
    values["flagged_list"] = facts.flagged_list;
    values["stale_list"] = facts.stale_list;
    values["most_read_list"] = facts.most_read_list;
    values["contributor_names"] = facts.contributor_names;
    return values;
}

std::string fill_placeholders(const std::string& text, const std::map<std::string, std::string>& values) {
    std::string result;
    std::size_t at = 0;
    while (true) {
        const auto open = text.find('{', at);
        const auto close = open == std::string::npos ? std::string::npos : text.find('}', open);
        if (close == std::string::npos) break;
        result.append(text, at, open - at);
        const std::string inside = text.substr(open + 1, close - open - 1);
        const auto colon = inside.find(':');
        const auto found = values.find(inside.substr(0, colon));
        if (found == values.end()) {
            result += text.substr(open, close - open + 1);  // unknown: kept as written (the reader refuses them)
        } else if (colon != std::string::npos) {
            result += text::counted(text::parse_int(found->second).value_or(0), inside.substr(colon + 1));
        } else {
            result += found->second;
        }
        at = close + 1;
    }
    result.append(text, at, std::string::npos);
    return result;
}

}  // namespace baton::transform::tasks
