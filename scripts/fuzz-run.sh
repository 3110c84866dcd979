#!/usr/bin/env bash
# Runs every fuzz target (built by `make fuzz` into build-fuzz/) for SECONDS each, all at once on
# the machine's cores, seeded from fuzz/corpus/<target> and the repository's documents of its
# format. New inputs go to build-fuzz/corpus/<target>; crashes, leaks and timeouts to
# build-fuzz/artifacts/<target>/. Afterwards `scripts/fuzz-run.sh --merge` folds what is new
# into fuzz/corpus (minimised by coverage, then its smallest inputs up to 300 KB a target), to be
# committed.
# Usage: scripts/fuzz-run.sh [SECONDS] [TARGET...]   |   scripts/fuzz-run.sh --merge [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
all_targets=(csv xlsx docx ods html pdf xls mapping)

merge=0
if [ "${1:-}" = "--merge" ]; then merge=1; shift; fi
seconds=60
if [[ "${1:-}" =~ ^[0-9]+$ ]]; then seconds=$1; shift; fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")

seeds_of() {
  case "$1" in
    mapping) git ls-files 'mappings/*.yaml' 'tests/*.yaml' 'samples/*.yaml' ;;
    csv) git ls-files '*.csv' '*.tsv' ;;
    *) git ls-files "*.$1" ;;
  esac
}

for t in "${targets[@]}"; do
  [ -x "build-fuzz/fuzz/fuzz_$t" ] || { echo "fuzz-run: build-fuzz/fuzz/fuzz_$t missing (make fuzz)" >&2; exit 2; }
  rm -rf "build-fuzz/artifacts/$t"
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/seeds/$t" "build-fuzz/artifacts/$t"
  seeds_of "$t" | while read -r f; do cp -f "$f" "build-fuzz/seeds/$t/"; done
done

if [ $merge -eq 1 ]; then
  for t in "${targets[@]}"; do
    before=$(ls "fuzz/corpus/$t" | wc -l)
    "build-fuzz/fuzz/fuzz_$t" -merge=1 -artifact_prefix="build-fuzz/artifacts/$t/" -max_len=65536 -rss_limit_mb=4096 "fuzz/corpus/$t" \
      "build-fuzz/corpus/$t" 2>"build-fuzz/artifacts/$t/merge.log" || true
    # The repository keeps the smallest inputs, up to 300 KB a target; the whole merged corpus
    # stays in build-fuzz/corpus for the next run.
    total=0
    while read -r size name; do
      total=$((total + size))
      [ "$total" -gt 300000 ] && [ "$name" != empty ] && rm -f "fuzz/corpus/$t/$name"
    done < <(cd "fuzz/corpus/$t" && stat -c '%s %n' -- * | sort -n)
    echo "$t: fuzz/corpus $before -> $(ls "fuzz/corpus/$t" | wc -l) inputs"
  done
  exit 0
fi

pids=()
for t in "${targets[@]}"; do
  dict=()
  [ -f "fuzz/dict/$t.dict" ] && dict=(-dict="fuzz/dict/$t.dict")
  # -max_total_time is wall time; with more targets than cores each gets its share of CPU, and
  # the CPU time each used goes to build-fuzz/artifacts/<target>/cpu. Fork mode keeps going past
  # a finding, so one run reports everything it found.
  /usr/bin/time -f "%U %S" -o "build-fuzz/artifacts/$t/cpu" \
    "build-fuzz/fuzz/fuzz_$t" -fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1 \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -max_len=1048576 \
    -artifact_prefix="build-fuzz/artifacts/$t/" "${dict[@]}" \
    "build-fuzz/corpus/$t" "fuzz/corpus/$t" "build-fuzz/seeds/$t" \
    >"build-fuzz/artifacts/$t/fuzz.log" 2>&1 &
  pids+=($!)
done
status=0
for i in "${!pids[@]}"; do
  t=${targets[$i]}
  wait "${pids[$i]}" || true
  found=$(find "build-fuzz/artifacts/$t" -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
    -o -name 'oom-*' | wc -l)
  [ "$found" -gt 0 ] && status=1
  last=$(grep -E '^#[0-9]+: cov:' "build-fuzz/artifacts/$t/fuzz.log" | tail -1)
  cpu=$(awk '{printf "%.1f", ($1 + $2) / 60}' "build-fuzz/artifacts/$t/cpu" 2>/dev/null || echo "?")
  echo "fuzz_$t: ${cpu} CPU-min, findings $found; last: $last"
done
exit $status
