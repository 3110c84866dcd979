#!/bin/sh
# Runs trackport's PDF importer over the ICDAR 2013 table competition set and scores it.
#   bench/pdf/run_icdar.sh DATASET_DIR [OUT_DIR]
# DATASET_DIR holds the competition PDFs with their *-str.xml / *-reg.xml ground truth (searched
# recursively). Builds the Release libraries in build-pdf-rel and the driver tables_json, writes
# OUT_DIR/X.json for every X.pdf, then prints the scorer's summary and the time per page.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${1:?usage: run_icdar.sh DATASET_DIR [OUT_DIR]}
out=${2:-/tmp/trackport-icdar}
build=${BUILD_DIR:-$root/build-pdf-rel}
scorer=${SCORER:-$root/../shared/tools/score_icdar.py}

[ -f "$build/CMakeCache.txt" ] || cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" --target trackport_importer_pdf trackport_model -j1 >/dev/null
g++ -std=c++20 -O2 -I"$root/src" "$here/tables_json.cpp" -o "$build/tables_json" \
  "$build/libtrackport_importer_pdf.a" "$build/libtrackport_grid.a" "$build/libtrackport_model.a" \
  $(pkg-config --cflags --libs poppler-cpp libxml-2.0)

rm -rf "$out" && mkdir -p "$out"
find "$data" -name '*.pdf' | sort > "$out/.files"
timing=$(xargs "$build/tables_json" "$out" < "$out/.files" 2>"$out/.stderr")
python3 "$scorer" --truth-dir "$data" --out-dir "$out" | tail -9
echo "$timing" | awk '{ printf "pages %d: %.1f ms a page wall clock, %.1f ms a page CPU (one core, importer only)\n", $1, $2 / $1, $3 / $1 }'
