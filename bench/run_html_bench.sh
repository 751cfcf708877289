#!/usr/bin/env bash
# Generates static HTML intranets of two sizes (cached between runs) and times `baton extract html:` on each:
# pages/s, MB/s of page bytes, and peak RSS, which must stay flat as the tree grows.
#
# usage: run_html_bench.sh BATON DATA_DIR
# environment: BATON_BENCH_HTML_PAGES  pages per tree, default "2000 200000" (gen_html_tree.py: ~5.5 KB per page)
#              BATON_BENCH_RUNS        runs per tree, default 3 below 100 MB of pages and 1 above
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 BATON DATA_DIR" >&2
    exit 1
fi
baton=$1
data_dir=$2
generator=$(dirname "$0")/gen_html_tree.py
pages_list=${BATON_BENCH_HTML_PAGES:-2000 200000}
if [[ ! -x /usr/bin/time ]]; then
    echo "run_html_bench.sh: /usr/bin/time not found; install the Debian package time" >&2
    exit 1
fi
mkdir -p "$data_dir"
# The generator's hash is part of each folder name, so a changed generator never reuses stale trees.
generator_hash=$(sha256sum "$generator" | cut -c1-12)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
    "$(awk '/MemTotal/ {printf "%.1f GB RAM", $2 / 1048576}' /proc/meminfo)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "baton: $("$baton" --version 2>&1 | head -n1)," \
    "source $(git -C "$(dirname "$0")" describe --always --dirty 2>/dev/null || echo unknown)"

for pages in $pages_list; do
    tree=$data_dir/html-pages$pages-$generator_hash
    if [[ ! -d $tree ]]; then
        echo "generating $tree ..."
        rm -rf "$tree.part"
        python3 "$generator" --pages "$pages" --out "$tree.part"
        mv "$tree.part" "$tree"
    fi
    page_bytes=$(find "$tree" -name '*.htm' -printf '%s\n' | awk '{ sum += $1 } END { print sum + 0 }')
    all_bytes=$(du -sb "$tree" | cut -f1)
    runs=${BATON_BENCH_RUNS:-$(( page_bytes < 100000000 ? 3 : 1 ))}
    # Read the tree once so every timed run reads it from the page cache.
    find "$tree" -type f -exec cat {} + > /dev/null
    echo
    echo "== $pages pages: $(awk -v b="$page_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB of pages," \
        "$(awk -v b="$all_bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB with linked files; load $(cut -d' ' -f1 /proc/loadavg) =="
    best=""
    peak=0
    for run in $(seq 1 "$runs"); do
        workspace=$data_dir/html-bench-workspace.db
        rm -rf "$workspace" "$workspace-wal" "$workspace-shm" "${workspace%.db}.files"
        /usr/bin/time -f '%e %M' -o "$data_dir/html-bench.time" \
            "$baton" extract "html:$tree" --workspace "$workspace" --no-progress > "$data_dir/html-bench.out"
        read -r seconds rss_kb < "$data_dir/html-bench.time"
        echo "run $run: ${seconds} s, peak RSS $(awk -v k="$rss_kb" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }') MB"
        if [[ -z $best ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then best=$seconds; fi
        if (( rss_kb > peak )); then peak=$rss_kb; fi
    done
    cat "$data_dir/html-bench.out"
    awk -v p="$pages" -v b="$page_bytes" -v s="$best" -v k="$peak" -v l="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
        if (s <= 0) s = 0.001
        printf "best of runs: %.2f s, %.0f pages/s, %.1f MB/s of pages; peak RSS %.1f MB; load after %s\n",
               s, p / s, b / 1e6 / s, k * 1024 / 1e6, l }'
done
