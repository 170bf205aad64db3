#!/usr/bin/env bash
# Prints what the app shell weighs (raw / gzip / brotli), so growth shows at every build.
set -euo pipefail
dist=$1
total_raw=0; total_gz=0; total_br=0
printf '%-40s %10s %10s %10s\n' "app shell" raw gzip brotli
# The GB2312 fallback font is fetched only when a snapshot needs it: listed apart.
for f in "$dist"/index.html "$dist"/preload.js "$dist"/loader.js "$dist"/divboard.css "$dist"/favicon.svg "$dist"/divboard.js \
         "$dist"/divboard.wasm "$dist"/fonts/*.ttf "$dist"/fonts/NotoSansSC-ui.subset.otf; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9c "$f" | wc -c); br=$(brotli -c -q 11 "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-40s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
done
printf '%-40s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
ext="$dist/fonts/NotoSansSC-ext.subset.otf"
[ -f "$ext" ] && printf '%-40s %10d %10d %10d  (on demand)\n' "${ext#"$dist"/}" "$(stat -c %s "$ext")" \
  "$(gzip -9c "$ext" | wc -c)" "$(brotli -c -q 11 "$ext" | wc -c)"
true
