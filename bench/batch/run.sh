#!/usr/bin/env bash
# Batch conversion speed: a folder of N mixed files (made by make_folder.py from SOURCE_DIR, e.g.
# the shared test corpus) converted into one workbook with --jobs 1 and --jobs 2, and a sample of
# the same files converted by LibreOffice headless (soffice --convert-to xlsx), the tool a council
# would otherwise script. Prints files/s, MB/s, peak memory and the ratio to LibreOffice.
#
#   bench/batch/run.sh SOURCE_DIR [N] [LIBREOFFICE_SAMPLE]      (defaults: 2000 files, 40 for soffice)
# Environment: BUILD (Release build dir, default build), WORK (default /tmp/trackport-bench-batch).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SOURCE=${1:?usage: run.sh SOURCE_DIR [N] [LIBREOFFICE_SAMPLE]}
N=${2:-2000}
SAMPLE=${3:-40}
BUILD=${BUILD:-$ROOT/build}
WORK=${WORK:-/tmp/trackport-bench-batch}
FOLDER="$WORK/returns-$N"

if [[ ! -d "$FOLDER" ]]; then
  echo "making $N files in $FOLDER ..." >&2
  python3 "$HERE/make_folder.py" "$SOURCE" "$FOLDER" "$N"
fi
cmake --build "$BUILD" --target trackport -j"$(nproc)" >/dev/null
BYTES=$(du -sb "$FOLDER" | cut -f1)
FILES=$(find "$FOLDER" -type f | wc -l)

# measure NAME COMMAND...: wall seconds and peak RSS (MB) from GNU time
measure() {
  local name=$1
  shift
  /usr/bin/time -f "%e %M" -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || true
  read -r seconds kb < <(tail -n 1 "$WORK/$name.time")
  echo "$name $seconds $((kb / 1024))"
}

RESULTS="$WORK/results.txt"
: >"$RESULTS"
for jobs in 1 2; do
  measure "trackport-jobs$jobs" "$BUILD/trackport" convert "$FOLDER" -o "$WORK/all-$jobs.xlsx" \
    --jobs "$jobs" --quiet | tee -a "$RESULTS" >&2
done

if command -v soffice >/dev/null; then
  mkdir -p "$WORK/soffice-in" "$WORK/soffice-out"
  find "$FOLDER" -type f | sort | head -n "$SAMPLE" | xargs -I{} cp {} "$WORK/soffice-in/" || true
  SAMPLE_FILES=$(ls "$WORK/soffice-in" | wc -l)
  measure soffice soffice --headless --convert-to xlsx --outdir "$WORK/soffice-out" \
    "$WORK"/soffice-in/* | tee -a "$RESULTS" >&2
else
  SAMPLE_FILES=0
  echo "soffice not installed (apt-get install libreoffice-calc-nogui libreoffice-writer-nogui): LibreOffice left out" >&2
fi

echo
echo "folder: $FILES files, $((BYTES / 1048576)) MB"
awk -v files="$FILES" -v bytes="$BYTES" -v sample="$SAMPLE_FILES" '
  $1 == "soffice" { rate = sample / $2; printf "%-18s %8.2f s for %d files  %7.1f files/s  peak %5d MB\n", $1, $2, sample, rate, $3; lo = rate; next }
  { rate = files / $2; printf "%-18s %8.2f s            %7.1f files/s  %6.1f MB/s  peak %5d MB\n", $1, $2, rate, bytes / 1048576 / $2, $3; best = rate > best ? rate : best }
  END { if (lo > 0) printf "trackport (best) is %.0fx the files/s of LibreOffice\n", best / lo }
' "$RESULTS"
