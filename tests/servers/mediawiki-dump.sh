#!/usr/bin/env bash
# Makes real MediaWiki dumps for the extractor tests: Debian's MediaWiki on SQLite, installed without a web
# server into a state folder, seeded with users, pages, revisions, a talk page, a category and an upload,
# then exported with maintenance/dumpBackup.php. Needs the packages that scripts/setup-debian.sh --tests installs.
#
#   mediawiki-dump.sh STATE_DIR    writes STATE_DIR/dump-full.xml (every revision, uploads embedded)
set -euo pipefail
state=${1:?usage: mediawiki-dump.sh STATE_DIR}
mediawiki=/usr/share/mediawiki
[ -f "$mediawiki/maintenance/install.php" ] || { echo "mediawiki-dump.sh: Debian's mediawiki is not installed" >&2; exit 1; }
mkdir -p "$state/data" "$state/images" "$state/seed"
conf=(--conf "$state/LocalSettings.php")

if [ ! -f "$state/LocalSettings.php" ]; then
  (cd "$mediawiki" && php maintenance/install.php --dbtype=sqlite --dbpath="$state/data" --dbname=intranet \
      --confpath="$state" --server=http://127.0.0.1 --scriptpath="" --lang=en \
      --pass='Admin-pass-123456' 'Intranet Wiki' Admin >"$state/install.log" 2>&1)
  {
    echo '$wgEnableUploads = true;'
    echo "\$wgUploadDirectory = \"$state/images\";"
  } >>"$state/LocalSettings.php"
fi

if [ ! -f "$state/.seeded" ]; then
  cd "$mediawiki"
  edit() { php maintenance/edit.php "${conf[@]}" -u "$1" -s "$2" "$3" >/dev/null; }
  php maintenance/createAndPromote.php "${conf[@]}" --force jdoe 'Jdoe-pass-123456' >/dev/null
  php maintenance/createAndPromote.php "${conf[@]}" --force --sysop asmith 'Asmith-pass-123456' >/dev/null
  printf "== Welcome ==\nThe engineering space. See [[Engineering/Onboarding]].\n[[Category:Engineering]]\n" \
    | edit jdoe "initial import" "Engineering/Home"
  printf "== Welcome ==\nSecond revision, by asmith.\n[[Category:Engineering]]\n" | edit asmith "update" "Engineering/Home"
  printf "# Read the handbook\n# Ask for accounts\n[[Category:Engineering]]\n" | edit asmith "checklist" "Engineering/Onboarding"
  printf "Is this page still current? --[[User:Jdoe|Jdoe]]\n" | edit jdoe "question" "Talk:Engineering/Home"
  printf "Pages of the engineering space.\n" | edit jdoe "category page" "Category:Engineering"
  printf 'GIF89a\001\000\001\000\200\000\000\000\000\000\377\377\377!\371\004\001\000\000\000\000,\000\000\000\000\001\000\001\000\000\002\002D\001\000;' \
    >"$state/seed/Diagram.gif"
  php maintenance/importImages.php "${conf[@]}" --user=jdoe --comment="legacy attachment" "$state/seed" >/dev/null
  touch "$state/.seeded"
fi

cd "$mediawiki"
php maintenance/dumpBackup.php "${conf[@]}" --full --uploads --include-files --quiet >"$state/dump-full.xml"
