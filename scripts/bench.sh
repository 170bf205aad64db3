#!/usr/bin/env bash
# Every benchmark, one table per topic (README, "Benchmarks"): decimation, chart frames and
# snapshot ingest (native and wasm), the app shell's transfer size, and divboard against
# uPlot in one headless Chromium. Progress goes to stderr, figures to stdout.
# NATIVE / WEB override the build directories; DIST the built page (`make dist`).
set -euo pipefail
cd "$(dirname "$0")/.."
native=${NATIVE:-build/native}
web=${WEB:-build/web}
export NODE_PATH=/usr/share/nodejs  # Debian's acorn, needed by emcc's link step

# Configure only when a tree is missing, with the same settings as the Makefile.
[[ -f $native/CMakeCache.txt ]] || cmake -S . -B "$native" -DCMAKE_BUILD_TYPE=Release >/dev/null
[[ -f $web/CMakeCache.txt ]] || emcmake cmake -S . -B "$web" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$native" --target decimate_bench -j "$(nproc)" >/dev/null
cmake --build "$web" --target decimate_bench -j "$(nproc)" >/dev/null

echo "bench: decimation, native and wasm" >&2
# One run at a time: the two would otherwise compete for the same cores and memory bandwidth.
native_table=$("$native/decimate_bench")
# .cjs: the repository's package.json makes .js files ES modules; emcc's loader is CommonJS.
web_table=$(node --no-experimental-fetch "$web/decimate_bench.cjs")

echo "native ($native/decimate_bench)"
echo "$native_table"
echo
echo "wasm ($web/decimate_bench.cjs, $(node --version))"
echo "$web_table"
echo
echo "wasm/native throughput"
# Lines look like: decimate  10M points ... 47.6 Gpts/s ...; join the two tables on the size.
awk 'FNR == NR { for (i = 2; i <= NF; ++i) if ($i == "Gpts/s") native[$2] = $(i - 1); next }
     { for (i = 2; i <= NF; ++i) if ($i == "Gpts/s" && ($2 in native) && native[$2] > 0)
         printf "  %-5s %5.2fx\n", $2, $(i - 1) / native[$2] }' \
  <(echo "$native_table") <(echo "$web_table")

# --- Chart frames: whole ImGui frames with one 1600x700 chart (bench/chart_bench.cpp), native
# and in headless Chromium (bench/run_browser_bench.mjs), and the browser/native ratio of the
# hover frame time per size. The browser run also draws each frame with WebGL2 on the CPU path
# and on the GPU path (resident series) and ends with the two side by side (docs/performance.md).
# Re-run CMake on both trees (settings come from their caches): a tree configured before
# chart_bench was added has no such target. Its chatter is shown only when it fails.
configure() { local log; log=$("$@" 2>&1) || { echo "$log" >&2; return 1; }; }
configure cmake -S . -B "$native"
configure emcmake cmake -S . -B "$web"
cmake --build "$native" --target chart_bench -j "$(nproc)" >/dev/null
cmake --build "$web" --target chart_bench -j "$(nproc)" >/dev/null

echo "bench: chart frames, native and in Chromium" >&2
# One at a time, as above.
chart_native=$("$native/chart_bench")
chart_web=$(WEB="$web" node bench/run_browser_bench.mjs)

echo
echo "chart frames, native ($native/chart_bench)"
echo "$chart_native"
echo
echo "chart frames, browser ($web/chart_bench.wasm in headless Chromium)"
echo "$chart_web"
echo
echo "browser/native hover frame time (median)"
# Lines look like: chart  10M points  idle 0.85 ms (p95 1.10)  hover 0.91 ms ...; join on the size.
awk 'FNR == NR { if ($1 == "chart") for (i = 3; i < NF; ++i) if ($i == "hover") native[$2] = $(i + 1); next }
     $1 == "chart" { for (i = 3; i < NF; ++i) if ($i == "hover" && ($2 in native) && native[$2] > 0)
         printf "  %-5s %5.2fx  (%s ms / %s ms)\n", $2, $(i + 1) / native[$2], $(i + 1), native[$2] }' \
  <(echo "$chart_native") <(echo "$chart_web")

# --- Whole dashboard frames natively (bench/dashboard_frame_bench.cpp): the overview and the
# gallery (with its 10M-point series), idle and hovering; what a frame costs before WebGL.
cmake --build "$native" --target dashboard_frame_bench -j "$(nproc)" >/dev/null
echo "bench: dashboard frames, native" >&2
echo
echo "dashboard frames, native ($native/dashboard_frame_bench)"
"$native/dashboard_frame_bench"

# --- Snapshot ingest (bench/ingest_bench.cpp): one ~10M-value snapshot loaded through the DOM,
# the streaming parser and the packed (BJData) reader, natively, in wasm under Node, and in
# headless Chromium through the page's own path against the browser's JSON.parse.
configure cmake -S . -B "$native"
configure emcmake cmake -S . -B "$web"
cmake --build "$native" --target ingest_bench -j "$(nproc)" >/dev/null
cmake --build "$web" --target ingest_bench -j "$(nproc)" >/dev/null
echo "bench: snapshot ingest, native and wasm" >&2
echo
echo "snapshot ingest, native ($native/ingest_bench)"
"$native/ingest_bench"
echo
echo "snapshot ingest, wasm ($web/ingest_bench.cjs, $(node --version))"
node --no-experimental-fetch "$web/ingest_bench.cjs"
cmake --build "$web" --target divboard_web -j "$(nproc)" >/dev/null
data=$native/ingest-data
mkdir -p "$data"
values=$("$native/ingest_bench" --write "$data" | awk '$2 == "values" { print $3 }')
echo
WEB="$web" node bench/run_ingest_browser_bench.mjs "$data" "$values"

# --- The app shell's transfer size (the table `make dist` prints), and divboard against uPlot
# (bench/run_uplot_bench.mjs): cold start, frame CPU, idle cost, memory, with the issue's goals.
dist=${DIST:-dist}
[[ -f $dist/divboard.wasm ]] || { echo "bench: $dist/divboard.wasm missing: run make dist" >&2; exit 1; }
echo
echo "app shell transfer size ($dist)"
scripts/sizes.sh "$dist"
echo "bench: divboard vs uPlot in headless Chromium (a few minutes)" >&2
echo
node bench/run_uplot_bench.mjs
