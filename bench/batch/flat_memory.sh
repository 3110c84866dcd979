#!/usr/bin/env bash
# Flat memory for any batch size (issue 17.2): folders of SMALL and BIG files (made by
# make_folder.py from SOURCE_DIR, by default the repository's samples/: small trackers of 12-55
# items in csv, tsv, xlsx, docx and html) converted into one standard workbook, one JSON file and
# one SQLite database with --jobs 2. Prints, for each size and output, wall seconds, files/s and
# the peak resident memory of the largest process (GNU time's %M: the batch's own process, which
# is the one that grows with the batch; each pool worker holds one file at a time), and the
# ratio of the big batch's files/s to the small one's.
#
#   bench/batch/flat_memory.sh [SOURCE_DIR] [BIG] [SMALL]     (defaults: samples/, 100000, 1000)
# Environment: BUILD (Release build dir, default build), WORK (default
# /tmp/trackport-bench-flat), JOBS (default 2), OUTPUTS (default "xlsx json sqlite").
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SOURCE=${1:-$ROOT/samples}
BIG=${2:-100000}
SMALL=${3:-1000}
BUILD=${BUILD:-$ROOT/build}
WORK=${WORK:-/tmp/trackport-bench-flat}
JOBS=${JOBS:-2}
read -r -a OUTPUTS <<<"${OUTPUTS:-xlsx json sqlite}"
mkdir -p "$WORK"
cmake --build "$BUILD" --target trackport -j"$(nproc)" >/dev/null

RESULTS="$WORK/results.txt"
: >"$RESULTS"
for n in "$SMALL" "$BIG"; do
  folder="$WORK/returns-$n"
  if [[ ! -f "$folder/.complete" ]]; then
    echo "making $n files in $folder ..." >&2
    rm -rf "$folder"
    python3 "$HERE/make_folder.py" "$SOURCE" "$folder" "$n"
    touch "$folder/.complete"
  fi
  for format in "${OUTPUTS[@]}"; do
    out="$WORK/all-$n.$format"
    rm -f "$out"
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$BUILD/trackport" convert "$folder" -o "$out" \
      --jobs "$JOBS" --quiet 2>"$WORK/err-$n-$format.txt" || true
    read -r seconds kb < <(tail -n 1 "$WORK/time")
    echo "$n $format $seconds $((kb / 1024)) $(stat -c %s "$out" 2>/dev/null || echo 0)" |
      tee -a "$RESULTS" >&2
  done
done

echo
printf "%-8s %-7s %9s %9s %9s %10s\n" files output seconds files/s "peak MB" "output MB"
awk -v small="$SMALL" '
  { rate = $1 / $3; printf "%-8d %-7s %9.1f %9.1f %9d %10.1f\n", $1, $2, $3, rate, $4, $5 / 1e6
    if ($1 == small) base[$2] = rate; else big[$2] = rate }
  END { for (f in big) if (base[f] > 0) printf "%s: %d files at %.2fx the files/s of %d\n", f, '"$BIG"', big[f] / base[f], small }
' "$RESULTS"
