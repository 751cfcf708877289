// Stewardship scores: contribution facts weighted and decayed by recency, and described in words.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/text.hpp"
#include "transform/mapping/stewardship.hpp"

namespace baton::transform::mapping {
namespace {

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool parse_date(const std::string& value, std::int64_t& days) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    if (value.size() < 10 || std::sscanf(value.c_str(), "%4d-%2u-%2u", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 ||
        d > 31) {
        return false;
    }
    days = days_from_civil(y, m, d);
    return true;
}

}  // namespace

double days_between(const std::string& earlier, const std::string& later) {
    std::int64_t from = 0;
    std::int64_t to = 0;
    if (!parse_date(earlier, from) || !parse_date(later, to)) return 0;
    return static_cast<double>(to - from);
}

double stewardship_score(const ContributionFacts& facts, const Stewardship& rules, const std::string& reference_date) {
    const auto& w = rules.weights;
    const double raw = static_cast<double>(facts.pages_created) * w.pages_created +
                       static_cast<double>(facts.revisions) * w.revisions +
                       static_cast<double>(facts.bytes_added) / 1024.0 * w.kilobytes_added +
                       static_cast<double>(facts.comments) * w.comments +
                       static_cast<double>(facts.talk_revisions) * w.talk;
    if (rules.half_life_days <= 0 || facts.last_edit.empty()) return raw;
    const double age = std::max(0.0, days_between(facts.last_edit, reference_date));
    return raw * std::pow(0.5, age / rules.half_life_days);
}

std::string describe_facts(const ContributionFacts& facts, std::int64_t total_pages) {
    std::string text = "created " + std::to_string(facts.pages_created) + " of " +
                       text::counted(total_pages, "page") + ", " + text::counted(facts.revisions, "edit");
    if (facts.bytes_added >= 1024) text += ", " + std::to_string(facts.bytes_added / 1024) + " KB added";
    if (facts.comments > 0) text += ", " + text::counted(facts.comments, "comment") + " on others' content";
    if (facts.talk_revisions > 0) text += ", " + text::counted(facts.talk_revisions, "talk page edit");
    if (facts.last_edit.size() >= 7) text += ", last edit " + facts.last_edit.substr(0, 7);
    return text;
}

}  // namespace baton::transform::mapping
