#!/usr/bin/env bash
# Writes FILE.gz (and FILE.br when `brotli` is installed) next to every compressible file of a
# built dist/ folder, for nginx's gzip_static (and brotli_static, where that module exists).
# Leaves the originals alone; re-running refreshes the compressed copies.
#   scripts/precompress.sh DIST
set -euo pipefail
dist=$1
find "$dist" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.json' \
  -o -name '*.bjd' -o -name '*.svg' -o -name '*.ttf' -o -name '*.otf' \) -print0 |
while IFS= read -r -d '' f; do
  gzip -9 -n -c "$f" > "$f.gz"
  touch -r "$f" "$f.gz"
  if command -v brotli >/dev/null; then brotli -f -q 11 -o "$f.br" "$f"; touch -r "$f" "$f.br"; fi
done
