// The shipped onboarding task templates, and the checks of the small condition and placeholder languages.
#include "transform/tasks/task_templates.hpp"

#include <algorithm>
#include <filesystem>
#include <sstream>

#include "core/text.hpp"

namespace baton::transform::tasks {
namespace {

TaskTemplate make(std::string code, std::vector<std::string> roles, std::string title, std::string description,
                  int due, std::string priority, std::vector<std::string> depends_on, const std::string& condition) {
    TaskTemplate result;
    result.code = std::move(code);
    result.roles = std::move(roles);
    result.title = std::move(title);
    result.description = std::move(description);
    result.due_offset_days = due;
    result.priority = std::move(priority);
    result.depends_on = std::move(depends_on);
    (void)parse_condition(condition, result.condition);
    return result;
}

TaskTemplates make_defaults() {
    const std::vector<std::string> both = {"owner", "manager"};
    const std::vector<std::string> owner = {"owner"};
    TaskTemplates defaults;
    defaults.list = {
        make("accept-role", both, "Accept your role as {role} of {community} (or nominate someone)",
             "You were proposed because you {reason}. Say yes, or name the colleague who should take it on instead.",
             -21, "high", {}, ""),
        make("review-pages", both, "Review the {migrated_pages:page} migrated into {community}",
             "Open each one after the migration and confirm it reads well; report anything broken.\n{page_list}",
             -14, "normal", {"accept-role"}, "migrated_pages > 0"),
        make("fix-flagged", both, "Fix the {flagged_items:item} flagged in conversion in {community}",
             "The conversion kept parts it could not carry over (templates, macros) as they were, or found links to "
             "pages that do not exist. Open each item and fix it:\n{flagged_list}",
             -10, "high", {"accept-role"}, "flagged_items > 0"),
        make("decide-archive", owner, "Decide on the {stale_pages:stale page} proposed for archive in {community}",
             "Nobody has changed them for years. Keep each one, or let it go to the archive:\n{stale_list}", -10,
             "normal", {"accept-role"}, "stale_pages > 0"),
        make("decide-unpublished", owner, "Decide on the {unpublished:unpublished item} in {community}",
             "Drafts, private and scheduled items move as they are; publish, keep or delete each of them.", -7,
             "normal", {"accept-role"}, "unpublished > 0"),
        make("write-description", owner, "Write the description of {community}",
             "Say in two or three sentences what {community} is for and who it is for. Today it reads: "
             "\"{description}\".",
             -7, "normal", {"accept-role"}, ""),
        make("complete-training", both, "Complete the community-manager training",
             "An hour on moderating, pinning, inviting and answering in the new platform, before go-live.", -5,
             "normal", {"accept-role"}, ""),
        make("pin-content", owner, "Pin the most-read content of {community}",
             "Pin what people will look for first. The most discussed and most revised pages:\n{most_read_list}", 0,
             "normal", {"review-pages"}, "migrated_pages > 0"),
        make("post-welcome", owner, "Post a welcome message in {community}",
             "Say what moved, where to ask questions, and who runs the community with you{team}.", 0, "normal",
             {"write-description"}, ""),
        make("invite-contributors", both, "Invite your top contributors to {community}",
             "They wrote much of what moved: {contributor_names}. Ask them to follow the community and keep "
             "their pages up to date.",
             3, "normal", {"post-welcome"}, "contributors > 0"),
        make("first-month-check-in", both, "First-month check-in for {community}",
             "A month after go-live: what works, what is missing, and whether you want to go on.", 30, "low",
             {"accept-role"}, ""),
    };
    // Dependencies on tasks a role does not have are dropped when the tasks are made; invite-contributors of a
    // manager therefore depends on nothing.
    return defaults;
}

bool one_of(const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

const TaskTemplates& default_task_templates() {
    static const TaskTemplates defaults = make_defaults();
    return defaults;
}

const std::vector<std::string>& condition_facts() {
    static const std::vector<std::string> facts = {
        "migrated_pages", "flagged_items", "unconverted_parts", "broken_links", "stale_pages",
        "unpublished",    "comments",      "owners",            "managers",     "contributors"};
    return facts;
}

const std::vector<std::string>& placeholder_names() {
    static const std::vector<std::string> names = {
        "person",    "role",       "community", "community_slug", "reason",         "description",
        "team",      "page_list",  "flagged_list", "stale_list",  "most_read_list", "contributor_names"};
    return names;
}

std::optional<std::string> parse_condition(const std::string& text, Condition& condition) {
    condition = {};
    condition.text = text::trim(text);
    std::istringstream words(condition.text);
    std::string fact;
    while (words >> fact) {
        if (!condition.clauses.empty()) {
            if (fact != "and") return "expected \"and\" between clauses, found \"" + fact + "\"";
            if (!(words >> fact)) return "expected a clause after \"and\"";
        }
        if (!one_of(condition_facts(), fact)) {
            std::string known;
            for (const auto& name : condition_facts()) known += (known.empty() ? "" : ", ") + name;
            return "unknown fact \"" + fact + "\" (known: " + known + ")";
        }
        Condition::Clause clause;
        clause.fact = fact;
        std::string value;
        if (!(words >> clause.op) || !one_of({">", ">=", "<", "<=", "=", "!="}, clause.op)) {
            return "expected one of > >= < <= = != after " + fact;
        }
        const auto number = (words >> value) ? text::parse_int(value) : std::nullopt;
        if (!number) return "expected a whole number after " + fact + " " + clause.op;
        clause.value = *number;
        condition.clauses.push_back(std::move(clause));
    }
    return std::nullopt;
}

std::optional<std::string> check_placeholders(const std::string& text) {
    for (std::size_t open = text.find('{'); open != std::string::npos; open = text.find('{', open + 1)) {
        const auto close = text.find('}', open);
        if (close == std::string::npos) return "a { without its }";
        const std::string inside = text.substr(open + 1, close - open - 1);
        const auto colon = inside.find(':');
        const std::string name = inside.substr(0, colon);
        if (colon != std::string::npos) {
            if (!one_of(condition_facts(), name)) return "{" + inside + "}: only a number fact takes a noun";
            if (colon + 1 == inside.size()) return "{" + inside + "}: the noun after : is empty";
        } else if (!one_of(condition_facts(), name) && !one_of(placeholder_names(), name)) {
            return "unknown placeholder {" + inside + "}";
        }
    }
    return std::nullopt;
}

bool known_time_zone(const std::string& name) {
    if (name == "UTC") return true;
    if (name.empty() || name.find("..") != std::string::npos || name.front() == '/') return false;
    std::error_code error;
    return std::filesystem::is_regular_file(std::filesystem::path("/usr/share/zoneinfo") / name, error);
}

}  // namespace baton::transform::tasks
