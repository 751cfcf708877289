#!/usr/bin/env bash
# Loads a generated WordPress export into a throw-away real Redmine (tests/servers/redmine-up.sh) at 1, 2, 4 and 8
# connections, with bare wiki-page PUTs as the floor of the same run (docs/benchmarks.md, "Redmine target").
#   run_redmine_bench.sh BATON REDMINE_BENCH DATA_DIR SHARED_DIR      BATON_BENCH_REDMINE_POSTS (default 200)
set -euo pipefail
baton=$1 bench=$2 data_dir=$3 shared_dir=$4
posts=${BATON_BENCH_REDMINE_POSTS:-200}
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
chmod 755 "$work"  # Redmine runs as www-data and keeps its database copy in here
state="$work/redmine"
trap 'bash "$here/tests/servers/redmine-up.sh" "$state" down; rm -rf "$work"' EXIT
mkdir -p "$data_dir"
input="$data_dir/redmine-wxr-$posts.xml"
[ -f "$input" ] || python3 "$shared_dir/tools/gen_wxr.py" --posts "$posts" --attachments 0 --out "$input"
(cd "$work" && "$baton" extract "wxr:$input" --no-progress >/dev/null && "$baton" plan --no-progress >/dev/null)
bash "$here/tests/servers/redmine-up.sh" "$state"
export BATON_REDMINE_API_KEY
BATON_REDMINE_API_KEY=$(sed -n 's/^REDMINE_API_KEY=//p' "$state/redmine.env")
url=$(sed -n 's/^REDMINE_URL=//p' "$state/redmine.env")
echo "Redmine 5.0.4 (Debian, SQLite, thin) at $url; $posts generated posts; $(nproc) cores, shared"
"$bench" "$url" "$work/baton.db" "$work"
