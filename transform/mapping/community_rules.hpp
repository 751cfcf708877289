// A mapping's community rules: which community (or none) a container's content goes to.
#pragma once

#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <unordered_map>
#include <vector>

#include "transform/mapping/mapping.hpp"

namespace baton::transform::mapping {

// A community-forming container as the rules see it.
struct ContainerInfo {
    std::int64_t parent_id = 0;  // 0 at the top (or when the parent is not a community-forming container)
    std::int64_t source_id = 0;
    std::string key;
    std::string name;
};

// What a source is called in a `source="..."` selector: its kind ("wxr"), key or title all match.
struct SourceNames {
    std::string kind;
    std::string key;
    std::string title;
};

struct CommunityChoice {
    enum class Kind { rule, excluded, top_level, site };
    Kind kind = Kind::top_level;
    std::size_t rule = 0;            // for Kind::rule: the index in Communities::rules
    std::int64_t container_id = 0;   // the container that matched (rule, excluded) or the root (top_level)
    std::int64_t line = 0;           // the mapping line that decided (rule, excluded)
};

class CommunityRules {
public:
    // Regular expressions are compiled here; a bad one throws InputError (mapping-error) naming its line.
    CommunityRules(const Mapping& mapping, std::unordered_map<std::int64_t, ContainerInfo> containers,
                   std::unordered_map<std::int64_t, SourceNames> sources);

    // The nearest rule on the way from the container up to its root decides (so a rule on a sub-tree
    // splits it off its parent's community); with none, the mapping's default.
    [[nodiscard]] CommunityChoice choose(std::int64_t container_id);

    // "Human Resources/Onboarding": the names from the root down.
    [[nodiscard]] std::string path_of(std::int64_t container_id) const;

private:
    [[nodiscard]] bool matches(const ContainerSelector& selector, std::size_t selector_index,
                               std::int64_t container_id) const;
    [[nodiscard]] std::int64_t root_of(std::int64_t container_id) const;

    const Mapping& m_mapping;
    std::unordered_map<std::int64_t, ContainerInfo> m_containers;
    std::unordered_map<std::int64_t, SourceNames> m_sources;
    std::vector<std::unique_ptr<std::regex>> m_regexes;  // by selector index (rules' selectors, then excludes)
    std::unordered_map<std::int64_t, CommunityChoice> m_cache;
};

}  // namespace baton::transform::mapping
