#!/usr/bin/env bash
# Assembles the real-world workbooks bench/legacy/compare_with_openpyxl.py reads: the example and
# test workbooks other projects ship in Debian packages (fetched with `apt-get download`, never
# installed), most of them written by Excel itself:
#   r-cran-readxl                   readxl's example workbooks, each as .xls and .xlsx (Excel)
#   libspreadsheet-parseexcel-perl  Spreadsheet::ParseExcel's samples: Excel 95 and 97, 1904 dates,
#                                   rich text, Japanese (code page 932), number formats
#   python3-xlrd                    xlrd's names demo
#   r-cran-openxlsx                 openxlsx's test and example .xlsx files
# plus /work/shared/corpus (the project's scored corpus, when present) and the repository's own
# .xls/.xlsx fixtures.
# Usage: bench/legacy/fetch_corpus.sh [DIR]    (default build/legacy-corpus)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-build/legacy-corpus}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && apt-get download r-cran-readxl libspreadsheet-parseexcel-perl python3-xlrd \
  r-cran-openxlsx >/dev/null 2>&1)
for deb in "$work"/*.deb; do
  package="$(basename "$deb" | cut -d_ -f1)"
  mkdir -p "$work/x/$package"
  dpkg-deb -x "$deb" "$work/x/$package"
  find "$work/x/$package" -type f \( -iname '*.xls' -o -iname '*.xlsx' \) | while read -r f; do
    cp "$f" "$out/$package--$(basename "$f")"
  done
done
if [ -d /work/shared/corpus ]; then
  for f in /work/shared/corpus/*.xlsx; do cp "$f" "$out/shared--$(basename "$f")"; done
fi
# (truncated.xls and crashes-freexl.xls are damaged on purpose: left out.)
for f in $(git ls-files 'tests/fixtures/xls/*.xls' 'tests/fixtures/xlsx/*.xlsx' 'tests/fixtures/xlsx/*.xls' |
           grep -v -e truncated.xls -e crashes-freexl.xls); do
  cp "$f" "$out/trackport--$(basename "$f")"
done
ls "$out" | wc -l | xargs echo "workbooks in $out:"
