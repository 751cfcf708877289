#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang into build-fuzz and runs each one for a bounded time on a
# fresh copy of its seed corpus, two targets at a time (one per core; each gets its full time); fails when any
# target finds a crash, a sanitizer report, a leak or a timeout.
#
#   scripts/run-fuzzers.sh [SECONDS_EACH]    default 30; BUILD_DIR overrides build-fuzz
set -euo pipefail
seconds=${1:-30}
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || { echo "usage: run-fuzzers.sh [SECONDS_EACH]" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${BUILD_DIR:-$root/build-fuzz}"

bash "$root/scripts/setup-debian.sh" --fuzz
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Sanitize \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DBATON_FUZZ=ON -DBATON_BUILD_TESTS=OFF >/dev/null
ninja -C "$build" -j 2 baton_fuzzers

# The targets write each input to a scratch folder under TMPDIR: in memory (/dev/shm) when there is one, since
# on disk the file system, not baton, sets the pace; removed at the end whatever happens.
scratch=$(mktemp -d "$([ -d /dev/shm ] && [ -w /dev/shm ] && echo /dev/shm || echo "${TMPDIR:-/tmp}")/baton-fuzz.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
# One target: its corpus, its run, its verdict in $build/fuzz/NAME.verdict (ok or finding) and its summary lines
# in $build/fuzz/NAME.summary, printed in target order once all have run.
run_target() {
  local name=$1 manifest=$2
  local corpus="$build/fuzz/corpus/$name" findings="$build/fuzz/findings/$name" log="$build/fuzz/$name.log"
  local summary="$build/fuzz/$name.summary"
  rm -rf "$corpus" "$findings"
  mkdir -p "$corpus" "$findings"
  # Seed files are copied (folders: every file below them), so the fixtures are never written to; each copy is
  # named by a hash of its path, so seeds of the same name (every export's entities.xml) all stay.
  while IFS= read -r seed; do
    [ -n "$seed" ] || continue
    find "$seed" -type f -print0 | while IFS= read -r -d '' file; do
      cp "$file" "$corpus/$(printf '%s' "$file" | sha1sum | cut -c1-12)-$(basename "$file")"
    done
  done <"$manifest"
  echo "== fuzz $name: $seconds s on $(find "$corpus" -type f | wc -l) seeds" >"$summary"
  # -max_len: exports' structure fits in 32 KB; -timeout: one input may take 10 s; -rss_limit_mb: memory per input.
  local dictionary=()
  [ -f "$build/fuzz/$name.dict" ] && dictionary=(-dict="$build/fuzz/$name.dict")
  if "$build/fuzz/${name}_fuzz" "${dictionary[@]}" -max_total_time="$seconds" -max_len=32768 -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$findings/" "$corpus" >"$log" 2>&1; then
    { grep -E "^stat::number_of_executed_units|^stat::new_units_added" "$log" | tr '\n' ' ' || true; echo; } >>"$summary"
    echo ok >"$build/fuzz/$name.verdict"
  else
    { echo "fuzz $name: FINDING (inputs in $findings); the end of $log:"; tail -n 60 "$log"; } >>"$summary"
    echo finding >"$build/fuzz/$name.verdict"
  fi
}

names=()
running=0
for manifest in "$build"/fuzz/*.seeds; do
  name=$(basename "$manifest" .seeds)
  names+=("$name")
  rm -f "$build/fuzz/$name.verdict" "$build/fuzz/$name.summary"
  if [ "$running" -ge 2 ]; then
    wait -n || true
    running=$((running - 1))
  fi
  run_target "$name" "$manifest" &
  running=$((running + 1))
done
wait || true
failed=()
for name in "${names[@]}"; do
  cat "$build/fuzz/$name.summary" 2>/dev/null || echo "fuzz $name: no summary"
  [ "$(cat "$build/fuzz/$name.verdict" 2>/dev/null)" = ok ] || failed+=("$name")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzers with findings: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzers: no findings"
