#!/usr/bin/env bash
# Checks a redirect map with real servers: Debian's nginx and Apache (mod_rewrite) are configured with the
# snippets `baton redirects` wrote, syntax-checked (nginx -t, apache2 -t), started on a free port of
# 127.0.0.1 and asked for each request path; each answer is printed as "CODE LOCATION" (one line per request,
# in order). Needs the packages that scripts/setup-debian.sh --tests installs (nginx-light, apache2, curl).
#
#   redirect-check.sh nginx|apache SNIPPET STATE_DIR REQUESTS_FILE
set -euo pipefail
server=${1:?usage: redirect-check.sh nginx|apache SNIPPET STATE_DIR REQUESTS_FILE}
snippet=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
state=${3:?}
requests=${4:?}
mkdir -p "$state/logs" "$state/tmp" "$state/run"
state=$(cd "$state" && pwd)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

case "$server" in
  nginx)
    command -v nginx >/dev/null || { echo "redirect-check.sh: nginx is not installed" >&2; exit 1; }
    temp="$state/tmp"
    cat >"$state/nginx.conf" <<CONF
daemon off;
pid $state/run/nginx.pid;
error_log $state/logs/error.log;
events {}
http {
  access_log off;
  client_body_temp_path $temp; proxy_temp_path $temp; fastcgi_temp_path $temp; uwsgi_temp_path $temp; scgi_temp_path $temp;
  server {
    listen 127.0.0.1:$port;
    include $snippet;
    location / { return 404; }
  }
}
CONF
    nginx -t -q -p "$state" -c "$state/nginx.conf"
    start=(nginx -p "$state" -c "$state/nginx.conf")
    ;;
  apache)
    command -v apache2 >/dev/null || { echo "redirect-check.sh: apache2 is not installed" >&2; exit 1; }
    modules=/usr/lib/apache2/modules
    cat >"$state/apache.conf" <<CONF
ServerRoot $state
ServerName 127.0.0.1
Listen 127.0.0.1:$port
PidFile $state/run/apache.pid
DefaultRuntimeDir $state/run
Mutex file:$state/run
ErrorLog $state/logs/error.log
LoadModule mpm_prefork_module $modules/mod_mpm_prefork.so
LoadModule authz_core_module $modules/mod_authz_core.so
LoadModule rewrite_module $modules/mod_rewrite.so
<VirtualHost 127.0.0.1:$port>
  Include $snippet
</VirtualHost>
CONF
    apache2 -t -f "$state/apache.conf" 2>"$state/logs/check.log" || { cat "$state/logs/check.log" >&2; exit 1; }
    start=(apache2 -X -f "$state/apache.conf")
    ;;
  *) echo "redirect-check.sh: unknown server $server" >&2; exit 2 ;;
esac

"${start[@]}" 2>>"$state/logs/start.log" &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  curl -s -o /dev/null "http://127.0.0.1:$port/" && break
  kill -0 "$pid" 2>/dev/null || { echo "redirect-check.sh: $server did not start" >&2; cat "$state/logs/"* >&2; exit 1; }
  sleep 0.05
done
while IFS= read -r path; do
  curl -s -o /dev/null -w '%{http_code} %{redirect_url}\n' --path-as-is "http://127.0.0.1:$port$path"
done <"$requests"
