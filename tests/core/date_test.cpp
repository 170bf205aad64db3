// Calendar arithmetic is checked against the dumbest possible reference: walking the
// calendar one day at a time with month lengths written out by hand.
#include "core/date.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace divboard {
namespace {

bool NaiveLeap(int year) {
  if (year % 400 == 0) return true;
  if (year % 100 == 0) return false;
  return year % 4 == 0;
}

int NaiveMonthLength(int year, int month) {
  switch (month) {
    case 2: return NaiveLeap(year) ? 29 : 28;
    case 4: case 6: case 9: case 11: return 30;
    default: return 31;
  }
}

// Day number of 1900-01-01, counted back from 1970-01-01 = 0 one year at a time.
Day NaiveDay1900() {
  Day day = 0;
  for (int year = 1900; year < 1970; ++year) day -= NaiveLeap(year) ? 366 : 365;
  return day;
}

TEST(DateTest, EveryDayFrom1900To2100MatchesADayCountingWalk) {
  Day day = NaiveDay1900();
  // 2026-11-28 is a Saturday (5); the walk finds its own weekday anchor from it.
  const Day saturday = DayFromCivil({2026, 11, 28});
  int checked = 0;
  for (int year = 1900; year <= 2100; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int d = 1; d <= NaiveMonthLength(year, month); ++d, ++day) {
        const CivilDate civil{year, month, d};
        ASSERT_EQ(DayFromCivil(civil), day) << year << "-" << month << "-" << d;
        const CivilDate back = CivilFromDay(day);
        ASSERT_EQ(back.year, year);
        ASSERT_EQ(back.month, month);
        ASSERT_EQ(back.day, d);
        const int expected_weekday = (((day - saturday) % 7 + 7) % 7 + 5) % 7;
        ASSERT_EQ(Weekday(day), expected_weekday) << FormatDate(day);
        ++checked;
      }
    }
  }
  // 201 years, 49 of them leap (1900 and 2100 are not, 2000 is).
  EXPECT_EQ(checked, 201 * 365 + 49);
  EXPECT_EQ(DayFromCivil({1970, 1, 1}), 0);
}

TEST(DateTest, FormatAndParseRoundTripEveryDayOfTwoCenturies) {
  char expected[48];
  Day day = NaiveDay1900();
  for (int year = 1900; year <= 2100; ++year) {
    for (int month = 1; month <= 12; ++month) {
      for (int d = 1; d <= NaiveMonthLength(year, month); ++d, ++day) {
        std::snprintf(expected, sizeof expected, "%04d-%02d-%02d", year, month, d);
        ASSERT_EQ(FormatDate(day), expected);
        const auto parsed = ParseDate(expected);
        ASSERT_TRUE(parsed.has_value()) << expected;
        ASSERT_EQ(*parsed, day) << expected;
      }
    }
  }
}

TEST(DateTest, LeapYears) {
  EXPECT_TRUE(IsLeapYear(2000));
  EXPECT_FALSE(IsLeapYear(1900));
  EXPECT_FALSE(IsLeapYear(2100));
  EXPECT_TRUE(IsLeapYear(2024));
  EXPECT_FALSE(IsLeapYear(2026));
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2025, 2), 28);
  EXPECT_EQ(DaysInMonth(2025, 4), 30);
  EXPECT_EQ(DaysInMonth(2025, 12), 31);
  // The day after 2024-02-28 is the 29th; after 2023-02-28 it is March 1st.
  const CivilDate leap = CivilFromDay(DayFromCivil({2024, 2, 28}) + 1);
  EXPECT_EQ(leap.month, 2);
  EXPECT_EQ(leap.day, 29);
  const CivilDate plain = CivilFromDay(DayFromCivil({2023, 2, 28}) + 1);
  EXPECT_EQ(plain.month, 3);
  EXPECT_EQ(plain.day, 1);
}

