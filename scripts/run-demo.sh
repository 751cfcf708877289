#!/usr/bin/env bash
# README command 1: installs what is missing, builds (Release) and runs the main job on the bundled
# sample WordPress export: extract -> convert -> plan -> load -> tasks -> report, into ./demo (SQLite, no server).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup-debian.sh"
bash "$root/scripts/build.sh" baton
baton="${BUILD_DIR:-$root/build}/apps/baton"
demo="$root/demo"
rm -rf "$demo"
mkdir -p "$demo"
cd "$demo"
sample="$root/samples/wordpress/acme-intranet.xml"
"$baton" extract "wxr:$sample"
"$baton" convert --to html
"$baton" plan
"$baton" load --target sqlite:platform.db
"$baton" tasks --out tasks
"$baton" tasks --format csv --out tasks
"$baton" report --out report.html
cat <<DONE

The sample migration ran. Look at:
  report:          $demo/report.html
  target database: $demo/platform.db   (sqlite3 $demo/platform.db '.tables')
  task lists:      $demo/tasks/README.md and index.html (a checklist, calendar and e-mail per person), $demo/tasks/tasks.csv
  workspace:       $demo/baton.db       ($baton status --workspace $demo/baton.db)
DONE
