#!/usr/bin/env bash
# Serves a folder with nginx on loopback (a real static file server, with the right type
# for .wasm), in the foreground until Ctrl-C.
set -euo pipefail
root=$(cd "$1" && pwd); port=${2:-8080}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
"$(dirname "$0")/nginx-conf.sh" "$root" "$port" "$dir" > "$dir/nginx.conf"
echo "divboard is at http://127.0.0.1:$port/  (Ctrl-C stops it)"
exec nginx -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;'
