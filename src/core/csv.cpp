#include "core/csv.h"

#include <cmath>
#include <cstdio>

namespace divboard {
namespace {

std::string Field(const std::string& text) {
  // Leading = + - @ would be read as a formula by spreadsheet programs: quote and prefix.
  const bool formula = !text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '@' ||
                                         (text[0] == '-' && text.size() > 1 && !(text[1] >= '0' && text[1] <= '9')));
  const bool quote = formula || text.find_first_of(",\"\r\n") != std::string::npos;
  if (!quote) return text;
  std::string out = "\"";
  if (formula) out += "'";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string ToCsv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i > 0) out += ',';
      out += Field(cells[i]);
    }
    out += "\r\n";
  };
  line(header);
  for (const auto& row : rows) line(row);
  return out;
}

std::string CsvNumber(double value) {
  if (!std::isfinite(value)) return std::string();
  char buf[64];
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", value);
  } else {
    std::snprintf(buf, sizeof buf, "%.10g", value);
  }
  return buf;
}

}  // namespace divboard
