// libFuzzer target over what a crafted link controls: the URL hash (view settings) and the
// ?snapshot= path policy. Built only with clang and the sanitizers (CMake option DIVBOARD_FUZZ).
//
// Properties checked, not just "no crash":
// - a path CheckRelativePath accepts is relative, scheme-less, has no '..' segment, no
//   backslash and no percent escape (so no encoded "../" can slip through);
// - ParseUrlHash always yields known values, and FormatUrlHash round-trips them silently.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/url_policy.h"
#include "core/url_state.h"

namespace {

void Require(bool condition, const char* what) {
  if (!condition) {
    std::fprintf(stderr, "fuzz_url: invariant broken: %s\n", what);
    std::abort();
  }
}

bool HasDotDotSegment(std::string_view path) {
  size_t at = 0;
  while (at <= path.size()) {
    size_t end = path.find('/', at);
    if (end == std::string_view::npos) end = path.size();
    if (path.substr(at, end - at) == "..") return true;
    at = end + 1;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  const std::string refused = divboard::CheckRelativePath(text);
  if (refused.empty()) {
    Require(!text.empty() && text.size() <= 512, "accepted an empty or overlong path");
    Require(text.front() != '/', "accepted an absolute path");
    Require(text.find(':') == std::string_view::npos, "accepted a scheme");
    Require(text.find('\\') == std::string_view::npos, "accepted a backslash");
    Require(text.find('%') == std::string_view::npos, "accepted a percent escape");
    Require(text.find("//") == std::string_view::npos, "accepted '//'");
    Require(!HasDotDotSegment(text), "accepted a '..' segment");
    // Resolved against the manifest's folder it stays inside that folder.
    const std::string resolved = divboard::ResolveRelative("data/manifest.json", text);
    Require(resolved.rfind("data/", 0) == 0, "resolved path left the manifest's folder");
    // (Its length may pass the 512-character cap: only the parts are checked again.)
    Require(resolved.size() > 512 || divboard::CheckRelativePath(resolved).empty(), "resolved path is refused");
  }

  const divboard::ParsedUrlState parsed = divboard::ParseUrlHash(text);
  const divboard::UrlState& s = parsed.state;
  bool known_view = false;
  for (const char* view : {"overview", "community", "trading", "hosts", "compare", "gallery", "changes"}) {
    known_view = known_view || s.view == view;
  }
  Require(known_view, "unknown view accepted");
  Require(s.theme == "dark" || s.theme == "light", "unknown theme accepted");
  Require(s.locale == "en" || s.locale == "zh", "unknown locale accepted");
  for (const std::string& notice : parsed.notices) {
    Require(notice.size() < 200, "notice quotes too much of the input");
    for (unsigned char c : notice) Require(c >= 0x20 && c != 0x7F, "control character in a notice");
  }
  const std::string hash = divboard::FormatUrlHash(s);
  const divboard::ParsedUrlState again = divboard::ParseUrlHash("#" + hash);
  Require(again.notices.empty(), "a formatted hash produced notices");
  Require(again.state.view == s.view && again.state.theme == s.theme && again.state.locale == s.locale,
          "hash does not round-trip");
  Require(divboard::FormatUrlHash(again.state) == hash, "formatting the parsed hash changes it");
  return 0;
}
