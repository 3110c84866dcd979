#!/usr/bin/env bash
# Times reading a 200,000-row x 10-column workbook (about 80 MB of sheet XML) side by side:
#   floor      a bare libzip + pugixml loop that only walks the cells (floor.cpp): the floor
#   trackport  the xlsx importer reading the workbook into the grid (read_grid.cpp)
#   convert    the whole pipeline: trackport convert big.xlsx -o big.json
#   openpyxl   python3-openpyxl in read-only mode, every cell's value
#   sheetjs    SheetJS (npm xlsx) in node, the sheet to JSON
# and prints seconds, the ratio to the floor, and peak memory (max RSS).
#
#   bench/xlsx/run.sh [ROWS]        (ROWS defaults to 200000)
# Environment: BUILD (Release build dir, default build-bench-release), WORK (scratch dir,
# default /tmp/trackport-bench-xlsx), SKIP_SHEETJS=1 / SKIP_OPENPYXL=1 to leave those out,
# REPEAT (runs of each program, default 3; the fastest counts).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ROWS=${1:-200000}
BUILD=${BUILD:-$ROOT/build-bench-release}
WORK=${WORK:-/tmp/trackport-bench-xlsx}
REPEAT=${REPEAT:-3}
PYTHON=/usr/bin/python3  # Debian's, with python3-xlsxwriter and python3-openpyxl
mkdir -p "$WORK"
BIG="$WORK/big-$ROWS.xlsx"

if [[ ! -s "$BIG" ]]; then
  echo "generating $BIG ($ROWS rows) with python3-xlsxwriter ..." >&2
  "$PYTHON" "$HERE/make_big.py" "$BIG" "$ROWS"
fi
SHEET_XML=$(unzip -l "$BIG" xl/worksheets/sheet1.xml | awk 'NR==4 {print $1}')

echo "building the floor and the trackport driver (Release) ..." >&2
g++ -O2 -std=c++20 "$HERE/floor.cpp" -lzip -lpugixml -o "$WORK/floor"
cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DTRACKPORT_SANITIZE=OFF >/dev/null
cmake --build "$BUILD" --target trackport trackport_importer_xlsx trackport_importer_ods -j1 >/dev/null
g++ -O2 -std=c++20 -DTRACKPORT_WITH_ODS -I"$ROOT/src" "$HERE/read_grid.cpp" \
  "$BUILD/libtrackport_importer_xlsx.a" "$BUILD/libtrackport_importer_ods.a" \
  "$BUILD/libtrackport_ooxml.a" "$BUILD/libtrackport_grid.a" "$BUILD/libtrackport_io.a" \
  "$BUILD/libtrackport_importer_shared.a" "$BUILD/libtrackport_model.a" -lzip -lpugixml -lxml2 \
  -lcrypto -o "$WORK/read_grid"

cat > "$WORK/openpyxl_read.py" <<'PY'
import sys
from openpyxl import load_workbook
wb = load_workbook(sys.argv[1], read_only=True)
cells = sum(1 for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row)
print(cells, "cells", file=sys.stderr)
PY

if [[ -z "${SKIP_SHEETJS:-}" && ! -d "$WORK/sheetjs/node_modules/xlsx" ]] && command -v npm >/dev/null; then
  echo "installing SheetJS (npm xlsx) into $WORK/sheetjs ..." >&2
  mkdir -p "$WORK/sheetjs"
  (cd "$WORK/sheetjs" && npm install --silent --no-audit --no-fund xlsx >/dev/null 2>&1) ||
    echo "npm install xlsx failed; SheetJS left out" >&2
fi
cat > "$WORK/sheetjs/read.js" 2>/dev/null <<'JS' || true
const XLSX = require("xlsx");
const wb = XLSX.readFile(process.argv[2]);
let rows = 0;
for (const name of wb.SheetNames) rows += XLSX.utils.sheet_to_json(wb.Sheets[name], {header: 1}).length;
console.error(rows + " rows");
JS

# run NAME COMMAND...: prints "NAME seconds peak_MB", the least wall clock and the largest max
# RSS (GNU time) of REPEAT runs: a shared machine's noise only ever adds time.
run() {
  local name=$1
  shift
  local best="" peak=0
  for ((i = 0; i < REPEAT; i++)); do
    /usr/bin/time -f "TIME %e %M" "$@" >/dev/null 2>"$WORK/$name.err" || true
    local line
    line=$(grep '^TIME' "$WORK/$name.err" || true)
    if [[ -z "$line" ]]; then
      echo "$name failed: $(tail -1 "$WORK/$name.err")" >&2
      return
    fi
    read -r _ seconds kb <<<"$line"
    if [[ -z "$best" ]] || awk -v a="$seconds" -v b="$best" 'BEGIN { exit !(a < b) }'; then
      best=$seconds
    fi
    ((kb > peak)) && peak=$kb
  done
  echo "$name $(awk -v s="$best" -v k="$peak" 'BEGIN { printf "%.2f %.0f", s, k / 1024 }')"
}

RESULTS="$WORK/results.txt"
: >"$RESULTS"
run floor "$WORK/floor" "$BIG" | tee -a "$RESULTS" >&2
run trackport "$WORK/read_grid" "$BIG" | tee -a "$RESULTS" >&2
# The whole pipeline: read, map every row to an item, write JSON.
run convert "$BUILD/trackport" convert "$BIG" -o "$WORK/big.json" --quiet | tee -a "$RESULTS" >&2
[[ -z "${SKIP_OPENPYXL:-}" ]] && run openpyxl "$PYTHON" "$WORK/openpyxl_read.py" "$BIG" | tee -a "$RESULTS" >&2
if [[ -z "${SKIP_SHEETJS:-}" && -d "$WORK/sheetjs/node_modules/xlsx" ]]; then
  run sheetjs node "$WORK/sheetjs/read.js" "$BIG" | tee -a "$RESULTS" >&2
fi

echo
echo "workbook: $BIG ($(stat -c %s "$BIG") bytes, sheet XML $SHEET_XML bytes, $ROWS rows x 10 columns)"
awk -v xml="$SHEET_XML" '
  NR == 1 { floor = $2 }
  { printf "%-10s %7.2f s  %5.2fx floor  peak %5d MB  (%.1fx the sheet XML)\n", $1, $2, $2 / floor, $3, $3 * 1048576 / xml }
' "$RESULTS"
