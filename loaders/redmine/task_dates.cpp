// Due dates of onboarding issues: the go-live date plus a task's offset, as Redmine's YYYY-MM-DD.
#include "loaders/redmine/task_dates.hpp"

#include <chrono>
#include <cstdio>

#include "core/error.hpp"

namespace baton::load::redmine {
namespace {

std::string format(std::chrono::sys_days day) {
    const std::chrono::year_month_day date(day);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()),
                  static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
    return buffer;
}

}  // namespace

std::string today_iso() {
    return format(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
}

std::string add_days(const std::string& date, std::int64_t days) {
    int year = 0;
    unsigned month = 0;
    unsigned day = 0;
    char extra = 0;
    if (date.size() != 10 || std::sscanf(date.c_str(), "%4d-%2u-%2u%c", &year, &month, &day, &extra) != 3) {
        throw UsageError("go-live date \"" + date + "\" is not YYYY-MM-DD");
    }
    const std::chrono::year_month_day value{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
    if (!value.ok()) throw UsageError("go-live date \"" + date + "\" is not a calendar date");
    return format(std::chrono::sys_days(value) + std::chrono::days(days));
}

}  // namespace baton::load::redmine
