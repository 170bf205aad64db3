// Number formatting as the product brief asks: K/M/B with "CNY" for English readers,
// 万/亿 with ¥ for Chinese readers, three significant digits, "—" for no data.
#include "core/format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace divboard {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
const std::string kDash = "\xE2\x80\x94";   // U+2014 EM DASH
const std::string kWan = "\xE4\xB8\x87";    // 万
const std::string kYi = "\xE4\xBA\xBF";     // 亿
const std::string kYuan = "\xC2\xA5";       // ¥
const std::string kHours = "\xE5\xB0\x8F\xE6\x97\xB6";  // 小时

TEST(FormatTest, BriefExamplesInBothLocales) {
  EXPECT_EQ(FormatValue(102000000, Unit::kUsers, Locale::kEn), "102M");
  EXPECT_EQ(FormatValue(102000000, Unit::kUsers, Locale::kZh), "1.02" + kYi);
  EXPECT_EQ(FormatValue(34000, Unit::kCurrency, Locale::kEn), "CNY 34K");
  EXPECT_EQ(FormatValue(34000, Unit::kCurrency, Locale::kZh), kYuan + "3.4" + kWan);
  EXPECT_EQ(FormatValue(102000000, Unit::kCount, Locale::kEn), "102M");
}

TEST(FormatTest, CompactMagnitudes) {
  EXPECT_EQ(FormatCompact(356, Locale::kEn), "356");
  EXPECT_EQ(FormatCompact(35.6, Locale::kEn), "35.6");
  EXPECT_EQ(FormatCompact(3.5, Locale::kEn), "3.5");
  EXPECT_EQ(FormatCompact(1234, Locale::kEn), "1.23K");
  EXPECT_EQ(FormatCompact(123456789, Locale::kEn), "123M");
  EXPECT_EQ(FormatCompact(1.5e9, Locale::kEn), "1.5B");
  EXPECT_EQ(FormatCompact(2e12, Locale::kEn), "2T");
  EXPECT_EQ(FormatCompact(356, Locale::kZh), "356");
  EXPECT_EQ(FormatCompact(12345, Locale::kZh), "1.23" + kWan);
  EXPECT_EQ(FormatCompact(123456789, Locale::kZh), "1.23" + kYi);
  EXPECT_EQ(FormatCompact(1.5e9, Locale::kZh), "15" + kYi);
  EXPECT_EQ(FormatCompact(2e12, Locale::kZh), "2" + kWan + kYi);
}

TEST(FormatTest, RoundingCarriesIntoTheNextMagnitude) {
  // 999,960 is 999.96K, which rounds to 1000K: it must read 1M.
  EXPECT_EQ(FormatCompact(999960, Locale::kEn), "1M");
  EXPECT_EQ(FormatCompact(999.6, Locale::kEn), "1K");
  EXPECT_EQ(FormatCompact(99996000, Locale::kZh), "1" + kYi);
  EXPECT_EQ(FormatCompact(9999.6, Locale::kZh), "1" + kWan);
  // 99.996万 has three significant digits as 100万; there is no carry to 亿 yet.
  EXPECT_EQ(FormatCompact(999960, Locale::kZh), "100" + kWan);
  EXPECT_EQ(FormatCompact(99996000, Locale::kEn), "100M");
  // Just below the rounding point nothing carries.
  EXPECT_EQ(FormatCompact(999400, Locale::kEn), "999K");
  EXPECT_EQ(FormatCompact(-999960, Locale::kEn), "-1M");
}

TEST(FormatTest, ZeroAndTinyValuesNeverReadNegativeZero) {
  EXPECT_EQ(FormatCompact(0, Locale::kEn), "0");
  EXPECT_EQ(FormatCompact(0, Locale::kZh), "0");
  EXPECT_EQ(FormatCompact(-0.0, Locale::kEn), "0");
  EXPECT_EQ(FormatCompact(-0.001, Locale::kEn), "0");
  EXPECT_EQ(FormatValue(0, Unit::kUsers, Locale::kEn), "0");
}

TEST(FormatTest, NegativeValues) {
  EXPECT_EQ(FormatCompact(-102000000, Locale::kEn), "-102M");
  EXPECT_EQ(FormatCompact(-102000000, Locale::kZh), "-1.02" + kYi);
  EXPECT_EQ(FormatCompact(-35.6, Locale::kEn), "-35.6");
  const std::string en = FormatValue(-34000, Unit::kCurrency, Locale::kEn);
  EXPECT_EQ(en.rfind("CNY", 0), 0u) << en;
  EXPECT_NE(en.find("-34K"), std::string::npos) << en;
  const std::string zh = FormatValue(-34000, Unit::kCurrency, Locale::kZh);
  EXPECT_NE(zh.find("-3.4" + kWan), std::string::npos) << zh;
  EXPECT_EQ(FormatValue(-0.0241, Unit::kRatio, Locale::kEn), "-2.41%");
}

