#include "core/problems.h"

namespace divboard {

std::string PointerToken(std::string_view key) {
  std::string out;
  out.reserve(key.size() + 1);
  out.push_back('/');
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string FormatProblem(std::string_view file, const Problem& problem) {
  std::string out(file);
  out += ": ";
  out += problem.pointer.empty() ? "/" : problem.pointer;
  out += ": ";
  out += problem.message;
  return out;
}

}  // namespace divboard
