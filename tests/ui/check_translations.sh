#!/bin/bash
# Fails when resources/translations/*.ts is not what scripts/update-translations.sh makes of the
# sources (a tr() string added or removed since) or when lrelease reports an unfinished entry.
# Usage: tests/ui/check_translations.sh SOURCE_DIR
set -euo pipefail
cd "$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for ts in resources/translations/kdworkbench_*.ts; do
  cp "$ts" "$work/current.ts"
  /usr/lib/qt6/bin/lupdate -silent -locations none -no-obsolete -extensions cpp,h ui/src \
    app/workbench -ts "$work/current.ts"
  if ! diff -u "$ts" "$work/current.ts" >"$work/diff"; then
    echo "$ts is out of date with the sources: run scripts/update-translations.sh and translate"
    grep -m 20 '^[-+] *<source>' "$work/diff" || true
    status=1
  fi
  report=$(/usr/lib/qt6/bin/lrelease "$work/current.ts" -qm "$work/current.qm")
  echo "$ts: $(echo "$report" | grep Generated)"
  if ! echo "$report" | grep -q ' 0 unfinished'; then
    echo "$ts has unfinished translations"
    status=1
  fi
done
exit $status
