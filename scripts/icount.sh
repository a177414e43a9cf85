#!/usr/bin/env bash
# Instructions of one run of a command, counted by callgrind (valgrind): stable whatever the
# machine's load, unlike seconds (docs/robustness.md, issue 25). ≈ 50× slower than the run.
# Usage: scripts/icount.sh BINARY ARGS…   e.g. scripts/icount.sh target/release/secpa check f.csv
# Prints millions of instructions; SECPA_TODAY is fixed so that runs compare.
set -euo pipefail
command -v valgrind > /dev/null || { echo "icount: valgrind is required (apt-get install valgrind)"; exit 1; }
bin=$1
shift
out=$(mktemp)
trap 'rm -f "$out" "$out.err"' EXIT
SECPA_TODAY=2022-03-01 valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$@" > /dev/null 2> "$out.err" || true
grep -o "Collected : [0-9]*" "$out.err" | awk '{printf "%.1f M\n", $3/1e6}'
