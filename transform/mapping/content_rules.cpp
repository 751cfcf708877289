// A mapping's content rules: include or exclude items by kind, status and age; stale content proposed for archive.
#include "transform/mapping/content_rules.hpp"

#include "transform/mapping/stewardship.hpp"

namespace baton::transform::mapping {

ContentRules::ContentRules(const Content& content, std::string reference_date)
    : m_content(content), m_reference_date(std::move(reference_date)) {}

// A year is 365.25 days; an item without a date is never "older than".
bool ContentRules::older_than(const std::string& last_modified, int years) const {
    if (last_modified.size() < 10 || m_reference_date.size() < 10) return false;
    return days_between(last_modified, m_reference_date) > 365.25 * years;
}

std::optional<ContentDecision> ContentRules::decide(const std::string& kind, const std::string& status,
                                                    const std::string& last_modified) const {
    for (const auto& rule : m_content.rules) {
        if (!rule.kind.empty() && rule.kind != kind) continue;
        if (!rule.status.empty() && rule.status != status) continue;
        if (rule.older_than_years > 0 && !older_than(last_modified, rule.older_than_years)) continue;
        if (rule.include) return ContentDecision{true, {}};
        std::string what;
        if (!rule.kind.empty()) what += "kind " + rule.kind;
        if (!rule.status.empty()) what += (what.empty() ? "" : ", ") + std::string("status ") + rule.status;
        if (rule.older_than_years > 0) {
            what += (what.empty() ? "" : ", ") + std::string("not edited for over ") +
                    std::to_string(rule.older_than_years) + " years";
        }
        return ContentDecision{false, "excluded by the mapping (line " + std::to_string(rule.line) + ": " +
                                          (what.empty() ? std::string("everything") : what) + ")"};
    }
    return std::nullopt;
}

std::string ContentRules::archive_reason(const std::string& last_modified) const {
    if (m_content.archive_after_years <= 0 || !older_than(last_modified, m_content.archive_after_years)) return {};
    return "not edited since " + last_modified.substr(0, 10) + ", over " +
           std::to_string(m_content.archive_after_years) + " years before " + m_reference_date.substr(0, 10) +
           ": proposed for archive";
}

}  // namespace baton::transform::mapping
