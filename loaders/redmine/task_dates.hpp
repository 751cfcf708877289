// Due dates of onboarding issues: the go-live date plus a task's offset, as Redmine's YYYY-MM-DD.
#pragma once

#include <cstdint>
#include <string>

namespace baton::load::redmine {

[[nodiscard]] std::string today_iso();  // UTC
// "2026-12-01" + 14 -> "2026-12-15"; throws UsageError for a date that is not YYYY-MM-DD.
[[nodiscard]] std::string add_days(const std::string& date, std::int64_t days);

}  // namespace baton::load::redmine
