// Parses untrusted JSON text into a DOM without exceptions, refusing what would hurt later:
// NUL bytes, nesting deeper than a cap (copying or dumping a deep DOM recurses), duplicate
// keys, numbers outside double range. Errors carry the JSON pointer where parsing stopped.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/problems.h"

namespace divboard {

constexpr int kMaxJsonDepth = 64;

// Returns false and sets *problem when `text` is not an acceptable JSON document.
// A leading UTF-8 byte-order mark is skipped.
bool ParseJsonDocument(std::string_view text, nlohmann::json* out, Problem* problem);

}  // namespace divboard
