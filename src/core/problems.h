// A problem found in input, located by RFC 6901 JSON pointer. Loaders return problems as
// values (never throw), so the CLI and the page can show every one of them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace divboard {

struct Problem {
  std::string pointer;  // "" is the whole document
  std::string message;
};

// Loaders stop collecting after this many: a file that is wrong everywhere says so quickly.
constexpr size_t kMaxProblems = 50;

// "~" and "/" escaped as RFC 6901 requires.
std::string PointerToken(std::string_view key);

// "FILE: /pointer: message", with "/" naming the root so the pointer never reads as blank.
std::string FormatProblem(std::string_view file, const Problem& problem);

}  // namespace divboard
