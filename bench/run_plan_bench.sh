#!/usr/bin/env bash
# The plan benchmark: generates (once, cached) a workspace of 1 M items, 100 k people and 10 k containers, then
# times `baton plan` with the built-in rules and with a shipped example mapping, each on a fresh copy, and in the
# same run a baseline: the sqlite3 shell grouping the same contributions (items per community and author, and
# revisions per container and author), the floor any planner pays to read them. Prints wall time and peak RSS.
#
# usage: run_plan_bench.sh BATON GENERATOR DATA_DIR MAPPING
# environment: BATON_BENCH_PLAN_SIZE  "ITEMS PEOPLE CONTAINERS", default "1000000 100000 10000"
set -euo pipefail

if [[ $# -ne 4 ]]; then
    echo "usage: $0 BATON GENERATOR DATA_DIR MAPPING" >&2
    exit 1
fi
baton=$1
generator=$2
data_dir=$3
mapping=$4
read -r items people containers <<< "${BATON_BENCH_PLAN_SIZE:-1000000 100000 10000}"
mkdir -p "$data_dir/scratch"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
    "$(awk '/MemTotal/ {printf "%.1f GB RAM", $2 / 1048576}' /proc/meminfo)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "baton: $("$baton" --version 2>&1 | head -n1)," \
    "source $(git -C "$(dirname "$0")" describe --always --dirty 2>/dev/null || echo unknown)"

# The generated workspace is kept; a new generator (or size) makes a new one.
stamp=$(sha256sum "$generator" | cut -c1-12)-$items-$people-$containers
pristine=$data_dir/plan-$stamp.db
if [[ ! -f $pristine ]]; then
    rm -f "$data_dir"/plan-*.db
    /usr/bin/time -f "generated in %e s" "$generator" "$pristine.tmp" "$items" "$people" "$containers"
    mv "$pristine.tmp" "$pristine"
fi
echo "workspace: $(du -m "$pristine" | cut -f1) MB"

# Runs a command; prints "SECONDS PEAK_RSS_MB CPU_SECONDS" on stdout (GNU time; CPU = user + system, which a busy
# shared machine inflates less than the wall time), its last output line on stderr.
measure() {
    local log=$data_dir/scratch/time.log
    /usr/bin/time -f "%e %M %U %S" -o "$log" "$@" > "$data_dir/scratch/out.txt" 2> "$data_dir/scratch/err.txt" || {
        cat "$data_dir/scratch/err.txt" >&2
        return 1
    }
    tail -n1 "$data_dir/scratch/out.txt" >&2
    awk '{printf "%s %.0f %.2f\n", $1, $2 / 1024, $3 + $4}' "$log"
}

fresh() {
    cp "$pristine" "$data_dir/scratch/plan.db"
    rm -f "$data_dir/scratch/plan.db-wal" "$data_dir/scratch/plan.db-shm"
    sync
}

row() { printf "%-58s %8s s wall %8s s CPU %7s MB peak RSS\n" "$1" "$2" "$4" "$3"; }

fresh
read -r s m c < <(measure sqlite3 "$data_dir/scratch/plan.db" \
    "SELECT count(*) FROM (SELECT ic.container_id, i.author_id, count(*), max(coalesce(i.modified_at, i.created_at))
     FROM items i JOIN item_containers ic ON ic.item_id = i.id WHERE i.removed_run IS NULL GROUP BY 1, 2);")
row "baseline: sqlite3 GROUP BY items per container, author" "$s" "$m" "$c"
read -r s m c < <(measure sqlite3 "$data_dir/scratch/plan.db" \
    "SELECT count(*) FROM (SELECT ic.container_id, r.author_id, count(*), sum(r.position = 0), max(r.timestamp)
     FROM revisions r JOIN item_containers ic ON ic.item_id = r.item_id GROUP BY 1, 2);")
row "baseline: sqlite3 GROUP BY revisions per container, author" "$s" "$m" "$c"

fresh
read -r s m c < <(measure "$baton" plan --no-progress --workspace "$data_dir/scratch/plan.db")
row "baton plan (built-in rules)" "$s" "$m" "$c"
fresh
read -r s m c < <(measure "$baton" plan --no-progress --workspace "$data_dir/scratch/plan.db" --mapping "$mapping")
row "baton plan --mapping $(basename "$mapping")" "$s" "$m" "$c"
rm -f "$data_dir/scratch/plan.db" "$data_dir/scratch/plan.db-wal" "$data_dir/scratch/plan.db-shm"
