#!/usr/bin/env bash
# Configures and builds baton. BUILD_DIR (default build), BUILD_TYPE (default Release),
# SANITIZE=ON for AddressSanitizer + UndefinedBehaviorSanitizer; extra arguments name targets.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
cmake -S "$root" -B "$build_dir" -G Ninja \
  -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
  -DBATON_SANITIZE="${SANITIZE:-OFF}" >/dev/null
ninja -C "$build_dir" "$@"
