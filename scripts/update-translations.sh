#!/bin/bash
# Brings the window's translations up to date with the sources: every tr() in ui/ and
# app/workbench, and every pattern the engine says to the user (kd::Error and kd::Text in
# engine/, context "kd::EngineText"). New strings arrive unfinished, strings no longer in the
# code are dropped. Translate the unfinished ones with Qt Linguist (/usr/lib/qt6/bin/linguist,
# package qt6-tools-dev-tools) or in an editor; tst_translations fails while one is left, and the
# build compiles the .ts files into the window (lrelease, ui/CMakeLists.txt).
# Usage: scripts/update-translations.sh [TS_FILE...]   (default: resources/translations/*.ts)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
files=("$@")
[ ${#files[@]} -gt 0 ] || files=("$root"/resources/translations/kdworkbench_*.ts)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# lupdate reads kd::Error("...") and kd::Text("...") as QT_TR_NOOP; it complains that the
# classes they stand in are no QObjects (they need not be) and stumbles on some qualified
# names; what it collects is complete (every pattern is a literal right after "Error(" or
# "Text(").
"$lupdate" -silent -locations none -extensions cpp,h \
  -tr-function-alias QT_TR_NOOP+=Error,QT_TR_NOOP+=Text \
  "$root/engine/src" "$root/engine/include" -ts "$work/engine.ts" 2>&1 |
  { grep -v -e "lacks Q_OBJECT macro" -e "Qualifying with unknown namespace" || true; } >&2
python3 "$root/scripts/engine_texts.py" "$work/engine.ts" >"$work/engine_texts.cpp"

for ts in "${files[@]}"; do
  (cd "$root" && "$lupdate" -silent -locations none -no-obsolete -extensions cpp,h ui/src \
    app/workbench "$work/engine_texts.cpp" -ts "$ts")
done
