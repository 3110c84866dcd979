#!/bin/sh
# compare_with_cli.sh TRACKPORT LABEL PROGRAM...: runs `PROGRAM OUT INPUT...` and
# `TRACKPORT convert INPUT... -o OUT` on samples/ for each text output format, and fails unless
# the two outputs are the same byte for byte. Run from the source folder.
set -eu
trackport=$1
label=$2
shift 2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for extension in json jsonl csv; do
  "$trackport" convert samples -o "$work/cli.$extension" --quiet
  "$@" "$work/$label.$extension" samples 2>"$work/stderr" || { cat "$work/stderr"; exit 1; }
  if ! cmp "$work/cli.$extension" "$work/$label.$extension"; then
    diff "$work/cli.$extension" "$work/$label.$extension" | head -20
    echo "$label: .$extension differs from the CLI's" >&2
    exit 1
  fi
  echo "$label: .$extension equals the CLI's ($(wc -c <"$work/cli.$extension") bytes)"
done
