#!/usr/bin/env bash
# Conversion throughput next to pandoc, in the same run: generated wikitext and Office HTML (100 MB each, cached)
# converted wikitext -> HTML, wikitext -> Markdown and Office HTML -> Markdown by convert_bench on every core,
# and by Debian's pandoc on a sample of the same documents (pandoc converts about 50 KB/s of wikitext: 100 MB
# would take over half an hour per direction). Also baton with one thread on the whole input (what the pool
# gains), and baton's peak RSS on the sample (it must not grow with the input: compare with the 100 MB run).
#
# usage: run_convert_bench.sh CONVERT_BENCH DATA_DIR
# environment: BATON_BENCH_CONVERT_MB  input size, default 100
#              BATON_BENCH_PANDOC_MB   pandoc's sample, default 1 (the first documents of the input)
set -euo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: $0 CONVERT_BENCH DATA_DIR" >&2
    exit 1
fi
bench=$1
data_dir=$2
size_mb=${BATON_BENCH_CONVERT_MB:-100}
sample_mb=${BATON_BENCH_PANDOC_MB:-1}
generator=$(dirname "$0")/gen_convert_inputs.py
command -v pandoc >/dev/null || { echo "run_convert_bench.sh: pandoc not found (scripts/setup-debian.sh --bench)" >&2; exit 1; }
[[ -x /usr/bin/time ]] || { echo "run_convert_bench.sh: /usr/bin/time not found (Debian package time)" >&2; exit 1; }
mkdir -p "$data_dir"
generator_hash=$(sha256sum "$generator" | cut -c1-12)

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
    "$(awk '/MemTotal/ {printf "%.1f GB RAM", $2 / 1048576}' /proc/meminfo)"
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "source: $(git -C "$(dirname "$0")" describe --always --dirty 2>/dev/null || echo unknown); $(pandoc --version | head -n1)"

# input KIND: the generated file of size_mb, made once per generator version.
input() {
    local file=$data_dir/convert-$1-${size_mb}mb-$generator_hash.txt
    if [[ ! -f $file ]]; then
        python3 "$generator" --kind "$1" --mb "$size_mb" --out "$file.part" >&2
        mv "$file.part" "$file"
    fi
    echo "$file"
}

# sample FILE OUT_BATON OUT_PANDOC: the first whole documents of FILE up to sample_mb; for baton with the
# form-feed separators, for pandoc as one document (separators dropped).
sample() {
    awk -v limit=$((sample_mb * 1048576)) '{ bytes += length($0) + 1; print } $0 == "\f" && bytes >= limit { exit }' \
        "$1" >"$2"
    grep -v -x $'\f' "$2" >"$3"
}

# seconds and peak RSS (MB) of a command, from /usr/bin/time.
timed() {
    /usr/bin/time -f "%e %M" -o "$data_dir/time.out" "$@" >/dev/null
    awk '{ printf "%s %.1f", $1, $2 / 1024 }' "$data_dir/time.out"
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

echo
echo "| conversion | input | baton, $(nproc) threads | baton RSS | baton, 1 thread | baton RSS on the sample | pandoc on the sample | pandoc RSS | baton / pandoc |"
echo "|---|---|---|---|---|---|---|---|---|"
for row in "wikitext mediawiki html mediawiki html" "wikitext mediawiki markdown mediawiki gfm" \
           "office html markdown html gfm"; do
    read -r kind reader writer pandoc_from pandoc_to <<<"$row"
    file=$(input "$kind")
    sample "$file" "$data_dir/sample-$kind.baton" "$data_dir/sample-$kind.pandoc"
    sample_bytes=$(stat -c %s "$data_dir/sample-$kind.pandoc")
    full=$("$bench" "$reader" "$writer" 0 "$file")
    single=$("$bench" "$reader" "$writer" 1 "$file")
    small=$("$bench" "$reader" "$writer" 0 "$data_dir/sample-$kind.baton")
    read -r pandoc_seconds pandoc_rss <<<"$(timed pandoc -f "$pandoc_from" -t "$pandoc_to" "$data_dir/sample-$kind.pandoc")"
    pandoc_rate=$(awk -v b="$sample_bytes" -v s="$pandoc_seconds" 'BEGIN { printf "%.3f", b / 1048576 / s }')
    full_rate=$(field mb_per_s <<<"$full")
    ratio=$(awk -v a="$full_rate" -v b="$pandoc_rate" 'BEGIN { printf "%.0f", a / b }')
    printf '| %s -> %s | %s MB, %s documents | %s MB/s (%s s) | %s MB | %s MB/s | %s MB | %s MB/s (%.2f MB in %s s) | %s MB | %sx |\n' \
        "$kind" "$writer" "$(field input_mb <<<"$full")" "$(field documents <<<"$full")" "$full_rate" \
        "$(field seconds <<<"$full")" "$(field peak_rss_mb <<<"$full")" "$(field mb_per_s <<<"$single")" \
        "$(field peak_rss_mb <<<"$small")" "$pandoc_rate" "$(awk -v b="$sample_bytes" 'BEGIN { print b / 1048576 }')" \
        "$pandoc_seconds" "$pandoc_rss" "$ratio"
done
