// CSV for spreadsheets: RFC 4180 quoting, CRLF rows, and a UTF-8 byte-order mark so Excel
// reads Chinese names correctly.
#pragma once

#include <string>
#include <vector>

namespace divboard {

std::string ToCsv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

// A number as plain text a spreadsheet parses exactly ("" for NaN, no thousands separators).
std::string CsvNumber(double value);

}  // namespace divboard
