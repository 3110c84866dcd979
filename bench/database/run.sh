#!/usr/bin/env bash
# Database outputs side by side: a folder of N small files (made by ../batch/make_folder.py from
# SOURCE_DIR, e.g. samples/) converted into a new SQLite file and into a new PostgreSQL database,
# at --jobs 1 and --jobs 2, and into PostgreSQL by 4 shard processes at once (--shard K/4 --jobs 1),
# ROUNDS times each, interleaved. Prints the median files/s (wall), the trackport process's CPU
# seconds and peak RSS, and the server's CPU seconds. The PostgreSQL server is a throwaway one
# started here in WORK (as `nobody` when run by root) on a free port, and stopped at the end.
#
#   bench/database/run.sh SOURCE_DIR [N] [ROUNDS]          (defaults: 1000 files, 3 rounds)
# Environment: BUILD (Release build dir, default build), WORK (default /tmp/trackport-bench-db),
# PG_BIN (default: the newest /usr/lib/postgresql/*/bin). Needs Debian's postgresql and GNU time.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SOURCE=${1:?usage: run.sh SOURCE_DIR [N] [ROUNDS]}
N=${2:-1000}
ROUNDS=${3:-3}
BUILD=${BUILD:-$ROOT/build}
WORK=${WORK:-/tmp/trackport-bench-db}
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)}
FOLDER="$WORK/returns-$N"
TRACKPORT="$BUILD/trackport"

mkdir -p "$WORK"
if [[ ! -d "$FOLDER" ]]; then
  echo "making $N files in $FOLDER ..." >&2
  python3 "$ROOT/bench/batch/make_folder.py" "$SOURCE" "$FOLDER" "$N"
fi
cmake --build "$BUILD" --target trackport -j"$(nproc)" >/dev/null
FILES=$(find "$FOLDER" -type f | wc -l)

# The server: PostgreSQL refuses to run as root.
PGDIR="$WORK/pg"
rm -rf "$PGDIR"
mkdir -p "$PGDIR"
as_postgres() { "$@"; }
if [[ $(id -u) -eq 0 ]]; then
  chown nobody:nogroup "$PGDIR"
  as_postgres() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"; }
fi
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_postgres "$PG_BIN/initdb" -D "$PGDIR/data" -U postgres -E UTF8 --no-locale --auth-local=trust \
  >"$PGDIR/initdb.log"
# Durable commits, as a real server has them (fsync on, synchronous_commit on).
as_postgres "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" -w \
  -o "-p $PORT -k $PGDIR -c listen_addresses=''" start >/dev/null
trap 'as_postgres "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null' EXIT
admin() { psql -q -X -h "$PGDIR" -p "$PORT" -U postgres -d postgres "$@"; }
uri() { echo "postgresql:///$1?host=$PGDIR&port=$PORT&user=postgres"; }
POSTMASTER=$(head -n 1 "$PGDIR/data/postmaster.pid")
# The server's CPU seconds so far: the postmaster's and its ended backends' (utime stime cutime
# cstime of /proc/PID/stat).
server_cpu() {
  awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15 + $16 + $17) / hz }' "/proc/$POSTMASTER/stat"
}

RESULTS="$WORK/results.txt"
: >"$RESULTS"
# run NAME COMMAND...: one line "NAME wall cpu peak_mb server_cpu" in RESULTS
run() {
  local name=$1
  shift
  local before after
  before=$(server_cpu)
  /usr/bin/time -f "%e %U %S %M" -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" ||
    echo "$name: exit $? (see $WORK/$name.err)" >&2
  sleep 0.5 # the backends' CPU is counted once the postmaster has reaped them
  after=$(server_cpu)
  read -r wall user sys kb < <(tail -n 1 "$WORK/$name.time")
  echo "$name $wall $(echo "$user + $sys" | bc) $((kb / 1024)) $(echo "$after - $before" | bc)" |
    tee -a "$RESULTS" >&2
}

shards() {
  local database=$1 pids=() k
  for k in 1 2 3 4; do
    "$TRACKPORT" convert "$FOLDER" -o "$(uri "$database")" --quiet --jobs 1 --shard "$k/4" &
    pids+=($!)
  done
  for k in "${pids[@]}"; do wait "$k"; done
}

for round in $(seq 1 "$ROUNDS"); do
  for jobs in 1 2; do
    rm -f "$WORK/db-$jobs.sqlite"
    run "sqlite-jobs$jobs" "$TRACKPORT" convert "$FOLDER" -o "$WORK/db-$jobs.sqlite" --quiet --jobs "$jobs"
    admin -c "DROP DATABASE IF EXISTS bench_$jobs" -c "CREATE DATABASE bench_$jobs"
    run "postgresql-jobs$jobs" "$TRACKPORT" convert "$FOLDER" -o "$(uri "bench_$jobs")" --quiet --jobs "$jobs"
  done
  admin -c "DROP DATABASE IF EXISTS bench_shards" -c "CREATE DATABASE bench_shards"
  export -f shards uri
  export TRACKPORT FOLDER PGDIR PORT
  run "postgresql-4-shards" bash -c 'shards bench_shards'
done
STORED=$(psql -X -At -h "$PGDIR" -p "$PORT" -U postgres -d bench_shards -c "SELECT count(*) FROM documents")

echo
echo "folder: $FILES files, $(du -sm "$FOLDER" | cut -f1) MB; the 4 shards stored $STORED documents"
echo "medians of $ROUNDS rounds   files/s  wall s  trackport CPU s  peak MB  server CPU s"
for name in sqlite-jobs1 postgresql-jobs1 sqlite-jobs2 postgresql-jobs2 postgresql-4-shards; do
  grep "^$name " "$RESULTS" | sort -k2 -n | awk -v files="$FILES" -v name="$name" '
    { wall[NR] = $2; cpu[NR] = $3; mb[NR] = $4; server[NR] = $5 }
    END { m = int((NR + 1) / 2)
          printf "%-26s %7.1f %7.1f %16.1f %8d %13.1f\n", name, files / wall[m], wall[m], cpu[m], mb[m], server[m] }'
done
