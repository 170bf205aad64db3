#!/usr/bin/env bash
# Writes an nginx configuration serving ROOT on 127.0.0.1:PORT, with state kept in DIR;
# an optional FIXTURES folder is served at /fixtures/ (browser tests only).
# Used by `make serve` and the browser tests.
set -euo pipefail
root=$1; port=$2; dir=$3; fixtures=${4:-}
fixtures_block=""
[ -n "$fixtures" ] && fixtures_block="location /fixtures/ { alias $fixtures/; add_header Cache-Control \"no-cache\"; }"
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
  gzip on;
  gzip_types application/json application/javascript text/css application/wasm;
  server {
    listen 127.0.0.1:$port;
    root $root;
    charset utf-8;
    charset_types application/json application/javascript text/css;
    location /data/ { add_header Cache-Control "no-cache"; }
    $fixtures_block
  }
}
CONF
