// Due dates of onboarding tasks: calendar arithmetic from a go-live date, weekends skipped when configured,
// and the moment a task is due in the configured time zone, in UTC.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace baton::transform::tasks {

struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;
    friend bool operator==(const Date&, const Date&) = default;
};

// "2026-12-01" -> a real calendar date (leap years checked), else nothing.
[[nodiscard]] std::optional<Date> parse_date(std::string_view text);
[[nodiscard]] std::string iso_date(const Date& date);  // 2026-12-01
[[nodiscard]] std::int64_t days_since_epoch(const Date& date);
[[nodiscard]] Date date_from_days(std::int64_t days);
[[nodiscard]] int weekday(const Date& date);  // 0 = Monday ... 6 = Sunday
[[nodiscard]] Date today_utc();

// go-live + offset days; with skip_weekends the offset counts Monday to Friday only (so -1 from a Monday is the
// Friday before), and a go-live on a weekend counts from the next Monday.
[[nodiscard]] Date due_date(const Date& go_live, int offset_days, bool skip_weekends);

// "17:00" -> minutes after midnight, else nothing.
[[nodiscard]] std::optional<int> parse_time_of_day(std::string_view text);

// The UTC moment of `date` at `time_of_day` ("17:00") in `time_zone` (IANA name or UTC), as
// "YYYYMMDDTHHMMSSZ" (iCalendar's UTC form). Throws InputError for an unknown time zone.
[[nodiscard]] std::string utc_moment(const Date& date, const std::string& time_of_day, const std::string& time_zone);

}  // namespace baton::transform::tasks
