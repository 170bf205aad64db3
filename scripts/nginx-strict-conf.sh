#!/usr/bin/env bash
# Writes an nginx configuration that serves divboard the way docs/deploying.md recommends:
# strict Content-Security-Policy, application/wasm, precompressed .gz files (gzip_static),
# long caching only for content-hashed file names, no caching for the manifest and the data.
#
#   scripts/nginx-strict-conf.sh ROOT PORT DIR PREFIX
#
# ROOT is the web root, PREFIX the sub-path divboard is copied to inside it ("/" or
# "/reports/divboard/"), DIR holds nginx's pid, logs and temp files. Listens on 127.0.0.1.
# The browser test tests/browser/csp.test.mjs runs it; the server block is the one in the docs.
set -euo pipefail
root=$1; port=$2; dir=$3; prefix=${4:-/}
case $prefix in /*/ | /) ;; *) echo "PREFIX must start and end with '/'" >&2; exit 2 ;; esac

csp="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
# add_header is not inherited by a location that has add_header of its own: every location
# repeats the whole set.
headers="add_header Content-Security-Policy \"$csp\" always;
      add_header X-Content-Type-Options \"nosniff\" always;
      add_header Referrer-Policy \"no-referrer\" always;
      add_header Cross-Origin-Opener-Policy \"same-origin\" always;"
user_line=""
[ "$(id -u)" -eq 0 ] && user_line="user root;"
cat <<CONF
$user_line
worker_processes 1;
error_log $dir/error.log warn;
pid $dir/nginx.pid;
events { worker_connections 256; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $dir/body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  sendfile on;
  server_tokens off;

  # --- divboard server block (docs/deploying.md) ---
  server {
    listen 127.0.0.1:$port;
    root $root;
    charset utf-8;
    charset_types application/json application/javascript text/css image/svg+xml;
    # FILE.gz next to FILE is sent as is (scripts/precompress.sh makes them); anything else
    # compressible is compressed on the fly.
    gzip_static on;
    gzip on;
    gzip_vary on;
    gzip_types application/json application/javascript text/css application/wasm image/svg+xml font/ttf font/otf;

    location $prefix {
      $headers
      # The page, loader.js, divboard.js and divboard.wasm keep their names from one release
      # to the next: revalidate them (ETag) so a deployment is seen at once.
      add_header Cache-Control "no-cache" always;
      # Content-hashed names (name.0123abcd.ext) never change meaning: cache them for a year.
      location ~ "\.[0-9a-f]{8,}\.(js|wasm|css|ttf|otf|svg)\$" {
        $headers
        add_header Cache-Control "public, max-age=31536000, immutable" always;
      }
      # The manifest and the snapshots change under the same names whenever the pipeline runs.
      location ${prefix}data/ {
        $headers
        add_header Cache-Control "no-cache" always;
      }
    }
  }
}
CONF
