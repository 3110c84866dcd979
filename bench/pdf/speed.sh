#!/bin/sh
# Times `trackport tables` (one process a file) against poppler's `pdftotext -bbox-layout` over
# the same PDFs, interleaved in rounds so that a busy machine slows both alike; prints each
# round's milliseconds a page and the median ratio.
#   bench/pdf/speed.sh DATASET_DIR [ROUNDS]
# Needs poppler-utils (pdftotext, pdfinfo). Uses the Release build in BUILD_DIR (default: build).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
data=${1:?usage: speed.sh DATASET_DIR [ROUNDS]}
rounds=${2:-5}
build=${BUILD_DIR:-$root/build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
files=$(find "$data" -name '*.pdf' | sort)
pages=0
for pdf in $files; do
  n=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  pages=$((pages + ${n:-0}))
done
now() { date +%s%N; }
for round in $(seq "$rounds"); do
  t0=$(now)
  for pdf in $files; do pdftotext -bbox-layout "$pdf" "$tmp/out.html" 2>/dev/null || true; done
  t1=$(now)
  for pdf in $files; do "$build/trackport" tables "$pdf" -o "$tmp/out.json" 2>/dev/null || true; done
  t2=$(now)
  echo "$(( (t1 - t0) / 1000 )) $(( (t2 - t1) / 1000 ))"
done > "$tmp/rounds"
awk -v p="$pages" '{ printf "round %d: pdftotext %.1f ms a page, trackport %.1f ms a page (%.2fx)\n", NR, $1 / 1000 / p, $2 / 1000 / p, $2 / $1 }' "$tmp/rounds"
awk '{ print $2 / $1 }' "$tmp/rounds" | sort -g | awk -v p="$pages" '
  { r[NR] = $1 }
  END { m = (NR % 2) ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
        printf "pages %d, %d rounds: median ratio trackport / pdftotext = %.2fx\n", p, NR, m }'
