#!/usr/bin/env bash
# Installs what baton needs to build (with --tests, to run its tests; with --fuzz, to build and run its
# fuzzers; with --bench, to run the benchmarks) on Debian 12, skipping packages already there.
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libxml2-dev libxml2-utils libbz2-dev zlib1g-dev libpoco-dev libsqlite3-dev libboost-program-options-dev libgtest-dev
  libjemalloc-dev
  sqlite3 python3 bzip2
)
for option in "$@"; do
  case "$option" in
    # The tests also make real dumps with Debian's MediaWiki (PHP, SQLite; no web server) and a real data
    # folder with Debian's DokuWiki (its bin/dwpage.php, run by php-cli).
    # The task list tests read calendars with python3-icalendar and send mail to a python3-aiosmtpd server.
    --tests) packages+=(mediawiki php-cli php-sqlite3 php-intl php-mbstring php-xml dokuwiki python3-icalendar python3-aiosmtpd)
      # The report's HTML5 check (tests/tools/check_html5.py): html5lib in strict mode and HTML Tidy.
      packages+=(python3-html5lib tidy)
      # The redirect map is served by real nginx and Apache (mod_rewrite) and fetched with curl.
      packages+=(nginx-light apache2 curl)
      # Our Markdown is rendered by cmark-gfm (the GFM reference) and compared with our HTML.
      packages+=(cmark-gfm)
      # The review portal's end-to-end test: a real headless Chromium, driven by playwright-core from npm
      # (Debian's npm only where no npm is there yet: a nodejs from elsewhere brings its own and conflicts).
      packages+=(chromium nodejs)
      command -v npm >/dev/null || packages+=(npm)
      # The Redmine target's tests run a real Redmine (SQLite, served by thin) on loopback.
      packages+=(redmine redmine-sqlite thin) ;;
    # The fuzzers: clang 14, whose -fsanitize=fuzzer runtime (libclang_rt.fuzzer) is in libclang-rt-14-dev.
    --fuzz) packages+=(clang-14 libclang-rt-14-dev) ;;
    # The benchmarks: the MediaWiki benchmark's peer, Debian's Perl dump parser.
    --bench) packages+=(libparse-mediawikidump-perl)
      # The review portal's load test (bench/run_portal_bench.sh).
      packages+=(wrk)
      # The conversion benchmark's peer: Debian's pandoc.
      packages+=(pandoc time) ;;
    *) echo "setup: unknown option $option (known: --tests, --fuzz, --bench)" >&2; exit 2 ;;
  esac
done

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages are installed"
  exit 0
fi

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "setup: need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  as_root=(sudo)
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "setup: done"