TEST(FormatTest, NoDataIsAnEmDashNeverZero) {
  const Unit kUnits[] = {Unit::kUsers, Unit::kCount, Unit::kCurrency, Unit::kHours, Unit::kRatio};
  for (Locale locale : {Locale::kEn, Locale::kZh}) {
    for (Unit unit : kUnits) {
      EXPECT_EQ(FormatValue(kNaN, unit, locale), kDash);
      EXPECT_EQ(FormatValue(kInf, unit, locale), kDash);
      EXPECT_EQ(FormatValue(-kInf, unit, locale), kDash);
    }
    EXPECT_EQ(FormatCompact(kNaN, locale), kDash);
  }
  EXPECT_EQ(FormatGrouped(kNaN), kDash);
  EXPECT_EQ(FormatChange(kNaN), kDash);
  EXPECT_EQ(FormatChange(kInf), kDash);
}

TEST(FormatTest, RatiosArePercentages) {
  EXPECT_EQ(FormatValue(0.0241, Unit::kRatio, Locale::kEn), "2.41%");
  EXPECT_EQ(FormatValue(0.0241, Unit::kRatio, Locale::kZh), "2.41%");
  EXPECT_EQ(FormatValue(0.1234, Unit::kRatio, Locale::kEn), "12.3%");
}

TEST(FormatTest, HoursCarryALocalisedUnit) {
  EXPECT_EQ(FormatValue(1500, Unit::kHours, Locale::kEn), "1.5K h");
  EXPECT_EQ(FormatValue(1500, Unit::kHours, Locale::kZh), "1500" + kHours);
  EXPECT_EQ(FormatValue(25000, Unit::kHours, Locale::kZh), "2.5" + kWan + kHours);
}

TEST(FormatTest, ChangeIsASignedPercentage) {
  EXPECT_EQ(FormatChange(0.032), "+3.2%");
  EXPECT_EQ(FormatChange(-0.15), "-15%");
  EXPECT_EQ(FormatChange(0.1234), "+12%");
  EXPECT_EQ(FormatChange(-0.032), "-3.2%");
  // No change reads without a sign, and a change that rounds to zero is not "-0.0%".
  for (double tiny : {0.0, -0.0, 0.0001, -0.0001, 0.0004, -0.0004}) {
    const std::string text = FormatChange(tiny);
    EXPECT_EQ(text.find('-'), std::string::npos) << tiny << " -> " << text;
    EXPECT_EQ(text.find('+'), std::string::npos) << tiny << " -> " << text;
    EXPECT_EQ(std::strtod(text.c_str(), nullptr), 0.0) << text;
  }
}

TEST(FormatTest, GroupedThousands) {
  EXPECT_EQ(FormatGrouped(102345678), "102,345,678");
  EXPECT_EQ(FormatGrouped(-102345678), "-102,345,678");
  EXPECT_EQ(FormatGrouped(999), "999");
  EXPECT_EQ(FormatGrouped(1000), "1,000");
  EXPECT_EQ(FormatGrouped(0), "0");
  EXPECT_EQ(FormatGrouped(-0.4), "0");
  EXPECT_EQ(FormatGrouped(1234.6), "1,235");
}

TEST(FormatTest, GroupedMatchesDigitByDigitGroupingOfRandomIntegers) {
  std::mt19937 rng(20261128);
  std::uniform_int_distribution<long long> magnitude(0, 15);
  for (int trial = 0; trial < 2000; ++trial) {
    long long value = 1;
    const long long digits = magnitude(rng);
    for (long long i = 0; i < digits; ++i) value = value * 10 + static_cast<long long>(rng() % 10);
    if (trial % 2 == 1) value = -value;
    const std::string plain = std::to_string(value < 0 ? -value : value);
    std::string expected;
    for (size_t i = 0; i < plain.size(); ++i) {
      expected.push_back(plain[i]);
      const size_t remaining = plain.size() - i - 1;
      if (remaining > 0 && remaining % 3 == 0) expected.push_back(',');
    }
    if (value < 0) expected.insert(expected.begin(), '-');
    ASSERT_EQ(FormatGrouped(static_cast<double>(value)), expected) << value;
  }
}

