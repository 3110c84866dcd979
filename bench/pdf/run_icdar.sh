#!/bin/sh
# Runs `trackport tables` over the ICDAR 2013 table competition set and scores it with the
# competition's adjacency measure.
#   bench/pdf/run_icdar.sh DATASET_DIR [OUT_DIR]
# DATASET_DIR holds the competition PDFs with their *-str.xml / *-reg.xml ground truth (searched
# recursively). Uses the Release build in BUILD_DIR (default: build), writes OUT_DIR/X.json for
# every X.pdf, then prints the scorer's summary and the time per page (whole process per file:
# start-up, reading, table rebuilding and writing JSON; one core).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${1:?usage: run_icdar.sh DATASET_DIR [OUT_DIR]}
out=${2:-/tmp/trackport-icdar}
build=${BUILD_DIR:-$root/build}
scorer=${SCORER:-$root/../shared/tools/score_icdar.py}

cmake --build "$build" --target trackport -j2 >/dev/null
rm -rf "$out" && mkdir -p "$out"
pages=0
start=$(date +%s.%N)
cpu_before=$(awk '{print $14 + $15 + $16 + $17}' /proc/$$/stat)
for pdf in $(find "$data" -name '*.pdf' | sort); do
  name=$(basename "$pdf" .pdf)
  "$build/trackport" tables "$pdf" -o "$out/$name.json" 2>>"$out/.stderr" || true
  n=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  pages=$((pages + ${n:-0}))
done
end=$(date +%s.%N)
python3 "$scorer" --truth-dir "$data" --out-dir "$out" | tail -9
awk -v s="$start" -v e="$end" -v p="$pages" 'BEGIN { printf "pages %d: %.1f ms a page (wall clock, one process per file, one core)\n", p, (e - s) * 1000 / p }'
