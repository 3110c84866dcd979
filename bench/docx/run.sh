#!/bin/sh
# Times the docx importer on a large Word report (bench/docx/make_big.py) beside pandoc reading
# the same document, and prints the ratio.
#
#   bench/docx/run.sh [BUILD_DIR]      (default build-bench-docx, a Release build)
#   COUNT_PAGES=1 bench/docx/run.sh    also prints the page count LibreOffice gives (slow)
#
# Needs python3-docx and pandoc (apt-get install -y python3-docx pandoc).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-bench-docx}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target trackport_importer_docx trackport_importer_html -j1 >/dev/null
c++ -std=c++20 -O2 -I"$root/src" "$root/bench/docx/read_grid.cpp" -o "$work/read_grid" \
  "$build/libtrackport_importer_docx.a" "$build/libtrackport_importer_html.a" \
  "$build/libtrackport_ooxml.a" "$build/libtrackport_grid.a" "$build/libtrackport_io.a" \
  "$build/libtrackport_importer_shared.a" "$build/libtrackport_model.a" \
  $(pkg-config --libs libzip libxml-2.0) -lpugixml -lcrypto

/usr/bin/python3 "$root/bench/docx/make_big.py" "$work/big.docx"
echo "big.docx: $(wc -c < "$work/big.docx") bytes"
if [ "${COUNT_PAGES:-0}" = 1 ]; then  # slow: LibreOffice lays the whole document out
  soffice -env:UserInstallation=file://"$work"/profile --headless --convert-to pdf \
    --outdir "$work" "$work/big.docx" >/dev/null 2>&1
  pdfinfo "$work/big.pdf" | grep Pages
fi

repeat=5
ours=$("$work/read_grid" --repeat "$repeat" "$work/big.docx" | sed 's/.*, \([0-9.]*\) s per read/\1/')
"$work/read_grid" "$work/big.docx"

start=$(date +%s.%N)
for _ in 1 2 3; do pandoc "$work/big.docx" -t json -o /dev/null; done
end=$(date +%s.%N)
theirs=$(echo "($end - $start) / 3" | bc -l)

printf 'trackport docx importer: %.3f s per read (mean of %d)\n' "$ours" "$repeat"
printf 'pandoc -t json:          %.3f s per read (mean of 3)\n' "$theirs"
printf 'ratio pandoc / trackport: %.1fx\n' "$(echo "$theirs / $ours" | bc -l)"
