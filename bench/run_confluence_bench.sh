#!/usr/bin/env bash
# Generates Confluence exports of about 20 MB and 200 MB (cached between runs) and extracts each, as a folder and
# as a .zip, printing wall time, throughput and peak RSS: memory must stay flat as the input grows.
#
# usage: run_confluence_bench.sh BATON DATA_DIR
# environment: BATON_BENCH_CONFLUENCE_MB  sizes of entities.xml in MB (10^6 bytes), default "20 200"
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 BATON DATA_DIR" >&2
    exit 1
fi
baton=$1
data_dir=$2
generator=$(dirname "$0")/gen_confluence.py
sizes=${BATON_BENCH_CONFLUENCE_MB:-20 200}
mkdir -p "$data_dir/scratch"
# The staging database (one temporary SQLite file per extract) goes beside the scratch workspace.
export TMPDIR=$data_dir/scratch

generator_hash=$(sha256sum "$generator" | cut -c1-12)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
    "$(awk '/MemTotal/ {printf "%.1f GB RAM", $2 / 1048576}' /proc/meminfo)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "baton: $("$baton" --version 2>&1 | head -n1)," \
    "source $(git -C "$(dirname "$0")" describe --always --dirty 2>/dev/null || echo unknown)"

# Runs one command; prints "seconds peak_rss_kb" of the child (wait4 through Python's resource module).
measure() {
    python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
result = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
elapsed = time.monotonic() - start
if result.returncode != 0:
    sys.stderr.write(result.stderr)
    sys.exit(result.returncode)
sys.stderr.write(result.stdout.strip().splitlines()[-1] + "\n")
print("%.2f %d" % (elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
PY
}

printf '\n%-34s %9s %8s %9s %9s %12s\n' "input" "MB" "items" "seconds" "MB/s" "peak RSS MB"
smallest_rss=0
largest_rss=0
for mb in $sizes; do
    export_dir=$data_dir/confluence-${mb}mb-$generator_hash
    if [[ ! -f $export_dir/entities.xml || ! -f $export_dir.zip ]]; then
        echo "generating $export_dir ..." >&2
        rm -rf "$export_dir.part" "$export_dir.zip"
        python3 "$generator" --megabytes "$mb" --out "$export_dir.part" --zip "$export_dir.zip.part" >&2
        mv "$export_dir.part" "$export_dir"
        mv "$export_dir.zip.part" "$export_dir.zip"
    fi
    input_mb=$(awk -v b="$(stat -c %s "$export_dir/entities.xml")" 'BEGIN {printf "%.1f", b / 1e6}')
    for input in "$export_dir" "$export_dir.zip"; do
        workspace=$data_dir/scratch/confluence-bench.db
        rm -f "$workspace"
        read -r seconds rss_kb < <(measure "$baton" extract "confluence:$input" --workspace "$workspace" --no-progress)
        items=$(sqlite3 "$workspace" "SELECT count(*) FROM items" 2>/dev/null || echo "?")
        rss_mb=$(awk -v k="$rss_kb" 'BEGIN {printf "%.1f", k * 1024 / 1e6}')
        printf '%-34s %9s %8s %9s %9s %12s\n' "$(basename "$input")" "$input_mb" "$items" "$seconds" \
            "$(awk -v m="$input_mb" -v s="$seconds" 'BEGIN {printf "%.1f", m / s}')" "$rss_mb"
        [[ $smallest_rss == 0 ]] && smallest_rss=$rss_kb
        largest_rss=$rss_kb
    done
    rm -f "$data_dir/scratch/confluence-bench.db"
done
echo
echo "peak RSS of the last run / the first: $(awk -v a="$largest_rss" -v b="$smallest_rss" 'BEGIN {printf "%.2f", a / b}')" \
    "(flat memory: close to 1 whatever the ratio of input sizes)"
