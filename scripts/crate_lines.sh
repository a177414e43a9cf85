#!/usr/bin/env bash
# Code lines of each crate of the workspace (neither blank nor comment lines; unit tests
# counted apart), and the import graph of the core, which must have no circle.
set -euo pipefail
cd "$(dirname "$0")/.."
count() {
    # $1: a crate's src directory. Prints: code lines, of which in `#[cfg(test)] mod tests`.
    find "$1" -name '*.rs' -print0 | xargs -0 awk '
        FNR == 1 { tests = 0 }
        /^#\[cfg\(test\)\]/ { tests = 1 }
        {
            line = $0; sub(/^[ \t]+/, "", line)
            if (line == "" || line ~ /^\/\//) next
            all++; if (tests) in_tests++
        }
        END { printf "%d %d\n", all, in_tests }'
}
printf '%-12s %8s %8s %8s\n' crate code tests total
for entry in "secpa-core:crates/secpa-core/src" "secpa:src"; do
    read -r all tests < <(count "${entry#*:}")
    printf '%-12s %8d %8d %8d\n' "${entry%%:*}" $((all - tests)) "$tests" "$all"
done
python3 scripts/module_graph.py crates/secpa-core/src
