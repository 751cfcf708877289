// A mapping's community rules: which community (or none) a container's content goes to.
#include "transform/mapping/community_rules.hpp"

#include <fnmatch.h>

#include "core/error.hpp"

namespace baton::transform::mapping {

CommunityRules::CommunityRules(const Mapping& mapping, std::unordered_map<std::int64_t, ContainerInfo> containers,
                               std::unordered_map<std::int64_t, SourceNames> sources)
    : m_mapping(mapping), m_containers(std::move(containers)), m_sources(std::move(sources)) {
    const auto compile = [&](const ContainerSelector& selector) {
        if (selector.by != ContainerSelector::By::regex) {
            m_regexes.push_back(nullptr);
            return;
        }
        try {
            m_regexes.push_back(std::make_unique<std::regex>(selector.pattern, std::regex::ECMAScript));
        } catch (const std::regex_error& error) {
            throw InputError(ExitCode::mapping, {mapping.file, selector.line, 0},
                             "regex \"" + selector.pattern + "\" is not a valid regular expression (" + error.what() +
                                 ")",
                             "the regex syntax is ECMAScript's; it must match the whole path of names");
        }
    };
    for (const auto& rule : m_mapping.communities.rules) {
        for (const auto& selector : rule.from) compile(selector);
    }
    for (const auto& selector : m_mapping.communities.excluded) compile(selector);
}

std::string CommunityRules::path_of(std::int64_t container_id) const {
    std::string path;
    std::int64_t current = container_id;
    for (std::size_t guard = 0; guard <= m_containers.size() && current != 0; ++guard) {
        const auto found = m_containers.find(current);
        if (found == m_containers.end()) break;
        path = path.empty() ? found->second.name : found->second.name + "/" + path;
        current = found->second.parent_id;
    }
    return path;
}

std::int64_t CommunityRules::root_of(std::int64_t container_id) const {
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

bool CommunityRules::matches(const ContainerSelector& selector, std::size_t selector_index,
                             std::int64_t container_id) const {
    const auto found = m_containers.find(container_id);
    if (found == m_containers.end()) return false;
    const ContainerInfo& container = found->second;
    if (!selector.source.empty()) {
        const auto source = m_sources.find(container.source_id);
        if (source == m_sources.end()) return false;
        const auto& names = source->second;
        if (selector.source != names.kind && selector.source != names.key && selector.source != names.title &&
            selector.source != names.kind + ":" + names.key) {
            return false;
        }
    }
    switch (selector.by) {
        case ContainerSelector::By::container: return selector.pattern == container.key;
        case ContainerSelector::By::path: return selector.pattern == path_of(container_id);
        case ContainerSelector::By::glob: return fnmatch(selector.pattern.c_str(), path_of(container_id).c_str(), 0) == 0;
        case ContainerSelector::By::regex: return std::regex_match(path_of(container_id), *m_regexes[selector_index]);
    }
    return false;
}

CommunityChoice CommunityRules::choose(std::int64_t container_id) {
    if (const auto cached = m_cache.find(container_id); cached != m_cache.end()) return cached->second;
    CommunityChoice choice;
    std::int64_t current = container_id;
    bool decided = false;
    for (std::size_t guard = 0; guard <= m_containers.size() && current != 0 && !decided; ++guard) {
        std::size_t index = 0;
        for (std::size_t r = 0; r < m_mapping.communities.rules.size() && !decided; ++r) {
            for (const auto& selector : m_mapping.communities.rules[r].from) {
                if (!decided && matches(selector, index, current)) {
                    choice = {CommunityChoice::Kind::rule, r, current, selector.line};
                    decided = true;
                }
                ++index;
            }
        }
        for (const auto& selector : m_mapping.communities.excluded) {
            if (!decided && matches(selector, index, current)) {
                choice = {CommunityChoice::Kind::excluded, 0, current, selector.line};
                decided = true;
            }
            ++index;
        }
        const auto found = m_containers.find(current);
        current = found == m_containers.end() ? 0 : found->second.parent_id;
    }
    if (!decided) {
        choice.kind = m_mapping.communities.fallback == Communities::Default::site ? CommunityChoice::Kind::site
                                                                                   : CommunityChoice::Kind::top_level;
        choice.container_id = root_of(container_id);
    }
    m_cache[container_id] = choice;
    return choice;
}

}  // namespace baton::transform::mapping
