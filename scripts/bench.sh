#!/usr/bin/env bash
# Decimation benchmark, native and wasm side by side: builds `decimate_bench` in both build
# trees, runs it (the wasm one under Node), and prints both tables and the wasm/native
# throughput ratio per size. NATIVE / WEB override the build directories.
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
