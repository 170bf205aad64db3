// Which URLs the page may fetch: only same-origin relative paths, so that a crafted link or
// manifest can never point the page at another host or a script URL.
#pragma once

#include <string>
#include <string_view>

namespace divboard {

// Empty when `path` is an acceptable relative path, else the reason it is refused.
std::string CheckRelativePath(std::string_view path);

// Resolves `path` against the folder of `base` ("data/manifest.json" + "a.json" → "data/a.json").
std::string ResolveRelative(std::string_view base, std::string_view path);

}  // namespace divboard
