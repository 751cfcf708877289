// The facts onboarding task templates are filled from: per community of a plan, what moved, what the
// conversion flagged, what is proposed for archive, what is read most, and who contributed.
#include "transform/tasks/task_facts.hpp"

#include <sstream>

#include "core/text.hpp"

namespace baton::transform::tasks {
namespace {

// How many lines a list placeholder shows before "and N more".
constexpr std::int64_t listed_lines = 25;
constexpr int listed_contributors = 5;
constexpr int listed_most_read = 5;

const char* const migrated_in_community =
    "FROM plan_placements p JOIN items i ON i.id = p.item_id "
    "WHERE p.plan_run = ?1 AND p.community_id = ?2 AND p.action = 'migrate' ";

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

void read_counts(sql::Database& db, std::int64_t plan_run, std::int64_t community_id, CommunityFacts& facts) {
    auto counts = db.prepare(
        std::string("SELECT coalesce(sum(i.kind <> 'comment'), 0), coalesce(sum(i.kind = 'comment'), 0), "
                    "coalesce(sum(i.kind <> 'comment' AND coalesce(i.status, '') IN "
                    "('draft', 'private', 'pending', 'future')), 0) ") +
        migrated_in_community);
    counts.bind(1, plan_run).bind(2, community_id);
    counts.step();
    facts.numbers["migrated_pages"] = counts.column_int(0);
    facts.numbers["comments"] = counts.column_int(1);
    facts.numbers["unpublished"] = counts.column_int(2);

    auto pages = db.prepare(std::string("SELECT coalesce(nullif(i.title, ''), i.key) || ' (' || i.kind || ')' ") +
                            migrated_in_community + "AND i.kind <> 'comment' ORDER BY i.title, i.key LIMIT ?3");
    pages.bind(1, plan_run).bind(2, community_id).bind(3, listed_lines);
    std::int64_t shown = 0;
    while (pages.step()) {
        facts.page_list += (shown++ == 0 ? "- " : "\n- ") + pages.column_text(0);
    }
    facts.page_list += more_line(facts.numbers["migrated_pages"], shown);
}

// Items whose converted body kept raw parts or links to pages that do not exist (any converted format).
void read_flagged(sql::Database& db, std::int64_t plan_run, std::int64_t community_id, CommunityFacts& facts) {
    auto flagged = db.prepare(
        std::string("SELECT coalesce(nullif(i.title, ''), i.key), coalesce(i.url, ''), i.key, "
                    "(SELECT max(raw_nodes) FROM converted_bodies WHERE item_id = i.id), "
                    "(SELECT raw_reasons FROM converted_bodies WHERE item_id = i.id AND raw_nodes > 0 "
                    " ORDER BY raw_nodes DESC, format LIMIT 1), "
                    "(SELECT unresolved_links FROM converted_bodies WHERE item_id = i.id AND unresolved_links "
                    " IS NOT NULL ORDER BY format LIMIT 1) ") +
        migrated_in_community +
        "AND EXISTS (SELECT 1 FROM converted_bodies b WHERE b.item_id = i.id AND "
        "(b.raw_nodes > 0 OR b.unresolved_links IS NOT NULL)) ORDER BY i.title, i.key");
    flagged.bind(1, plan_run).bind(2, community_id);
    std::int64_t items = 0;
    std::int64_t parts = 0;
    std::int64_t links = 0;
    while (flagged.step()) {
        const std::int64_t raw = flagged.column_int(3);
        const std::string reasons = flagged.column_text(4);
        const std::string unresolved = flagged.column_text(5);
        const std::int64_t broken = count_lines(unresolved);
        ++items;
        parts += raw;
        links += broken;
        if (items > listed_lines) continue;
        std::string line = "- " + flagged.column_text(0) + ":";
        if (raw > 0) line += " " + text::counted(raw, "unconverted part") + " (" + joined_lines(reasons, "; ") + ")";
        if (raw > 0 && broken > 0) line += ";";
        if (broken > 0) line += " " + text::counted(broken, "broken link") + " (" + joined_lines(unresolved, ", ") + ")";
        line += link_of(flagged.column_text(1), flagged.column_text(2));
        facts.flagged_list += (items == 1 ? "" : "\n") + line;
    }
    facts.flagged_list += more_line(items, items < listed_lines ? items : listed_lines);
    facts.numbers["flagged_items"] = items;
    facts.numbers["unconverted_parts"] = parts;
    facts.numbers["broken_links"] = links;
}

void read_stale(sql::Database& db, std::int64_t plan_run, std::int64_t community_id, CommunityFacts& facts) {
    auto stale = db.prepare(
        "SELECT coalesce(nullif(i.title, ''), i.key), coalesce(i.url, ''), i.key, a.reason "
        "FROM plan_archive_proposals a JOIN plan_placements p ON p.plan_run = a.plan_run AND p.item_id = a.item_id "
        "JOIN items i ON i.id = a.item_id WHERE a.plan_run = ?1 AND p.community_id = ?2 ORDER BY i.title, i.key");
    stale.bind(1, plan_run).bind(2, community_id);
    std::int64_t count = 0;
    while (stale.step()) {
        if (++count > listed_lines) continue;
        facts.stale_list += (count == 1 ? "- " : "\n- ") + stale.column_text(0) + " (" + stale.column_text(3) + ")" +
                            link_of(stale.column_text(1), stale.column_text(2));
    }
    facts.stale_list += more_line(count, count < listed_lines ? count : listed_lines);
    facts.numbers["stale_pages"] = count;
}

// No legacy export carries read counts, so the most discussed and most revised pages stand in for them.
void read_most_read(sql::Database& db, std::int64_t plan_run, std::int64_t community_id, CommunityFacts& facts) {
    auto most = db.prepare(
        std::string("SELECT coalesce(nullif(i.title, ''), i.key), coalesce(i.url, ''), i.key, "
                    "(SELECT count(*) FROM items c WHERE c.parent_id = i.id AND c.kind = 'comment') AS discussed, "
                    "(SELECT count(*) FROM revisions r WHERE r.item_id = i.id) AS revised ") +
        migrated_in_community + "AND i.kind NOT IN ('comment', 'attachment') "
                                "ORDER BY discussed + revised DESC, i.title, i.key LIMIT ?3");
    most.bind(1, plan_run).bind(2, community_id).bind(3, listed_most_read);
    int shown = 0;
    while (most.step()) {
        facts.most_read_list += (shown++ == 0 ? "- " : "\n- ") + most.column_text(0) + " (" +
                                text::counted(most.column_int(3), "comment") + ", " +
                                text::counted(most.column_int(4), "revision") + ")" +
                                link_of(most.column_text(1), most.column_text(2));
    }
}

// Authors of migrated content who have no role in the community, the most prolific first.
void read_contributors(sql::Database& db, std::int64_t plan_run, std::int64_t community_id, CommunityFacts& facts) {
    auto authors = db.prepare(
        std::string("SELECT coalesce(nullif(a.display_name, ''), nullif(a.login, ''), a.key), "
                    "sum(i.kind <> 'comment'), sum(i.kind = 'comment') ") +
        "FROM plan_placements p JOIN items i ON i.id = p.item_id JOIN people a ON a.id = i.author_id "
        "WHERE p.plan_run = ?1 AND p.community_id = ?2 AND p.action = 'migrate' AND a.key NOT LIKE 'ip:%' "
        "AND a.id NOT IN (SELECT person_id FROM plan_roles WHERE community_id = ?2) "
        "GROUP BY a.id ORDER BY sum(i.kind <> 'comment') DESC, count(*) DESC, a.key LIMIT ?3");
    authors.bind(1, plan_run).bind(2, community_id).bind(3, listed_contributors);
    std::int64_t count = 0;
    while (authors.step()) {
        const std::int64_t items = authors.column_int(1);
        const std::int64_t comments = authors.column_int(2);
        std::string what = items > 0 ? text::counted(items, "item") : std::string();
        if (comments > 0) what += (what.empty() ? "" : ", ") + text::counted(comments, "comment");
        facts.contributor_names += (count++ == 0 ? "" : ", ") + authors.column_text(0) + " (" + what + ")";
    }
    facts.numbers["contributors"] = count;
}

}  // namespace

CommunityFacts community_facts(workspace::Workspace& workspace, std::int64_t plan_run,
                               const PlannedCommunity& community) {
    auto& db = workspace.db();
    CommunityFacts facts;
    read_counts(db, plan_run, community.id, facts);
    read_flagged(db, plan_run, community.id, facts);
    read_stale(db, plan_run, community.id, facts);
    read_most_read(db, plan_run, community.id, facts);
    read_contributors(db, plan_run, community.id, facts);
    std::int64_t owners = 0;
    std::int64_t managers = 0;
    for (const auto& member : community.roles) {
        owners += member.role == "owner" ? 1 : 0;
        managers += member.role == "manager" ? 1 : 0;
    }
    facts.numbers["owners"] = owners;
    facts.numbers["managers"] = managers;
    return facts;
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