// Reads "1.02亿" back as 1.02e8 so random values can be checked against what they print.
bool ParseCompact(const std::string& text, Locale locale, double* mantissa, double* scale) {
  char* end = nullptr;
  *mantissa = std::strtod(text.c_str(), &end);
  const std::string suffix(end);
  if (locale == Locale::kEn) {
    if (suffix.empty()) *scale = 1;
    else if (suffix == "K") *scale = 1e3;
    else if (suffix == "M") *scale = 1e6;
    else if (suffix == "B") *scale = 1e9;
    else if (suffix == "T") *scale = 1e12;
    else return false;
  } else {
    if (suffix.empty()) *scale = 1;
    else if (suffix == kWan) *scale = 1e4;
    else if (suffix == kYi) *scale = 1e8;
    else if (suffix == kWan + kYi) *scale = 1e12;
    else return false;
  }
  return end != text.c_str();
}

TEST(FormatTest, RandomValuesReadBackWithinThreeSignificantDigits) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> exponent(0.0, 14.0);
  for (int trial = 0; trial < 5000; ++trial) {
    const double value = std::pow(10.0, exponent(rng)) * (trial % 3 == 0 ? -1 : 1);
    for (Locale locale : {Locale::kEn, Locale::kZh}) {
      const std::string text = FormatCompact(value, locale);
      double mantissa = 0, scale = 0;
      ASSERT_TRUE(ParseCompact(text, locale, &mantissa, &scale)) << value << " -> " << text;
      // Rounding to three significant digits is off by at most half a unit in the third.
      EXPECT_NEAR(mantissa * scale, value, std::fabs(value) * 0.005 + 1e-9) << text;
      // Never "1000K" or "10000万": a full unit of the next magnitude takes its suffix.
      const double next_unit = locale == Locale::kEn ? 1000 : 10000;
      if (scale < 1e12) {  // the largest suffix has no next one
        EXPECT_LT(std::fabs(mantissa), next_unit) << value << " -> " << text;
      }
    }
  }
}

TEST(FormatTest, LocalisedFallsBackToEnglish) {
  const Text both{"Fashion", "\xE6\x97\xB6\xE5\xB0\x9A"};
  const Text english_only{"Beauty", ""};
  EXPECT_EQ(Localised(both, Locale::kEn), "Fashion");
  EXPECT_EQ(Localised(both, Locale::kZh), "\xE6\x97\xB6\xE5\xB0\x9A");
  EXPECT_EQ(Localised(english_only, Locale::kZh), "Beauty");
}

// FormatValue remembers what it formatted (frames format the same ticks and KPI values
// again): whatever it remembered, each answer must be the one for this value, unit and locale.
TEST(FormatTest, RememberedValuesAnswerForTheirOwnUnitAndLocale) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> exponent(-3, 13);
  std::vector<double> values;
  for (int i = 0; i < 600; ++i) values.push_back(std::pow(10.0, exponent(random)) * (i % 5 == 0 ? -1 : 1));
  const Unit units[] = {Unit::kUsers, Unit::kCount, Unit::kCurrency, Unit::kHours};
  for (int round = 0; round < 3; ++round) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      const double v = values[(i * 7 + static_cast<std::size_t>(round) * 101) % values.size()];
      // The same value in each unit and locale in turn, one changing at a time, so one
      // remembered answer could stand for another.
      for (int step = 0; step < 16; ++step) {
        const Unit unit = units[(i + static_cast<std::size_t>(round) + static_cast<std::size_t>(step / 2)) % 4];
        const Locale locale = (step / 2 + step) % 2 == 0 ? Locale::kEn : Locale::kZh;
        const std::string compact = FormatCompact(v, locale);
        std::string expected = compact;
        if (unit == Unit::kCurrency) expected = (locale == Locale::kZh ? kYuan : std::string("CNY ")) + compact;
        if (unit == Unit::kHours) expected = compact + (locale == Locale::kZh ? kHours : std::string(" h"));
        ASSERT_EQ(FormatValue(v, unit, locale), expected) << v << " round " << round << " step " << step;
      }
    }
  }
}

// A chart's axes ask for the same round values in several units every frame (0 and 1M as
// users, as a count and in yuan). Once each has been formatted, a frame asks again without
// formatting anything anew.
TEST(FormatTest, AFramesRoundValuesInSeveralUnitsAreRemembered) {
  const Unit units[] = {Unit::kUsers, Unit::kCount, Unit::kCurrency, Unit::kRatio};
  std::vector<double> ticks = {0};
  for (double magnitude = 1e3; magnitude <= 1e9; magnitude *= 10) {
    for (double m : {1.0, 2.0, 4.0, 5.0}) ticks.push_back(m * magnitude);
  }
  const auto frame = [&] {
    for (Unit unit : units) {
      for (double tick : ticks) FormatValue(tick, unit, Locale::kEn);
    }
  };
  frame();
  const std::size_t before = FormatValueMisses();
  frame();
  EXPECT_EQ(FormatValueMisses(), before);
}

}  // namespace
}  // namespace divboard
