#!/usr/bin/env bash
# Issue 17.2 at full size: 1,000 files made by make_folder.py from samples/, then 100,000 as 100
# copies of them made distinct in their bytes (make_distinct.py: each copy its own sha256, the same
# items), converted at each of JOBS into one PostgreSQL database (a throwaway server on a free
# port, run as nobody when run by root) and into one standard workbook. Prints wall s, user+sys
# CPU s, the largest process's peak RSS (GNU time's %M) and what the database holds; CPU s per
# document is the throughput figure that holds on a shared machine.
#
#   bench/batch/hundred_thousand.sh [WORK]      (default /tmp/trackport-bench-100k)
# Environment: BUILD (Release build dir, default build), OUTPUTS (default "postgresql xlsx"),
# JOBS (default "2"), SIZES (default "small big"). Two runs may share WORK: each has its own
# server and output names.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
WORK=${1:-/tmp/trackport-bench-100k}
BUILD=${BUILD:-$ROOT/build}
read -r -a OUTPUTS <<<"${OUTPUTS:-postgresql xlsx}"
read -r -a JOBS <<<"${JOBS:-2}"
read -r -a SIZES <<<"${SIZES:-small big}"
TRACKPORT="$BUILD/trackport"
mkdir -p "$WORK"
cd "$WORK"
if [[ ! -f big/.complete ]]; then
  rm -rf made small big
  python3 "$HERE/make_folder.py" "$ROOT/samples" made 1000
  mkdir small && find made -type f -exec cp {} small/ \;
  for i in $(seq -w 0 99); do mkdir -p "big/copy-$i" && cp small/* "big/copy-$i/"; done
  python3 "$HERE/make_distinct.py" big
  touch big/.complete
fi

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
PGDIR="$WORK/pg-$$"
rm -rf "$PGDIR" && mkdir -p "$PGDIR"
as_pg() { "$@"; }
if [[ $(id -u) == 0 ]]; then
  chown nobody:nogroup "$PGDIR"
  as_pg() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
fi
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres -E UTF8 --no-locale --auth-local=trust >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w -o "-k $PGDIR -p $PORT -h ''" start >/dev/null
trap 'as_pg "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null; rm -rf "$PGDIR"' EXIT
sql() { psql -X -At -h "$PGDIR" -p "$PORT" -U postgres -d "$1" -c "$2"; }

for n in "${SIZES[@]}"; do
  for jobs in "${JOBS[@]}"; do
    for output in "${OUTPUTS[@]}"; do
      run="$n-j$jobs-$output-$$"
      if [[ $output == postgresql ]]; then
        db="bench_${n}_j${jobs}"
        sql postgres "CREATE DATABASE $db" >/dev/null
        target="postgresql:///$db?host=$PGDIR&port=$PORT&user=postgres"
      else
        target="$WORK/all-$n-j$jobs-$$.$output" && rm -f "$target"
      fi
      rc=0
      /usr/bin/time -f "%e %U %S %M" -o "time-$run.txt" "$TRACKPORT" convert "$n/" -o "$target" \
        --jobs "$jobs" --quiet 2>"err-$run.txt" || rc=$?
      # The last line: GNU time puts "Command terminated by signal N" before it on a stopped run.
      read -r wall user sys kb < <(tail -n 1 "time-$run.txt")
      held=""
      [[ $output == postgresql ]] && held="documents=$(sql "$db" "SELECT count(*) FROM documents")"
      echo "$n jobs=$jobs $output rc=$rc wall=${wall}s cpu=$(echo "$user + $sys" | bc)s" \
        "peak=$((kb / 1024))MB $held"
      [[ $output == postgresql ]] || rm -f "$target"
    done
  done
done
