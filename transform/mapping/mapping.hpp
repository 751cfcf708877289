// A mapping file in memory: communities, identity, stewardship, departed owners and content rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "transform/tasks/task_templates.hpp"

namespace baton::transform::mapping {

// A container chosen by key, by its path of names ("Human Resources/Onboarding"), or by a glob or
// regular expression (ECMAScript, whole path) over that path; optionally only in one source ("kind:key").
struct ContainerSelector {
    enum class By { container, path, glob, regex };
    By by = By::container;
    std::string pattern;
    std::string source;  // "" = any source
    std::int64_t line = 0;
};

struct CommunityRule {
    std::string slug;
    std::string name;         // "" = the first matched container's name
    std::string description;  // "" = the first matched container's description
    std::vector<ContainerSelector> from;
    std::int64_t line = 0;
};

struct Communities {
    enum class Default { top_level, site };  // unmatched containers: own top-level community, or the site community
    Default fallback = Default::top_level;
    std::vector<CommunityRule> rules;
    std::vector<ContainerSelector> excluded;
};

struct Identity {
    enum class Rule { email, login, display_name };
    std::string directory;  // the people directory CSV, resolved against the mapping file's folder; "" = none
    std::vector<Rule> rules = {Rule::email, Rule::login, Rule::display_name};
    struct Alias {
        std::string person;  // a workspace person (key, login or email)
        std::string login;   // the directory login they are
    };
    std::vector<Alias> aliases;
    bool require_match = false;  // unmatched people cannot get a role
};

struct Weights {
    double pages_created = 10;
    double revisions = 1;
    double kilobytes_added = 0.5;
    double comments = 2;  // comments and replies to someone else's content
    double talk = 1;      // revisions of talk pages
};

struct Pin {
    std::string community;  // its slug
    std::string person;     // a workspace person (key, login or email)
    std::string role;       // "owner" | "manager"
    std::int64_t line = 0;
};

struct Stewardship {
    Weights weights;
    int half_life_days = 730;  // 0 = no decay
    double minimum_score = 1;  // below it nobody gets a role
    int within_days = 0;       // last activity at most this many days before the reference date; 0 = any
    int owners = 1;
    int managers = 2;
    double owner_threshold = 0;
    double manager_threshold = 0;
    int max_communities_per_person = 0;  // 0 = no limit
    std::vector<std::string> never_assign;
    std::vector<Pin> pins;
};

struct Successor {
    enum class Rule { next_active_contributor, directory_manager, fallback };
    Rule rule = Rule::next_active_contributor;
    std::string person;  // for fallback
    std::int64_t line = 0;
};

struct ContentRule {
    bool include = false;
    std::string kind;   // "" = any
    std::string status; // "" = any
    int older_than_years = 0;  // 0 = any age
    std::int64_t line = 0;
};

struct Content {
    std::vector<ContentRule> rules;  // first match wins; no match = the built-in exclusions decide
    int archive_after_years = 0;     // 0 = never propose archiving
};

// How sources without a schema of their own are read: CSV columns -> model fields, as `extract --columns`.
struct Sources {
    std::vector<std::pair<std::string, std::string>> csv_columns;  // (field, column) in the file's order
};

struct Mapping {
    std::string file;   // as given
    std::string sha256;
    Sources sources;
    Communities communities;
    Identity identity;
    Stewardship stewardship;
    std::vector<Successor> successors = {{Successor::Rule::next_active_contributor, {}, 0},
                                         {Successor::Rule::directory_manager, {}, 0}};
    Content content;
    std::optional<tasks::TaskTemplates> tasks;  // <tasks>; none = the shipped defaults
};

}  // namespace baton::transform::mapping
