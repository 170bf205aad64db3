// The view's state as a URL hash ("#view=gallery&theme=light"), so copying the address bar
// reproduces the view. Parsing never fails: unknown keys are ignored and bad values fall
// back to defaults, each with a notice the page can show.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace divboard {

struct UrlState {
  std::string view = "overview";  // overview | gallery
  std::string theme = "dark";     // dark | light
  std::string locale = "en";      // en | zh
};

struct ParsedUrlState {
  UrlState state;
  std::vector<std::string> notices;  // what was ignored and why
};

ParsedUrlState ParseUrlHash(std::string_view hash);
std::string FormatUrlHash(const UrlState& state);  // omits defaults; "" for all defaults

}  // namespace divboard
