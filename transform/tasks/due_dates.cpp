// Due dates of onboarding tasks: calendar arithmetic from a go-live date, weekends skipped when configured,
// and the moment a task is due in the configured time zone, in UTC.
#include "transform/tasks/due_dates.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <mutex>

#include "core/error.hpp"
#include "transform/tasks/task_templates.hpp"

namespace baton::transform::tasks {
namespace {

bool leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && leap(year) ? 29 : days[month - 1];
}

bool digits(std::string_view text) {
    for (const char c : text) {
        if (c < '0' || c > '9') return false;
    }
    return !text.empty();
}

int number(std::string_view text) {
    int value = 0;
    for (const char c : text) value = value * 10 + (c - '0');
    return value;
}

// The process's TZ is changed while a local time is converted; one conversion at a time.
std::mutex time_zone_mutex;

}  // namespace

std::optional<Date> parse_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    if (!digits(text.substr(0, 4)) || !digits(text.substr(5, 2)) || !digits(text.substr(8, 2))) return std::nullopt;
    const Date date{number(text.substr(0, 4)), number(text.substr(5, 2)), number(text.substr(8, 2))};
    if (date.year < 1900 || date.month < 1 || date.month > 12) return std::nullopt;
    if (date.day < 1 || date.day > days_in_month(date.year, date.month)) return std::nullopt;
    return date;
}

std::string iso_date(const Date& date) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", date.year, date.month, date.day);
    return text;
}

// Howard Hinnant's days-from-civil algorithm (proleptic Gregorian calendar).
std::int64_t days_since_epoch(const Date& date) {
    const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t year_of_era = y - era * 400;
    const std::int64_t day_of_year = (153 * (date.month + (date.month > 2 ? -3 : 9)) + 2) / 5 + date.day - 1;
    const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

Date date_from_days(std::int64_t days) {
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const std::int64_t day_of_era = days - era * 146097;
    const std::int64_t year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    const std::int64_t mp = (5 * day_of_year + 2) / 153;
    const int day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
    return {year, month, day};
}

int weekday(const Date& date) {
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    const std::int64_t days = days_since_epoch(date);
    return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

Date today_utc() {
    const std::time_t now = std::time(nullptr);
    return date_from_days(static_cast<std::int64_t>(now / 86400));
}

Date due_date(const Date& go_live, int offset_days, bool skip_weekends) {
    std::int64_t day = days_since_epoch(go_live);
    if (!skip_weekends) return date_from_days(day + offset_days);
    const auto weekend = [](std::int64_t d) { return weekday(date_from_days(d)) >= 5; };
    while (weekend(day)) ++day;
    const int step = offset_days < 0 ? -1 : 1;
    for (int left = offset_days < 0 ? -offset_days : offset_days; left > 0;) {
        day += step;
        if (!weekend(day)) --left;
    }
    return date_from_days(day);
}

std::optional<int> parse_time_of_day(std::string_view text) {
    if (text.size() != 5 || text[2] != ':' || !digits(text.substr(0, 2)) || !digits(text.substr(3, 2))) {
        return std::nullopt;
    }
    const int hours = number(text.substr(0, 2));
    const int minutes = number(text.substr(3, 2));
    if (hours > 23 || minutes > 59) return std::nullopt;
    return hours * 60 + minutes;
}

std::string utc_moment(const Date& date, const std::string& time_of_day, const std::string& time_zone) {
    if (!known_time_zone(time_zone)) {
        throw InputError(ExitCode::mapping, {}, "unknown time zone \"" + time_zone + "\"",
                         "use an IANA name such as Europe/Paris (see /usr/share/zoneinfo) or UTC");
    }
    const int minutes = parse_time_of_day(time_of_day).value_or(17 * 60);
    std::int64_t seconds = 0;
    if (time_zone == "UTC") {
        seconds = days_since_epoch(date) * 86400 + minutes * 60;
    } else {
        std::tm local{};
        local.tm_year = date.year - 1900;
        local.tm_mon = date.month - 1;
        local.tm_mday = date.day;
        local.tm_hour = minutes / 60;
        local.tm_min = minutes % 60;
        local.tm_isdst = -1;  // let the zone's rules say whether summer time applies
        const std::lock_guard lock(time_zone_mutex);
        const char* previous = std::getenv("TZ");
        const std::string saved = previous != nullptr ? previous : "";
        ::setenv("TZ", time_zone.c_str(), 1);
        ::tzset();
        seconds = static_cast<std::int64_t>(std::mktime(&local));
        if (previous != nullptr) ::setenv("TZ", saved.c_str(), 1);
        else ::unsetenv("TZ");
        ::tzset();
    }
    const Date day = date_from_days(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400);
    const std::int64_t rest = seconds - days_since_epoch(day) * 86400;
    char text[24];
    std::snprintf(text, sizeof text, "%04d%02d%02dT%02d%02d%02dZ", day.year, day.month, day.day,
                  static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60), static_cast<int>(rest % 60));
    return text;
}

}  // namespace baton::transform::tasks
