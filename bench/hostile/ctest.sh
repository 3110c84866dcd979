#!/usr/bin/env bash
# The hostile suite's fast subset, run by ctest: a batch of 60 files, half of them hostile cases
# of the --tiny suite (corrupt, truncated, encrypted, small ZIP bombs, billion laughs and XXE in
# every XML part, deep nesting, odd names, links, a FIFO, a socket, bad trackport.yaml files, a
# ReDoS mapping), converted with default options. Every good file must give the documents it
# gives alone, every bad one exactly one line naming it, and the whole process tree stay under
# 1 GB. Made from the repository alone.
#
#   bench/hostile/ctest.sh TRACKPORT
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
TRACKPORT=${1:?usage: ctest.sh TRACKPORT}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/trackport-hostile.XXXXXX")
trap 'chmod -R u+rwx "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
python3 "$HERE/make_hostile.py" "$WORK" --tiny --batch 60 --hostile-share 0.5
python3 "$HERE/run.py" "$TRACKPORT" "$WORK" --batch --output json --interval 0.05
