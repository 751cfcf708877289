#!/usr/bin/env bash
# Generates inputs of a source kind (cached between runs) and runs extract_bench on each size.
#
# usage: run_extract_bench.sh KIND BENCH_PROGRAM BATON PARSE_ONLY DATA_DIR SHARED_DIR [XMLLINT]
#   KIND wxr:       WordPress exports from SHARED_DIR/tools/gen_wxr.py --posts N
#                   BATON_BENCH_POSTS  posts per input, default "1300 135000" (~7.6 KB per post: 10 MB, 1 GB)
#   KIND mediawiki: MediaWiki dumps from SHARED_DIR/tools/gen_mediawiki.py --pages N, with Debian's Perl dump
#                   parser (Parse::MediaWikiDump, bench/mediawiki_peer.pl) as the peer
#                   BATON_BENCH_PAGES  pages per input, default "420 4300 43000" (~23 KB per page: 10 MB,
#                                      100 MB, 1 GB)
# environment: BATON_BENCH_RUNS  runs per tool and input, default 5 below 100 MB and 3 above
set -euo pipefail

if [[ $# -lt 6 || $# -gt 7 ]]; then
    echo "usage: $0 KIND BENCH_PROGRAM BATON PARSE_ONLY DATA_DIR SHARED_DIR [XMLLINT]" >&2
    exit 1
fi
kind=$1
bench=$2
baton=$3
parse_only=$4
data_dir=$5
shared_dir=$6
xmllint=${7:-xmllint}
here=$(cd "$(dirname "$0")" && pwd)

peer=()
case $kind in
    wxr)
        generator=$shared_dir/tools/gen_wxr.py
        size_option=--posts
        sizes=${BATON_BENCH_POSTS:-1300 135000}
        ;;
    mediawiki)
        generator=$shared_dir/tools/gen_mediawiki.py
        size_option=--pages
        sizes=${BATON_BENCH_PAGES:-420 4300 43000}
        if ! perl -MParse::MediaWikiDump -e 1 2> /dev/null; then
            echo "run_extract_bench.sh: Parse::MediaWikiDump not found; install libparse-mediawikidump-perl" >&2
            exit 1
        fi
        peer=(--peer "Perl Parse::MediaWikiDump" "perl $here/mediawiki_peer.pl")
        ;;
    *)
        echo "run_extract_bench.sh: no benchmark inputs for kind \"$kind\" (wxr, mediawiki)" >&2
        exit 1
        ;;
esac

if [[ ! -x $xmllint ]] && ! command -v "$xmllint" > /dev/null; then
    echo "run_extract_bench.sh: xmllint not found (\"$xmllint\"); install libxml2-utils" >&2
    exit 1
fi
if [[ ! -f $generator ]]; then
    echo "run_extract_bench.sh: no generator at $generator; set BATON_SHARED_DIR to the shared folder" >&2
    exit 1
fi
mkdir -p "$data_dir"

# The generator's hash is part of each file name, so a changed generator never reuses stale inputs.
generator_hash=$(sha256sum "$generator" | cut -c1-12)

echo "benchmark: baton extract $kind"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
    "$(awk '/MemTotal/ {printf "%.1f GB RAM", $2 / 1048576}' /proc/meminfo)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "baton: $("$baton" --version 2>&1 | head -n1)," \
    "source $(git -C "$here" describe --always --dirty 2>/dev/null || echo unknown)"
echo "xmllint: $("$xmllint" --version 2>&1 | head -n1)"

for size in $sizes; do
    input=$data_dir/$kind-${size_option#--}$size-$generator_hash.xml
    if [[ ! -f $input ]]; then
        echo "generating $input ..."
        python3 "$generator" "$size_option" "$size" --out "$input.part"
        mv "$input.part" "$input"
    fi
    # Short runs are noisier, so small inputs get more of them.
    runs=${BATON_BENCH_RUNS:-$(( $(stat -c %s "$input") < 100000000 ? 5 : 3 ))}
    echo
    echo "== $kind, ${size_option#--} $size =="
    "$bench" "$baton" "$input" "$data_dir/scratch" --kind "$kind" --runs "$runs" --xmllint "$xmllint" \
        --parse-only "$parse_only" "${peer[@]}"
done