TEST(DateTest, WeekdaysOfKnownDates) {
  EXPECT_EQ(Weekday(DayFromCivil({2026, 11, 28})), 5);  // Saturday
  EXPECT_EQ(Weekday(DayFromCivil({1970, 1, 1})), 3);    // Thursday
  EXPECT_EQ(Weekday(DayFromCivil({2000, 1, 1})), 5);    // Saturday
  EXPECT_EQ(Weekday(DayFromCivil({2024, 1, 1})), 0);    // Monday
  EXPECT_EQ(Weekday(DayFromCivil({1969, 12, 31})), 2);  // Wednesday, a negative day number
  EXPECT_EQ(Weekday(DayFromCivil({1900, 1, 1})), 0);    // Monday
}

TEST(DateTest, ParseDateAcceptsStrictDates) {
  EXPECT_EQ(ParseDate("2026-11-28"), DayFromCivil({2026, 11, 28}));
  EXPECT_EQ(ParseDate("2024-02-29"), DayFromCivil({2024, 2, 29}));
  EXPECT_EQ(ParseDate("1900-01-01"), DayFromCivil({1900, 1, 1}));
  EXPECT_EQ(ParseDate("9999-12-31"), DayFromCivil({9999, 12, 31}));
}

TEST(DateTest, ParseDateRejectsAnythingElse) {
  const char* const kBad[] = {
      "2026-2-1",    "2026-02-30",  "2025-02-29",  " 2026-01-01", "2026-01-01x", "",
      "2026-13-01",  "2026-00-10",  "2026-01-00",  "2026/01/01",  "2026-01-0a",  "+026-01-01",
      "1899-12-31",  "2026-01-01 ", "20260101",    "2026-1-01",   "1900-02-29",  "2026-04-31",
      "-001-01-01",  "2026-01--1",
  };
  for (const char* text : kBad) EXPECT_FALSE(ParseDate(text).has_value()) << '"' << text << '"';
  EXPECT_FALSE(ParseDate(std::string("2026-01-01\0", 11)).has_value());
}

TEST(DateTest, Rfc3339TimesWithAnOffsetAreAccepted) {
  const char* const kGood[] = {
      "2026-11-28T06:00:00+08:00",
      "2026-11-28T06:00:00.123Z",
      "2026-11-28T06:00:00Z",
      "2026-11-28T23:59:59-05:30",
      "2026-11-28t06:00:00z",           // RFC 3339 allows lower case T and Z
      "2016-12-31T23:59:60Z",           // a leap second
      "2026-11-28T00:00:00.5+00:00",
  };
  for (const char* text : kGood) EXPECT_TRUE(IsRfc3339Time(text)) << text;
}

TEST(DateTest, Rfc3339RejectsMissingOffsetsAndOutOfRangeFields) {
  const char* const kBad[] = {
      "2026-11-28T06:00:00",         // no offset
      "2026-11-28T06:00:00.123",     // no offset after a fraction
      "2026-11-28T24:00:00Z",        // hour 24
      "2026-11-28T06:60:00Z",        // minute 60
      "2026-11-28T06:00:61Z",        // second 61
      "2026-11-28T06:00:00.Z",       // fraction without digits
      "2026-11-28T06:00:00+0800",    // offset without colon
      "2026-11-28T06:00:00+08",      // short offset
      "2026-11-28T06:00:00+24:00",   // offset hour out of range
      "2026-11-28T06:00:00+08:60",   // offset minute out of range
      "2026-02-30T06:00:00Z",        // no such date
      "2026-11-28T06:00:00+08:00 ",  // trailing space
      "2026-11-28T06:00:00Zx",       // trailing garbage
      "2026-11-28T6:00:00Z",         // one-digit hour
      "2026-11-28X06:00:00Z",        // wrong separator
      "2026-11-28",                  // a date only
      "",
  };
  for (const char* text : kBad) EXPECT_FALSE(IsRfc3339Time(text)) << '"' << text << '"';
}

}  // namespace
}  // namespace divboard
