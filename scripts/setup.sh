#!/usr/bin/env bash
# Installs everything divboard needs on a Debian 12 machine, from Debian's and npm's
# registries only. Idempotent: when all is present it only checks, in about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

# Keep in step with docs/building.md.
APT_PACKAGES=(cmake make g++ emscripten nlohmann-json3-dev googletest libgtest-dev
  libfast-float-dev chromium fonts-noto-core fonts-noto-cjk python3-fonttools python3-jsonschema
  brotli nginx clang libclang-rt-14-dev
  xz-utils dpkg-dev)
IMGUI_VERSION=1.86
IMGUI_ORIG=imgui_1.86+ds.orig.tar.xz
IMGUI_SHA256=0dace0e8e57d298eb6e93af12dc19420cb96330832f6495c733b90aeeef11f64
THIRD_PARTY=third_party

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Dear ImGui sources come from Debian's source package (Debian ships only a compiled
# library). A private apt state dir keeps the machine's own apt configuration untouched.
if [ ! -f "$THIRD_PARTY/imgui/imgui.cpp" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/parts" "$work/lists/partial" "$THIRD_PARTY"
  found=0
  for src in /etc/apt/sources.list.d/*.sources; do
    [ -f "$src" ] || continue
    sed 's/^Types:.*/Types: deb-src/' "$src" > "$work/parts/$(basename "$src")"; found=1
  done
  for src in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$src" ] || continue
    sed -n 's/^deb /deb-src /p' "$src" > "$work/parts/$(basename "$src")"; found=1
  done
  [ "$found" = 1 ] || { echo "setup: no Debian apt sources found to derive deb-src from" >&2; exit 1; }
  apt_opts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$work/parts"
            -o "Dir::State::Lists=$work/lists" -o APT::Sandbox::User=root)
  echo "setup: fetching Dear ImGui $IMGUI_VERSION from Debian's source package"
  apt-get "${apt_opts[@]}" update -qq
  (cd "$work" && apt-get "${apt_opts[@]}" source --download-only "imgui=$IMGUI_VERSION+ds-1" >/dev/null 2>&1 \
    || apt-get "${apt_opts[@]}" source --download-only imgui >/dev/null)
  echo "$IMGUI_SHA256  $work/$IMGUI_ORIG" | sha256sum -c --quiet -
  rm -rf "$THIRD_PARTY/imgui" && mkdir -p "$THIRD_PARTY/imgui"
  tar -xJf "$work/$IMGUI_ORIG" -C "$THIRD_PARTY/imgui" --strip-components=1
fi

command -v node >/dev/null && command -v npm >/dev/null || {
  echo "setup: installing Node.js and npm"; as_root apt-get install -y -qq nodejs npm; }

# npm packages for the browser tests and benchmarks (playwright-core, uPlot) and for
# minifying the page's scripts (terser), exactly as package-lock.json pins them.
if [ ! -f node_modules/playwright-core/package.json ] || [ ! -f node_modules/uplot/package.json ] ||
   [ ! -f node_modules/terser/package.json ] ||
   [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent
fi
