#!/bin/bash
# Brings resources/translations/*.ts up to date with the sources (every tr() in ui/ and
# app/workbench): new strings arrive unfinished, strings no longer in the code are dropped.
# Translate the unfinished ones with Qt Linguist (/usr/lib/qt6/bin/linguist, package
# qt6-tools-dev-tools) or in an editor; tst_translations fails while one is left, and the
# build compiles the .ts files into the window (lrelease, ui/CMakeLists.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
lupdate=${LUPDATE:-/usr/lib/qt6/bin/lupdate}
for ts in resources/translations/kdworkbench_*.ts; do
  "$lupdate" -locations none -no-obsolete -extensions cpp,h ui/src app/workbench -ts "$ts"
done
