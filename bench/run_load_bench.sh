#!/usr/bin/env bash
# Load benchmark: `baton load` of about 100 k items (content and comments) into an empty SQLite target, next to
# the floor (load_floor: every row that load wrote, one prepared INSERT per table, nothing else) measured in the
# same run, in alternating rounds whose medians are compared; then a second `baton load` of the same plan (nothing
# to write: the delta check alone). The pipeline's `baton convert --to html` runs first (timed apart: the convert
# stage, not the load) and the load reuses its HTML; a load of a copy no convert ran on (every body converted by
# the load) is timed last, for comparison. Peak RSS of each. Rates count objects (rows of every table: communities,
# users, memberships, content, comments, tasks).
#
# usage: run_load_bench.sh BATON LOAD_FLOOR DATA_DIR SHARED_DIR
# environment: BATON_BENCH_LOAD_POSTS  posts of the generated WXR, default 31000 (about 100 k content items and comments to migrate)
#              BATON_BENCH_LOAD_ROUNDS rounds of (load, floor), alternating; their medians are compared; default 5
set -euo pipefail

if [[ $# -ne 4 ]]; then
    echo "usage: $0 BATON LOAD_FLOOR DATA_DIR SHARED_DIR" >&2
    exit 1
fi
baton=$1
floor=$2
data_dir=$3
generator=$4/tools/gen_wxr.py
posts=${BATON_BENCH_LOAD_POSTS:-31000}
rounds=${BATON_BENCH_LOAD_ROUNDS:-5}
if [[ ! -x /usr/bin/time ]]; then
    echo "run_load_bench.sh: /usr/bin/time not found; install the Debian package time" >&2
    exit 1
fi
mkdir -p "$data_dir"
generator_hash=$(sha256sum "$generator" | cut -c1-12)
wxr=$data_dir/load-wxr-$posts-$generator_hash.xml
workspace=$data_dir/load-bench-workspace-$posts-$generator_hash.db
target=$data_dir/load-bench-platform.db

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
    "$(awk '/MemTotal/ {printf "%.1f GB RAM", $2 / 1048576}' /proc/meminfo); load $(cut -d' ' -f1 /proc/loadavg)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "baton: source $(git -C "$(dirname "$0")" describe --always --dirty 2>/dev/null || echo unknown)"
if [[ ! -f $wxr ]]; then
    python3 "$generator" --posts "$posts" --out "$wxr.part"
    mv "$wxr.part" "$wxr"
fi
if [[ ! -f $workspace ]]; then
    rm -f "$workspace.part"*
    "$baton" extract "wxr:$wxr" --workspace "$workspace.part" --no-progress > /dev/null
    "$baton" plan --workspace "$workspace.part" --no-progress > /dev/null
    mv "$workspace.part" "$workspace"
fi
work=$data_dir/load-bench-run.db
rm -f "$target" "$target-wal" "$target-shm"
cp "$workspace" "$work"
rm -f "$work-wal" "$work-shm"
items=$(sqlite3 "$work" "SELECT count(*) FROM plan_placements WHERE action = 'migrate' AND plan_run = (SELECT max(run_id) FROM plans)")
echo "items to load: $items (content and comments); load $(cut -d' ' -f1 /proc/loadavg)"
unconverted=$data_dir/load-bench-unconverted.db
converted=$data_dir/load-bench-converted.db
cp "$work" "$unconverted"
# Every timed step starts with nothing of the step before still being written back to the disk (the copies, the
# convert's hundreds of MB): otherwise a step's fsyncs queue behind the previous step's writeback.
sync
/usr/bin/time -f '%e %M' -o "$data_dir/convert-bench.time" \
    "$baton" convert --to html --workspace "$work" --no-progress --redirects '' > /dev/null
read -r convert_seconds convert_rss < "$data_dir/convert-bench.time"
cp "$work" "$converted"

# Rounds of (load into an empty target, the floor of the rows it wrote), alternating, so that both see the same
# spells of a shared host; the medians are compared.
load_times=()
floor_times=()
load_rss=0
floor_rss=0
for round in $(seq "$rounds"); do
    cp "$converted" "$work"
    rm -f "$work-wal" "$work-shm" "$target" "$target-wal" "$target-shm"
    sync
    /usr/bin/time -f '%e %M' -o "$data_dir/load-bench.time" \
        "$baton" load --workspace "$work" --target "sqlite:$target" --no-progress > "$data_dir/load-bench.out"
    read -r seconds rss < "$data_dir/load-bench.time"
    load_times+=("$seconds")
    (( rss > load_rss )) && load_rss=$rss
    if (( round == 1 )); then
        cat "$data_dir/load-bench.out"
        objects=$(sqlite3 "$target" "SELECT (SELECT count(*) FROM communities) + (SELECT count(*) FROM users) + (SELECT count(*) FROM memberships) + (SELECT count(*) FROM content) + (SELECT count(*) FROM comments) + (SELECT count(*) FROM tasks)")
    fi
    sync
    /usr/bin/time -f '%e %M' -o "$data_dir/load-floor.time" "$floor" "$target" "$data_dir/load-floor.db" > "$data_dir/load-floor.out"
    read -r floor_rows seconds < "$data_dir/load-floor.out"
    read -r _ rss < "$data_dir/load-floor.time"
    floor_times+=("$seconds")
    (( rss > floor_rss )) && floor_rss=$rss
    echo "round $round: baton load ${load_times[-1]} s, floor $seconds s; load $(cut -d' ' -f1 /proc/loadavg)"
done
sync
/usr/bin/time -f '%e %M' -o "$data_dir/load-bench.time" \
    "$baton" load --workspace "$work" --target "sqlite:$target" --no-progress > /dev/null
read -r again_seconds again_rss < "$data_dir/load-bench.time"
rm -f "$target" "$target-wal" "$target-shm" "$converted"
sync
/usr/bin/time -f '%e %M' -o "$data_dir/load-bench.time" \
    "$baton" load --workspace "$unconverted" --target "sqlite:$target" --no-progress > /dev/null
read -r self_seconds self_rss < "$data_dir/load-bench.time"
rm -f "$unconverted" "$unconverted-wal" "$unconverted-shm"
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
load_seconds=$(median "${load_times[@]}")
floor_seconds=$(median "${floor_times[@]}")
rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f", n / s }'; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; }
echo
echo "baton load (empty target, median of $rounds):  $load_seconds s for $objects objects, $(rate "$objects" "$load_seconds") objects/s ($(rate "$items" "$load_seconds") items/s), peak RSS $(mb "$load_rss") MB"
echo "baton load (again, no-op):  $again_seconds s, $(rate "$objects" "$again_seconds") objects/s, peak RSS $(mb "$again_rss") MB"
echo "floor (prepared inserts, median of $rounds):   $floor_seconds s for $floor_rows rows, $(rate "$floor_rows" "$floor_seconds") objects/s, peak RSS $(mb "$floor_rss") MB"
echo "baton load, no convert first (every body converted by the load): $self_seconds s, $(rate "$objects" "$self_seconds") objects/s, peak RSS $(mb "$self_rss") MB"
echo "(baton convert --to html before the load, the convert stage: $convert_seconds s, peak RSS $(mb "$convert_rss") MB)"
for round in $(seq "$rounds"); do
    awk -v r="$round" -v l="${load_times[round - 1]}" -v f="${floor_times[round - 1]}" \
        'BEGIN { printf "round %d: baton load / floor %.0f %%\n", r, 100 * f / l }'
done
awk -v a="$(rate "$objects" "$load_seconds")" -v b="$(rate "$floor_rows" "$floor_seconds")" \
    'BEGIN { printf "baton load / floor (medians): %.0f %%\n", 100 * a / b }'
awk -v a="$(rate "$objects" "$self_seconds")" -v b="$(rate "$floor_rows" "$floor_seconds")" \
    'BEGIN { printf "baton load without convert first / floor: %.0f %%\n", 100 * a / b }'
