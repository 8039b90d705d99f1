#!/bin/bash
# Fails when resources/translations/*.ts is not what scripts/update-translations.sh makes of the
# sources (a tr() string or an engine pattern added or removed since) or when lrelease reports
# an entry unfinished or untranslated.
# Usage: tests/ui/check_translations.sh SOURCE_DIR
set -euo pipefail
cd "$1"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for ts in resources/translations/kdworkbench_*.ts; do
  cp "$ts" "$work/current.ts"
  scripts/update-translations.sh "$work/current.ts"
  if ! diff -u "$ts" "$work/current.ts" >"$work/diff"; then
    echo "$ts is out of date with the sources: run scripts/update-translations.sh and translate"
    grep -m 20 '^[-+] *<source>' "$work/diff" || true
    status=1
  fi
  report=$(/usr/lib/qt6/bin/lrelease "$work/current.ts" -qm "$work/current.qm")
  echo "$ts: $(echo "$report" | grep Generated)"
  # An entry never translated is "untranslated" to lrelease, not "unfinished".
  if ! echo "$report" | grep -q ' 0 unfinished' || echo "$report" | grep -q 'untranslated'; then
    echo "$ts has unfinished translations:"
    echo "$report" | grep -e unfinished -e untranslated
    status=1
  fi
done
exit $status
