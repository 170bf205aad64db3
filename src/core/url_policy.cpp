#include "core/url_policy.h"

namespace divboard {

std::string CheckRelativePath(std::string_view path) {
  if (path.empty()) return "the path is empty";
  if (path.size() > 512) return "the path is longer than 512 characters";
  if (path.front() == '/') return "only relative paths are allowed, not one starting with '/'";
  for (char c : path) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
                         c == '~' || c == '/';
    if (allowed) continue;
    if (c == ':') return "a URL with a scheme (like https: or javascript:) is not allowed";
    if (c == '\\') return "backslashes are not allowed";
    if (c == '%') return "percent-encoded characters are not allowed";
    return "character not allowed in a snapshot path";
  }
  size_t at = 0;
  while (at <= path.size()) {
    size_t end = path.find('/', at);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view segment = path.substr(at, end - at);
    if (segment == "..") return "'..' segments are not allowed";
    if (segment.empty() && end != path.size()) return "empty path segments ('//') are not allowed";
    at = end + 1;
  }
  const size_t last_slash = path.rfind('/');
  const std::string_view last_segment = last_slash == std::string_view::npos ? path : path.substr(last_slash + 1);
  if (path.back() == '/' || last_segment == ".") return "the path names a folder, not a file";
  return std::string();
}

std::string ResolveRelative(std::string_view base, std::string_view path) {
  const size_t slash = base.rfind('/');
  std::string out(slash == std::string_view::npos ? std::string_view() : base.substr(0, slash + 1));
  out += path;
  return out;
}

}  // namespace divboard
