#!/usr/bin/env bash
# Generates WXR exports of about 10 MB and 1 GB (cached between runs) and runs wxr_extract_bench on each.
#
# usage: run_wxr_bench.sh BENCH_PROGRAM BATON PARSE_ONLY DATA_DIR SHARED_DIR [XMLLINT]
# environment: BATON_BENCH_POSTS  posts per input, default "1300 135000" (gen_wxr.py: ~7.6 KB per post)
#              BATON_BENCH_RUNS   runs per tool and input, default 5 below 100 MB and 3 above
set -euo pipefail

if [[ $# -lt 5 || $# -gt 6 ]]; then
    echo "usage: $0 BENCH_PROGRAM BATON PARSE_ONLY DATA_DIR SHARED_DIR [XMLLINT]" >&2
    exit 1
fi
bench=$1
baton=$2
parse_only=$3
data_dir=$4
generator=$5/tools/gen_wxr.py
xmllint=${6:-xmllint}
posts_list=${BATON_BENCH_POSTS:-1300 135000}

if [[ ! -x $xmllint ]] && ! command -v "$xmllint" > /dev/null; then
    echo "run_wxr_bench.sh: xmllint not found (\"$xmllint\"); install libxml2-utils" >&2
    exit 1
fi
if [[ ! -f $generator ]]; then
    echo "run_wxr_bench.sh: no generator at $generator; set BATON_SHARED_DIR to the shared folder" >&2
    exit 1
fi
mkdir -p "$data_dir"

# The generator's hash is part of each file name, so a changed generator never reuses stale inputs.
generator_hash=$(sha256sum "$generator" | cut -c1-12)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
    "$(awk '/MemTotal/ {printf "%.1f GB RAM", $2 / 1048576}' /proc/meminfo)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "baton: $("$baton" --version 2>&1 | head -n1)," \
    "source $(git -C "$(dirname "$0")" describe --always --dirty 2>/dev/null || echo unknown)"
echo "xmllint: $("$xmllint" --version 2>&1 | head -n1)"

for posts in $posts_list; do
    input=$data_dir/wxr-posts$posts-$generator_hash.xml
    if [[ ! -f $input ]]; then
        echo "generating $input ..."
        python3 "$generator" --posts "$posts" --out "$input.part"
        mv "$input.part" "$input"
    fi
    # Short runs are noisier, so small inputs get more of them.
    runs=${BATON_BENCH_RUNS:-$(( $(stat -c %s "$input") < 100000000 ? 5 : 3 ))}
    echo
    echo "== $posts posts =="
    "$bench" "$baton" "$input" "$data_dir/scratch" --runs "$runs" --xmllint "$xmllint" \
        --parse-only "$parse_only"
done
