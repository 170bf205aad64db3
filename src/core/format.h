// Numbers as readers expect them: Chinese readers in 万 (10^4) and 亿 (10^8) with ¥,
// English readers in K/M/B with the currency code. Switchable at run time.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/snapshot.h"

namespace divboard {

enum class Locale { kEn, kZh };

// Three significant digits with a magnitude suffix: 102M / 1.02亿, CNY 34K / ¥3.4万,
// 2.41% for ratios. NaN reads "—" (no data), never "0".
std::string FormatValue(double value, Unit unit, Locale locale);
// How often FormatValue had to format anew rather than reuse a recent result (for tests).
std::size_t FormatValueMisses();

// Compact number without unit: 1.02亿 / 102M / 356 / 35.6.
std::string FormatCompact(double value, Locale locale);

// Whole number with thousands separators: 102,345,678 (both locales).
std::string FormatGrouped(double value);

// Relative change as a signed percentage: +3.2%, -12%, —.
std::string FormatChange(double change);

const std::string& Localised(const Text& text, Locale locale);

}  // namespace divboard
