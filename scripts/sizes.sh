#!/usr/bin/env bash
# Prints what the app shell weighs (raw / gzip / brotli), so growth shows at every build.
set -euo pipefail
dist=$1
total_raw=0; total_gz=0; total_br=0
printf '%-40s %10s %10s %10s\n' "app shell" raw gzip brotli
for f in "$dist"/index.html "$dist"/loader.js "$dist"/divboard.css "$dist"/divboard.js "$dist"/divboard.wasm "$dist"/fonts/*.ttf; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -c -q 11 "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-40s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
done
printf '%-40s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
