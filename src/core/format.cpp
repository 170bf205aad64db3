#include "core/format.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <cstdio>
#include <cstdlib>

namespace divboard {
namespace {

const char kNoData[] = "\xE2\x80\x94";  // em dash

struct Magnitude {
  double scale;
  const char* suffix;
};

// Up to three significant digits, trailing zeros dropped ("34K", not "34.0K").
std::string ThreeDigits(double value) {
  const double magnitude = std::fabs(value);
  const int decimals = magnitude >= 100 ? 0 : (magnitude >= 10 ? 1 : 2);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
  std::string out(buf);
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  if (out == "-0") out = "0";
  return out;
}

const Magnitude kEnglish[] = {{1e3, "K"}, {1e6, "M"}, {1e9, "B"}, {1e12, "T"}};
const Magnitude kChinese[] = {
    {1e4, "\xE4\xB8\x87"}, {1e8, "\xE4\xBA\xBF"}, {1e12, "\xE4\xB8\x87\xE4\xBA\xBF"}};

std::string Scaled(double value, const Magnitude* magnitudes, int count) {
  int index = -1;
  for (int i = count - 1; i >= 0; --i) {
    if (std::fabs(value) >= magnitudes[i].scale) {
      index = i;
      break;
    }
  }
  std::string text = ThreeDigits(index < 0 ? value : value / magnitudes[index].scale);
  // Rounding can carry into the next magnitude: 999,960 is "1M", not "1000K".
  if (index + 1 < count) {
    const double next =
        index < 0 ? magnitudes[0].scale : magnitudes[index + 1].scale / magnitudes[index].scale;
    if (std::fabs(std::strtod(text.c_str(), nullptr)) >= next) {
      ++index;
      text = ThreeDigits(value / magnitudes[index].scale);
    }
  }
  return index < 0 ? text : text + magnitudes[index].suffix;
}

}  // namespace

std::string FormatCompact(double value, Locale locale) {
  if (!std::isfinite(value)) return kNoData;
  return locale == Locale::kZh ? Scaled(value, kChinese, 3) : Scaled(value, kEnglish, 4);
}

namespace {

std::string FormatValueUncached(double value, Unit unit, Locale locale) {
  if (!std::isfinite(value)) return kNoData;
  switch (unit) {
    case Unit::kRatio: {
      char buf[64];
      const double percent = value * 100;
      // Three significant digits, decided on the rounded value (9.999% reads "10.0%").
      const double magnitude = std::fabs(percent);
      const int decimals = magnitude >= 99.95 ? 0 : (magnitude >= 9.995 ? 1 : 2);
      std::snprintf(buf, sizeof buf, "%.*f%%", decimals, percent);
      return buf;
    }
    case Unit::kCurrency:
      return locale == Locale::kZh ? "\xC2\xA5" + FormatCompact(value, locale)
                                   : "CNY " + FormatCompact(value, locale);
    case Unit::kHours:
      return FormatCompact(value, locale) + (locale == Locale::kZh ? "\xE5\xB0\x8F\xE6\x97\xB6" : " h");
    case Unit::kUsers:
    case Unit::kCount:
      break;
  }
  return FormatCompact(value, locale);
}

// Misses of FormatValue's memory since start, for tests.
std::size_t g_format_misses = 0;

}  // namespace

std::size_t FormatValueMisses() { return g_format_misses; }

std::string FormatValue(double value, Unit unit, Locale locale) {
  // Every frame formats the same KPI values and axis ticks again, and in WebAssembly
  // snprintf and strtod of a double run on software long doubles: about 0.1 ms of each
  // hover frame went here. Remembered by the value's bits, unit and locale, per thread.
  // A frame's axes ask for the same round values (0, 1M, 10M) in several units: the unit
  // picks the set too, and each set holds four, the last used first (a slot per value alone
  // had them evict each other every frame: a quarter of the calls missed).
  struct Entry {
    std::uint64_t bits = 0;
    int unit = -1, locale = -1;
    std::string text;
  };
  constexpr std::size_t kWays = 4;
  thread_local std::array<std::array<Entry, kWays>, 256> cache;
  std::uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  // splitmix64's finaliser: round values differ in few bits, all of them high ones.
  std::uint64_t mixed = bits ^ (static_cast<std::uint64_t>(unit) << 3) ^ (static_cast<std::uint64_t>(locale) << 7);
  mixed = (mixed ^ (mixed >> 30)) * 0xBF58476D1CE4E5B9ull;
  mixed = (mixed ^ (mixed >> 27)) * 0x94D049BB133111EBull;
  std::array<Entry, kWays>& set = cache[(mixed ^ (mixed >> 31)) >> 56];
  auto found = std::find_if(set.begin(), set.end(), [&](const Entry& e) {
    return e.bits == bits && e.unit == static_cast<int>(unit) && e.locale == static_cast<int>(locale);
  });
  if (found == set.end()) {
    ++g_format_misses;
    found = set.end() - 1;  // the least recently used goes
    found->text = FormatValueUncached(value, unit, locale);
    found->bits = bits;
    found->unit = static_cast<int>(unit);
    found->locale = static_cast<int>(locale);
  }
  std::rotate(set.begin(), found, found + 1);
  return set[0].text;
}

std::string FormatGrouped(double value) {
  if (!std::isfinite(value)) return kNoData;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.0f", std::fabs(value));
  const std::string digits(buf);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  if (value < 0 && out != "0") out.insert(out.begin(), '-');
  return out;
}

std::string FormatChange(double change) {
  if (!std::isfinite(change)) return kNoData;
  const double percent = change * 100;
  char buf[64];
  const int decimals = std::fabs(percent) >= 9.95 ? 0 : 1;
  std::snprintf(buf, sizeof buf, "%+.*f%%", decimals, percent);
  std::string out(buf);
  if (out == "-0.0%" || out == "+0.0%" || out == "-0%") out = "0.0%";
  return out;
}

const std::string& Localised(const Text& text, Locale locale) {
  return (locale == Locale::kZh && !text.zh.empty()) ? text.zh : text.en;
}

}  // namespace divboard
