#include "core/date.h"

namespace divboard {
namespace {

bool Digits(std::string_view text, size_t at, size_t count, int* out) {
  if (at + count > text.size()) return false;
  int value = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

}  // namespace

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[(month - 1) % 12];
}

// Eras of 400 years repeat exactly, which keeps the arithmetic branch-free (the method
// described by Howard Hinnant in "chrono-compatible low-level date algorithms").
Day DayFromCivil(CivilDate date) {
  const int y = date.year - (date.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int year_of_era = y - era * 400;
  const int month_from_march = date.month > 2 ? date.month - 3 : date.month + 9;
  const int day_of_year = (153 * month_from_march + 2) / 5 + date.day - 1;
  const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

CivilDate CivilFromDay(Day day) {
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int day_of_era = z - era * 146097;
  const int year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const int month_from_march = (5 * day_of_year + 2) / 153;
  CivilDate out;
  out.day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
  out.month = month_from_march < 10 ? month_from_march + 3 : month_from_march - 9;
  out.year = year_of_era + era * 400 + (out.month <= 2 ? 1 : 0);
  return out;
}

int Weekday(Day day) {
  // 1970-01-01 was a Thursday (3 when Monday is 0).
  const int w = (day + 3) % 7;
  return w < 0 ? w + 7 : w;
}

std::optional<Day> ParseDate(std::string_view text) {
  CivilDate d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!Digits(text, 0, 4, &d.year) || !Digits(text, 5, 2, &d.month) ||
      !Digits(text, 8, 2, &d.day)) {
    return std::nullopt;
  }
  if (d.year < 1900 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > DaysInMonth(d.year, d.month)) {
    return std::nullopt;
  }
  return DayFromCivil(d);
}

std::string FormatDate(Day day) {
  const CivilDate d = CivilFromDay(day);
  char buf[16];
  const int y = d.year < 0 ? 0 : (d.year > 9999 ? 9999 : d.year);
  buf[0] = static_cast<char>('0' + y / 1000);
  buf[1] = static_cast<char>('0' + y / 100 % 10);
  buf[2] = static_cast<char>('0' + y / 10 % 10);
  buf[3] = static_cast<char>('0' + y % 10);
  buf[4] = '-';
  buf[5] = static_cast<char>('0' + d.month / 10);
  buf[6] = static_cast<char>('0' + d.month % 10);
  buf[7] = '-';
  buf[8] = static_cast<char>('0' + d.day / 10);
  buf[9] = static_cast<char>('0' + d.day % 10);
  return std::string(buf, 10);
}

bool IsRfc3339Time(std::string_view text) {
  if (text.size() < 20 || (text[10] != 'T' && text[10] != 't')) return false;
  if (!ParseDate(text.substr(0, 10))) return false;
  int hh = 0, mm = 0, ss = 0;
  if (!Digits(text, 11, 2, &hh) || text[13] != ':' || !Digits(text, 14, 2, &mm) ||
      text[16] != ':' || !Digits(text, 17, 2, &ss)) {
    return false;
  }
  if (hh > 23 || mm > 59 || ss > 60) return false;
  size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    const size_t digits_start = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == digits_start) return false;
  }
  if (at == text.size()) return false;
  if ((text[at] == 'Z' || text[at] == 'z') && at + 1 == text.size()) return true;
  int oh = 0, om = 0;
  return (text[at] == '+' || text[at] == '-') && at + 6 == text.size() &&
         Digits(text, at + 1, 2, &oh) && text[at + 3] == ':' && Digits(text, at + 4, 2, &om) &&
         oh <= 23 && om <= 59;
}

}  // namespace divboard
