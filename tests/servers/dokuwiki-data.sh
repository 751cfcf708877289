#!/usr/bin/env bash
# Makes a real DokuWiki data folder for the extractor tests: Debian's dokuwiki package, its skeleton data
# folder copied into a state folder (nothing under /var/lib/dokuwiki is written), pages committed with the
# package's bin/dwpage.php as several users with summaries, and a media file uploaded through DokuWiki's own
# media_save(). Needs the packages that scripts/setup-debian.sh --tests installs.
#
#   dokuwiki-data.sh STATE_DIR    writes STATE_DIR/data (a fresh DokuWiki data folder)
set -euo pipefail
state=${1:?usage: dokuwiki-data.sh STATE_DIR}
dokuwiki=/usr/share/dokuwiki
skeleton=/var/lib/dokuwiki/data
[ -f "$dokuwiki/bin/dwpage.php" ] && [ -d "$skeleton/pages" ] ||
  { echo "dokuwiki-data.sh: Debian's dokuwiki is not installed" >&2; exit 1; }
command -v php >/dev/null || { echo "dokuwiki-data.sh: php-cli is not installed" >&2; exit 1; }
state=$(mkdir -p "$state" && cd "$state" && pwd)
rm -rf "$state/data" "$state/conf" "$state/work"
mkdir -p "$state/conf" "$state/work"
cp -r "$skeleton" "$state/data"
# The package's configuration, copied (links followed) so that this wiki reads and writes only the state folder.
cp -rL /etc/dokuwiki/. "$state/conf/"
echo "\$conf['savedir'] = '$state/data';" >>"$state/conf/local.php"
printf '<?php\nif (!defined("DOKU_CONF")) define("DOKU_CONF", "%s/conf/");\n' "$state" >"$state/prepend.php"
dokuwiki_php() { php -d auto_prepend_file="$state/prepend.php" "$@"; }

# commit USER SUMMARY PAGE [-t]: the text comes from standard input; an empty text deletes the page.
commit() {
  cat >"$state/work/page.txt"
  dokuwiki_php "$dokuwiki/bin/dwpage.php" --no-colors -u "$1" commit ${4:-} -m "$2" "$state/work/page.txt" "$3" >/dev/null
}
printf '====== Engineering ======\nThe engineering space.\n' | commit alice "first draft" engineering:start
printf '====== Engineering ======\nThe engineering space. See [[engineering:setup]].\n' |
  commit bob "link the setup page" engineering:start
printf '====== Engineering ======\nThe engineering space. See [[engineering:setup]]!\n' |
  commit alice "typo" engineering:start -t
printf '====== Setup ======\n  - get an account\n' | commit bob "setup notes" engineering:setup
printf '====== Policies ======\nLeave: 25 days.\n' | commit carol "leave policy" hr:policies
printf '====== Policies ======\nLeave: 25 days. Holidays: see the calendar.\n' | commit alice "holidays" hr:policies
printf 'Temporary notes.\n' | commit carol "temporary" hr:scratch
printf '' | commit carol "no longer needed" hr:scratch

# A media file uploaded by dave into engineering, as DokuWiki's media manager would.
printf 'GIF89a\001\000\001\000\200\000\000\000\000\000\377\377\377!\371\004\001\000\000\000\000,\000\000\000\000\001\000\001\000\000\002\002D\001\000;' \
  >"$state/work/diagram.gif"
cat >"$state/work/upload.php" <<'PHP'
<?php
// upload.php USER FILE MEDIA_ID: media_save() as the given user.
if (!defined('DOKU_INC')) define('DOKU_INC', '/usr/share/dokuwiki/');
define('NOSESSION', 1);
require_once(DOKU_INC . 'inc/init.php');
$_SERVER['REMOTE_USER'] = $argv[1];
$INPUT->server->set('REMOTE_USER', $argv[1]);
$result = media_save(['name' => $argv[2]], $argv[3], false, AUTH_UPLOAD, 'copy');
if (is_array($result)) { fwrite(STDERR, "upload failed: " . $result[0] . "\n"); exit(1); }
PHP
dokuwiki_php "$state/work/upload.php" dave "$state/work/diagram.gif" engineering:diagram.gif
