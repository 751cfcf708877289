#!/usr/bin/env bash
# End-to-end test of the review portal in a real headless Chromium (Debian's `chromium`, driven by
# playwright-core from npm): builds a workspace from tests/portal/review-site.xml, starts `baton serve` on a free
# loopback port, invites, runs portal_e2e.mjs (invitation link, community review, decline with a nomination,
# task done, admin dashboard; screenshots), then checks the workspace rows the clicks wrote.
#
#   portal-e2e.sh BATON OUT_DIR     OUT_DIR gets the workspace, the screenshots and node_modules (kept)
set -euo pipefail
baton=${1:?usage: portal-e2e.sh BATON OUT_DIR}
baton="$(cd "$(dirname "$baton")" && pwd)/$(basename "$baton")"
out=${2:?usage: portal-e2e.sh BATON OUT_DIR}
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
chromium=${BATON_CHROMIUM:-$(command -v chromium || true)}
[ -n "$chromium" ] || { echo "portal-e2e: Debian's chromium is not installed (scripts/setup-debian.sh --tests)" >&2; exit 1; }
command -v npm >/dev/null || { echo "portal-e2e: npm is not installed (scripts/setup-debian.sh --tests)" >&2; exit 1; }
mkdir -p "$out"
out="$(cd "$out" && pwd)"

# playwright-core (a pinned version, no browser download of its own) into OUT_DIR/node; from npm's cache when
# it is there, so that a machine that installed it once also works offline.
playwright_version=1.65.1
node_dir="$out/node"
if [ "$(node -p "try{require('$node_dir/node_modules/playwright-core/package.json').version}catch(e){''}")" != "$playwright_version" ]; then
  mkdir -p "$node_dir"
  [ -f "$node_dir/package.json" ] || echo '{"name":"baton-portal-e2e","private":true}' >"$node_dir/package.json"
  (cd "$node_dir" && { npm install --no-audit --no-fund --offline "playwright-core@$playwright_version" >/dev/null 2>&1 ||
    npm install --no-audit --no-fund --prefer-offline "playwright-core@$playwright_version" >/dev/null; }) ||
    { echo "portal-e2e: cannot install playwright-core@$playwright_version from npm (offline and no cache?)" >&2; exit 1; }
fi

work="$out/work"
rm -rf "$work" "$out/screenshots"
mkdir -p "$work" "$out/screenshots"
cd "$work"
"$baton" extract "wxr:$root/tests/portal/review-site.xml" --no-progress >/dev/null
"$baton" plan >/dev/null

"$baton" serve --listen 127.0.0.1:0 >serve.out 2>serve.err &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null || true; wait "$serve_pid" 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 100); do
  port=$(grep -o 'listening on http://127.0.0.1:[0-9]*' serve.out 2>/dev/null | grep -o '[0-9]*$' || true)
  [ -n "$port" ] && break
  kill -0 "$serve_pid" 2>/dev/null || { cat serve.err >&2; exit 1; }
  sleep 0.1
done
[ -n "$port" ] || { echo "portal-e2e: baton serve did not start" >&2; cat serve.err >&2; exit 1; }
base="http://127.0.0.1:$port"
"$baton" invite --base-url "$base" --out invitations.csv >/dev/null
alice_link=$(grep '^login:alice,' invitations.csv | grep -o "$base/i/[A-Za-z0-9_-]*")
admin_link=$("$baton" invite --admin --base-url "$base" | grep -o "$base/i/[A-Za-z0-9_-]*")

NODE_PATH="$node_dir/node_modules" CHROMIUM="$chromium" ALICE_LINK="$alice_link" ADMIN_LINK="$admin_link" \
  BASE_URL="$base" SCREENSHOTS="$out/screenshots" node "$here/portal_e2e.cjs"

# What the clicks wrote.
check() {
  local got
  got=$(sqlite3 baton.db "$1")
  [ "$got" = "$2" ] || { echo "portal-e2e: $1 gave '$got', expected '$2'" >&2; exit 1; }
}
check "SELECT decision || '|' || community_slug || '|' || nominee_login || '|' || note || '|' || decided_by || '|' || via FROM owner_decisions" \
      "nominate|hr|carol|I moved to the sales team|alice|portal"
check "SELECT community_slug || '|' || code || '|' || status || '|' || updated_by || '|' || via FROM task_progress" \
      "hr|accept-role|done|alice|portal"
for shot in home community decision tasks admin; do
  [ -s "$out/screenshots/$shot.png" ] || { echo "portal-e2e: no screenshot $shot.png" >&2; exit 1; }
done
# A clean stop on SIGTERM (under the sanitizers this is also where leaks and errors would surface), recorded.
kill -TERM "$serve_pid"
serve_status=0
wait "$serve_pid" || serve_status=$?
trap - EXIT
[ "$serve_status" -eq 0 ] || { echo "portal-e2e: baton serve ended with $serve_status" >&2; cat serve.err >&2; exit 1; }
grep -q '^baton serve: stopped' serve.out || { echo "portal-e2e: baton serve did not say it stopped" >&2; exit 1; }
check "SELECT outcome FROM runs WHERE command = 'serve'" "succeeded"
if grep -q "$(echo "$alice_link" | grep -o '[A-Za-z0-9_-]*$')" serve.out serve.err; then
  echo "portal-e2e: a token reached the server's output" >&2; exit 1
fi
echo "portal-e2e: passed; screenshots in $out/screenshots"
