#!/usr/bin/env bash
# Times the exporters (JSON, JSON Lines, CSV, the standard workbook) writing N synthetic items
# (export_bench.cpp) against the Release libraries, and prints a table: user and system CPU
# seconds of the write, wall seconds, output size and MB/s (output bytes per user CPU second).
#
#   bench/export/run.sh [N] [FORMAT...]     (N defaults to 200000; formats: json jsonl csv xlsx)
#
# Environment:
#   BUILD   Release build dir (default build-bench-release); only the exporter libraries are built
#   WORK    scratch dir for the driver and the output files (default /tmp/trackport-bench-export)
#   REPEAT  runs per format; the table shows the lowest user time (default 1)
#   BASE    a git revision (e.g. HEAD) to time side by side: its tree is exported with
#           `git archive` into WORK and built there, the working tree is left alone; the table
#           then also says whether each output is byte for byte the same as BASE's
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
ITEMS=${1:-200000}
shift || true
FORMATS=("$@")
[[ ${#FORMATS[@]} -eq 0 ]] && FORMATS=(json jsonl csv xlsx)
BUILD=${BUILD:-$ROOT/build-bench-release}
WORK=${WORK:-/tmp/trackport-bench-export}
REPEAT=${REPEAT:-1}
mkdir -p "$WORK"

# build_driver SOURCE_ROOT BUILD_DIR OUTPUT: the exporter libraries (Release, one job, as the
# machine is shared) and the driver linked against them.
build_driver() {
  local source=$1 build=$2 output=$3
  cmake -S "$source" -B "$build" -DCMAKE_BUILD_TYPE=Release -DTRACKPORT_SANITIZE=OFF \
    -DTRACKPORT_TESTS=OFF >/dev/null
  cmake --build "$build" -j1 --target trackport_exporters >/dev/null
  # Same optimisation as CMake's Release build. The registry library first, then every
  # exporter library it lists (whatever formats the tree has), then the model.
  g++ -O3 -DNDEBUG -std=c++20 -I"$source/src" "$HERE/export_bench.cpp" \
    "$build/libtrackport_exporters.a" "$build"/libtrackport_exporter_*.a \
    "$build/libtrackport_model.a" "$build/libtrackport_compare.a" "$build/libtrackport_io.a" \
    $(pkg-config --libs xlsxwriter libxml-2.0 sqlite3 libzip) -lcrypto \
    -o "$output"
}

# measure DRIVER NAME: REPEAT runs of every format; keeps each format's run with the least user
# time in WORK/NAME.txt as "format user system wall bytes".
measure() {
  local driver=$1 name=$2
  : >"$WORK/$name.all"
  for ((run = 0; run < REPEAT; ++run)); do
    "$driver" "$ITEMS" "$WORK/out-$name" "${FORMATS[@]}" >>"$WORK/$name.all"
  done
  sort -k1,1 -k2,2g "$WORK/$name.all" | awk '!seen[$1]++' >"$WORK/$name.txt"
}

# same_output FORMAT: whether the current tree wrote what BASE wrote (for xlsx, the same parts
# but docProps/core.xml, which holds the time of writing).
same_output() {
  local format=$1 current="$WORK/out-current/bench.$1" base="$WORK/out-base/bench.$1"
  if [[ $format == xlsx ]]; then
    rm -rf "$WORK/parts-current" "$WORK/parts-base"
    unzip -qo "$current" -d "$WORK/parts-current" && unzip -qo "$base" -d "$WORK/parts-base" &&
      diff -rq -x core.xml "$WORK/parts-current" "$WORK/parts-base" >/dev/null
  else
    cmp -s "$current" "$base"
  fi
}

echo "building the driver against $BUILD ..." >&2
build_driver "$ROOT" "$BUILD" "$WORK/export_bench"
measure "$WORK/export_bench" current
# libxlsxwriter alone writing the workbook's cells for the same items (lxw_same_cells.c): the
# floor of the xlsx row, and the ratio to it.
if [[ " ${FORMATS[*]} " == *" xlsx "* ]]; then
  cc -O2 "$HERE/lxw_same_cells.c" $(pkg-config --cflags --libs xlsxwriter) -o "$WORK/lxw_same_cells"
  : >"$WORK/lxw.all"
  for ((run = 0; run < REPEAT; ++run)); do
    "$WORK/lxw_same_cells" "$ITEMS" "$WORK/lxw.xlsx" >>"$WORK/lxw.all"
  done
  sort -k2,2g "$WORK/lxw.all" | head -n 1 >"$WORK/lxw.txt"
fi

if [[ -n "${BASE:-}" ]]; then
  echo "building $BASE from git archive into $WORK/base ..." >&2
  commit=$(git -C "$ROOT" rev-parse "$BASE^{commit}")
  # Extracted again only when BASE names another commit, so its build stays incremental.
  if [[ "$(cat "$WORK/base-src/.commit" 2>/dev/null)" != "$commit" ]]; then
    rm -rf "$WORK/base-src"
    mkdir -p "$WORK/base-src"
    git -C "$ROOT" archive "$commit" | tar -x -C "$WORK/base-src"
    echo "$commit" >"$WORK/base-src/.commit"
  fi
  build_driver "$WORK/base-src" "$WORK/base-build" "$WORK/export_bench-base"
  measure "$WORK/export_bench-base" base
fi

echo
echo "$ITEMS items, best of $REPEAT run(s); MB/s = output MB per user CPU second"
printf "%-6s %9s %9s %9s %9s %9s" format "user s" "sys s" "wall s" "MB" "MB/s"
[[ -n "${BASE:-}" ]] && printf " %11s %8s  %s" "$BASE user s" speedup "output"
echo
for format in "${FORMATS[@]}"; do
  read -r _ user system wall bytes < <(grep "^$format " "$WORK/current.txt")
  printf "%-6s %9.3f %9.3f %9.3f %9.1f %9.1f" "$format" "$user" "$system" "$wall" \
    "$(bc -l <<<"$bytes / 1000000")" "$(bc -l <<<"$bytes / 1000000 / ($user + 0.0005)")"
  if [[ -n "${BASE:-}" ]]; then
    read -r _ base_user _ _ _ < <(grep "^$format " "$WORK/base.txt")
    printf " %11.3f %7.1fx" "$base_user" "$(bc -l <<<"$base_user / ($user + 0.0005)")"
    if same_output "$format"; then printf "  same as %s" "$BASE"; else printf "  DIFFERS"; fi
  fi
  echo
done
if [[ -s "$WORK/lxw.txt" ]]; then
  read -r _ user system wall bytes <"$WORK/lxw.txt"
  read -r _ xlsx_user _ < <(grep "^xlsx " "$WORK/current.txt")
  printf "%-6s %9.3f %9.3f %9.3f %9.1f   (libxlsxwriter alone, the same cells; xlsx is %.2fx its user time)\n" \
    lxw "$user" "$system" "$wall" "$(bc -l <<<"$bytes / 1000000")" "$(bc -l <<<"$xlsx_user / $user")"
fi
rm -rf "$WORK/out-current" "$WORK/out-base" "$WORK/parts-current" "$WORK/parts-base"
