#!/usr/bin/env bash
# Load test of the review portal with wrk on loopback (docs/benchmarks.md, "Review portal"): a workspace from the
# WordPress Theme Unit Test export, `baton serve` on a free port, then 200 connections for 30 s each on the
# owner's home and on their largest community page, with the stylesheet (no workspace access) as the baseline
# measured in the same run. Fails when wrk reports any socket error or non-2xx answer.
#
#   run_portal_bench.sh BATON WORK_DIR SHARED_DIR [SECONDS] [CONNECTIONS]
set -euo pipefail
baton=${1:?usage: run_portal_bench.sh BATON WORK_DIR SHARED_DIR [SECONDS] [CONNECTIONS]}
work=${2:?usage}
shared=$(cd "${3:?usage}" && pwd)
seconds=${4:-30}
connections=${5:-200}
command -v wrk >/dev/null || { echo "bench: wrk is not installed (scripts/setup-debian.sh --bench)" >&2; exit 1; }
baton="$(cd "$(dirname "$baton")" && pwd)/$(basename "$baton")"
mkdir -p "$work/portal-bench"
cd "$work/portal-bench"
rm -f baton.db baton.db-wal baton.db-shm
"$baton" extract "wxr:$shared/fixtures/wordpress-wxr/theme-unit-test-data.xml" --no-progress >/dev/null
"$baton" plan >/dev/null

"$baton" serve --listen 127.0.0.1:0 --threads 256 >serve.out 2>serve.err &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 100); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' serve.out 2>/dev/null | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  sleep 0.1
done
[ -n "$port" ] || { echo "bench: baton serve did not start" >&2; cat serve.err >&2; exit 1; }
base="http://127.0.0.1:$port"
"$baton" invite --base-url "$base" --out invitations.csv >/dev/null
# The person with the most roles, and their community with the most items.
person=$(sqlite3 baton.db "SELECT person_id FROM plan_roles WHERE plan_run = (SELECT max(run_id) FROM plans) GROUP BY person_id ORDER BY count(*) DESC LIMIT 1")
login=$(sqlite3 baton.db "SELECT coalesce(nullif(login, ''), key) FROM people WHERE id = $person")
slug=$(sqlite3 baton.db "SELECT c.slug FROM plan_roles r JOIN plan_communities c ON c.id = r.community_id JOIN plan_placements p ON p.community_id = c.id WHERE r.person_id = $person AND r.plan_run = (SELECT max(run_id) FROM plans) GROUP BY c.id ORDER BY count(*) DESC LIMIT 1")
items=$(sqlite3 baton.db "SELECT count(*) FROM plan_placements p JOIN plan_communities c ON c.id = p.community_id WHERE c.slug = '$slug' AND p.plan_run = (SELECT max(run_id) FROM plans) AND p.action = 'migrate'")
token=$(grep -m1 ",$login," invitations.csv | grep -o "$base/i/[A-Za-z0-9_-]*" | grep -o '[A-Za-z0-9_-]*$')
[ -n "$token" ] || { echo "bench: no invitation for $login" >&2; exit 1; }

status=0
run() {  # NAME PATH SECONDS
  local result
  result=$(wrk -t2 -c"$connections" -d"$3"s --timeout 10s --latency -H "Cookie: baton_session=$token" "$base$2")
  local rps p50 p99 errors non2xx requests
  rps=$(echo "$result" | awk '/Requests\/sec/ {print $2}')
  requests=$(echo "$result" | awk '/requests in/ {print $1}')
  p50=$(echo "$result" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$result" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$result" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}')
  non2xx=$(echo "$result" | awk '/Non-2xx/ {print $5}')
  printf '%-28s %9s req/s  %8s requests  p50 %8s  p99 %8s  socket errors %s  non-2xx %s\n' \
    "$1" "$rps" "$requests" "$p50" "$p99" "${errors:-0}" "${non2xx:-0}"
  if [ "${errors:-0}" != "0" ] || [ "${non2xx:-0}" != "0" ]; then status=1; fi
}
echo "portal load test: $connections connections, wrk -t2, owner $login, community $slug ($items items); $(nproc) cores"
run "stylesheet (baseline)" /static/portal.css 10
run "owner home" / "$seconds"
run "community page" "/c/$slug" "$seconds"
[ "$status" -eq 0 ] || { echo "bench: errors under load" >&2; exit 1; }
