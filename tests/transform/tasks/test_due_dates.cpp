// Due-date arithmetic: calendar days, working days when weekends are skipped, and time zones to UTC.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "transform/tasks/due_dates.hpp"

namespace baton::transform::tasks {
namespace {

Date date(const char* text) { return parse_date(text).value(); }

}  // namespace

TEST(DueDates, ParsesOnlyRealCalendarDates) {
    EXPECT_EQ(parse_date("2024-02-29"), (Date{2024, 2, 29}));
    EXPECT_FALSE(parse_date("2023-02-29"));  // not a leap year
    EXPECT_FALSE(parse_date("1900-02-29"));  // a century, not a leap year
    EXPECT_TRUE(parse_date("2000-02-29"));   // divisible by 400
    EXPECT_FALSE(parse_date("2026-13-01"));
    EXPECT_FALSE(parse_date("2026-04-31"));
    EXPECT_FALSE(parse_date("2026-4-1"));
    EXPECT_FALSE(parse_date("tomorrow"));
    EXPECT_EQ(iso_date(date("2026-12-01")), "2026-12-01");
}

TEST(DueDates, DaysRoundTripAndWeekdays) {
    EXPECT_EQ(days_since_epoch(date("1970-01-01")), 0);
    EXPECT_EQ(days_since_epoch(date("2000-03-01")), 11017);
    for (std::int64_t day = -800; day < 40000; day += 37) {
        EXPECT_EQ(days_since_epoch(date_from_days(day)), day);
    }
    EXPECT_EQ(weekday(date("2026-12-01")), 1);  // a Tuesday
    EXPECT_EQ(weekday(date("2026-11-29")), 6);  // a Sunday
    EXPECT_EQ(weekday(date("1970-01-01")), 3);  // a Thursday
}

TEST(DueDates, CalendarOffsetsCrossMonthsYearsAndLeapDays) {
    EXPECT_EQ(due_date(date("2026-12-01"), -21, false), date("2026-11-10"));
    EXPECT_EQ(due_date(date("2026-12-20"), 30, false), date("2027-01-19"));
    EXPECT_EQ(due_date(date("2024-03-01"), -1, false), date("2024-02-29"));
    EXPECT_EQ(due_date(date("2026-12-01"), 0, false), date("2026-12-01"));
}

TEST(DueDates, SkippingWeekendsCountsWorkingDays) {
    // Go-live Tuesday 2026-12-01.
    EXPECT_EQ(due_date(date("2026-12-01"), -1, true), date("2026-11-30"));   // Monday
    EXPECT_EQ(due_date(date("2026-12-01"), -2, true), date("2026-11-27"));   // Friday, over the weekend
    EXPECT_EQ(due_date(date("2026-12-01"), -5, true), date("2026-11-24"));   // a working week back
    EXPECT_EQ(due_date(date("2026-12-01"), 4, true), date("2026-12-07"));    // Monday after
    EXPECT_EQ(due_date(date("2026-12-01"), -21, true), date("2026-11-02"));  // 21 working days = 4 weeks + 1 day
    // A go-live on a Saturday counts from the next Monday.
    EXPECT_EQ(due_date(date("2026-11-28"), 0, true), date("2026-11-30"));
    EXPECT_EQ(due_date(date("2026-11-28"), -1, true), date("2026-11-27"));
    for (int offset = -40; offset <= 40; ++offset) {
        EXPECT_LT(weekday(due_date(date("2026-12-01"), offset, true)), 5) << offset;
    }
}

TEST(DueDates, TimeZonesGiveTheUtcMoment) {
    EXPECT_EQ(utc_moment(date("2026-12-01"), "17:00", "UTC"), "20261201T170000Z");
    // Paris is UTC+1 in winter and UTC+2 in summer.
    EXPECT_EQ(utc_moment(date("2026-12-01"), "17:00", "Europe/Paris"), "20261201T160000Z");
    EXPECT_EQ(utc_moment(date("2026-07-01"), "17:00", "Europe/Paris"), "20260701T150000Z");
    // New York is behind UTC: 20:30 local is the next day in UTC.
    EXPECT_EQ(utc_moment(date("2026-12-31"), "20:30", "America/New_York"), "20270101T013000Z");
    // Tokyo is ahead: 08:00 local is the previous day in UTC.
    EXPECT_EQ(utc_moment(date("2026-03-01"), "08:00", "Asia/Tokyo"), "20260228T230000Z");
    EXPECT_THROW((void)utc_moment(date("2026-12-01"), "17:00", "Mars/Olympus"), InputError);
}

TEST(DueDates, TimesOfDay) {
    EXPECT_EQ(parse_time_of_day("00:00"), 0);
    EXPECT_EQ(parse_time_of_day("17:30"), 17 * 60 + 30);
    EXPECT_FALSE(parse_time_of_day("24:00"));
    EXPECT_FALSE(parse_time_of_day("9:00"));
}

}  // namespace baton::transform::tasks
