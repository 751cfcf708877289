#!/usr/bin/env bash
# Starts a private, throw-away Redmine (Debian's redmine + redmine-sqlite, served by thin) on 127.0.0.1 for the
# loader tests: its own instance (a copy of the packaged SQLite database, mail delivery :test so it cannot send
# mail), REST enabled, on a free port. Needs root and the packages of scripts/setup-debian.sh --tests.
#
#   redmine-up.sh STATE_DIR        writes STATE_DIR/redmine.env (REDMINE_URL, REDMINE_API_KEY, REDMINE_PGID)
#   redmine-up.sh STATE_DIR down   stops that server and removes its instance
set -euo pipefail
state=${1:?usage: redmine-up.sh STATE_DIR [down]}
redmine=/usr/share/redmine
instance="baton-test-$(basename "$state" | tr -c 'A-Za-z0-9_\n-' '-')"
instance_dir="$redmine/instances/$instance"

if [ "${2:-up}" = down ]; then
  if [ -f "$state/redmine.env" ]; then
    pgid=$(sed -n 's/^REDMINE_PGID=//p' "$state/redmine.env")
    if [ -n "$pgid" ]; then
      # Ruby may ignore TERM while it is still booting: KILL what is left after 10 s.
      kill -TERM -- "-$pgid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 -- "-$pgid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL -- "-$pgid" 2>/dev/null || true
    fi
  fi
  rm -rf "$instance_dir"
  exit 0
fi

fail() { echo "redmine-up.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "must run as root (it serves Redmine as www-data)"
for package in redmine redmine-sqlite thin sqlite3 curl; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || fail "Debian's $package is not installed (run scripts/setup-debian.sh --tests)"
done
template=$(sed -n 's/^ *database: *//p' /etc/redmine/default/database.yml)
[ -f "$template" ] || fail "the packaged Redmine database $template is missing"

mkdir -p "$state"
chmod 755 "$state"
rm -rf "$instance_dir"
mkdir -p "$instance_dir/config" "$instance_dir/files" "$instance_dir/log" "$instance_dir/tmp/cache" "$instance_dir/public"
cp "$template" "$state/redmine.sqlite3"
cat >"$instance_dir/config/database.yml" <<YAML
production:
  adapter: sqlite3
  database: $state/redmine.sqlite3
  timeout: 10000
YAML
# Quiet import: this Redmine keeps mails in memory (ActionMailer :test) and never sends one.
cat >"$instance_dir/config/configuration.yml" <<YAML
production:
  email_delivery:
    delivery_method: :test
YAML
head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$instance_dir/config/secret_key.txt"
chown -R www-data:www-data "$instance_dir" "$state/redmine.sqlite3"
chown www-data "$state"
runuser -u www-data -- test -w "$state/redmine.sqlite3" \
  || fail "www-data cannot reach $state (a parent folder is private?): Redmine runs as www-data"

# REST on, no notification events, Markdown text, attachments up to 100 MB (Redmine's default is 5 MB; a test
# uploads a larger one), and an API key for the admin: written straight into this
# instance's database copy (a Rails runner would cost a second boot of Redmine).
db="$state/redmine.sqlite3"
key=$(head -c 20 /dev/urandom | od -An -tx1 | tr -d ' \n')
sqlite3 "$db" "DELETE FROM settings WHERE name IN ('rest_api_enabled', 'notified_events', 'text_formatting',
    'attachment_max_size');
  INSERT INTO settings(name, value, updated_on) VALUES ('rest_api_enabled', '1', datetime('now')),
    ('notified_events', '--- []' || char(10), datetime('now')), ('text_formatting', 'common_mark', datetime('now')),
    ('attachment_max_size', '102400', datetime('now'));
  DELETE FROM tokens WHERE action = 'api' AND user_id = (SELECT id FROM users WHERE login = 'admin');
  INSERT INTO tokens(user_id, action, value, created_on, updated_on)
    VALUES ((SELECT id FROM users WHERE login = 'admin'), 'api', '$key', datetime('now'), datetime('now'));" \
  || fail "could not configure the Redmine database copy"

run_rails=(runuser -u www-data -- env REDMINE_INSTANCE="$instance" RAILS_ENV=production)
cd "$redmine"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
url="http://127.0.0.1:$port"
setsid "${run_rails[@]}" rackup -E production -o 127.0.0.1 -p "$port" >"$state/server.log" 2>&1 </dev/null &
pgid=$!
printf 'REDMINE_URL=%s\nREDMINE_API_KEY=%s\nREDMINE_PGID=%s\n' "$url" "$key" "$pgid" >"$state/redmine.env"
chmod 600 "$state/redmine.env"
# A busy machine boots Rails slowly: up to REDMINE_BOOT_SECONDS (default 300).
boot_seconds=${REDMINE_BOOT_SECONDS:-300}
for _ in $(seq 1 $((boot_seconds * 5))); do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "X-Redmine-API-Key: $key" "$url/users/current.json" || true)
  [ "$code" = 200 ] && { echo "redmine-up.sh: Redmine up at $url"; exit 0; }
  kill -0 "$pgid" 2>/dev/null || fail "the server exited: $(tail -20 "$state/server.log")"
  sleep 0.2
done
fail "no answer from $url after $boot_seconds s: $(tail -20 "$state/server.log")"
