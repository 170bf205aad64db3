// Civil (proleptic Gregorian) dates as day numbers. Business dates carry no time of day:
// a snapshot's dates are already in its business time zone, so no zone maths happens here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace divboard {

using Day = int32_t;  // days since 1970-01-01

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

Day DayFromCivil(CivilDate date);
CivilDate CivilFromDay(Day day);
int Weekday(Day day);  // 0 = Monday .. 6 = Sunday
bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// Strict "YYYY-MM-DD", years 1900..9999; anything else is nullopt.
std::optional<Day> ParseDate(std::string_view text);
std::string FormatDate(Day day);  // "YYYY-MM-DD"

// Strict RFC 3339 "YYYY-MM-DDTHH:MM:SS[.fff](Z|+HH:MM|-HH:MM)".
bool IsRfc3339Time(std::string_view text);

}  // namespace divboard
