// The packed form of a snapshot: the same document as the JSON form (same fields, same
// rules) written as BJData (a binary JSON that nlohmann/json reads), with each series'
// values as one typed array — the narrowest integer type that holds them all exactly, or
// float64 with NaN for a missing day. Smaller than the JSON and read without parsing numbers
// from text. JSON stays the canonical, documented form (docs/snapshot-format.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/problems.h"
#include "core/snapshot.h"

namespace divboard {

// BJData bytes of a snapshot. Unknown fields of the JSON it came from are not kept.
std::string PackSnapshot(const Snapshot& snapshot);

// Whether bytes look like a packed snapshot rather than JSON text: a BJData object starts
// with '{' and a length marker ('i', 'U', ...), which JSON never has after '{'.
bool IsPackedSnapshot(std::string_view bytes);

// LoadSnapshot's contract for the packed form: no problems and *out filled, or problems
// (pointer and message) and *out untouched. Every rule of the JSON form applies; an infinite
// value is "number out of range"; a NaN value is a missing day, as null is in JSON.
std::vector<Problem> LoadPackedSnapshot(std::string_view bytes, Snapshot* out);

}  // namespace divboard
