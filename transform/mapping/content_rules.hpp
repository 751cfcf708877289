// A mapping's content rules: include or exclude items by kind, status and age; stale content proposed for archive.
#pragma once

#include <optional>
#include <string>

#include "transform/mapping/mapping.hpp"

namespace baton::transform::mapping {

struct ContentDecision {
    bool include = false;
    std::string reason;  // for an exclusion: stored as the placement's reason
};

class ContentRules {
public:
    // Ages are measured back from `reference_date` (the newest timestamp in the workspace).
    ContentRules(const Content& content, std::string reference_date);

    // The first rule that matches, or nullopt when none does (the built-in exclusions then decide).
    [[nodiscard]] std::optional<ContentDecision> decide(const std::string& kind, const std::string& status,
                                                        const std::string& last_modified) const;

    // Why a migrating item is proposed for archive, or "" when it is not stale (or has no date).
    [[nodiscard]] std::string archive_reason(const std::string& last_modified) const;

private:
    [[nodiscard]] bool older_than(const std::string& last_modified, int years) const;

    const Content& m_content;
    std::string m_reference_date;
};

}  // namespace baton::transform::mapping
