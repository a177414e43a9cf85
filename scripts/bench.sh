#!/usr/bin/env bash
# Benchmark (issues 6 and 25): secpa on 1,000,000 valid rows against the I/O floor (wc -l),
# the parsing floor (examples/parse_floor.rs: the csv crate alone) and a plain Python csv +
# Decimal script (scripts/bench_python.py: D3 only, so a lower bound of what a script of the
# four dotations costs); the same rows each with a warning (W216); peak memory; one-row
# process time. Prints the ratios of issue 25, measured in one run (the machine is noisy).
# Timings are the best of $RUNS runs. Not a test: nothing here fails on a slow machine.
# Usage: scripts/bench.sh [ROWS]   (from the repository root; ROWS defaults to 1000000)
# BASE=path/to/older/secpa also times that binary on the same files (compute csv, check) and
# compares its outputs with the new one's (compute csv and json, check json: byte for byte),
# to measure a change against the previous build: no regression over 10 % is the rule.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
RUNS=${RUNS:-3}
DIR=target/bench
mkdir -p "$DIR"
if [ ! -x /usr/bin/time ]; then
    (apt-get update -qq && apt-get install -y -qq time) >/dev/null 2>&1 || true
fi
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is required (apt-get install time)"; exit 1; }

cargo build --release --quiet --bin secpa --example parse_floor
SECPA=target/release/secpa
FLOOR=target/release/examples/parse_floor

# A file of ROWS structures valid for both commands: every column of the README, FINESS
# and SIRET with their Luhn keys, in Seine-Saint-Denis (commune 93066, QPV QP093040), under
# the version in force on SECPA_TODAY (same bytes on every run: the figures are deterministic).
BIG="$DIR/candidatures-valid-v2-$ROWS.csv"
if [ ! -s "$BIG" ]; then
    python3 - "$ROWS" "$BIG" <<'PY'
import sys
rows, path = int(sys.argv[1]), sys.argv[2]

def luhn_key(digits):
    """The digit that makes digits + key pass the Luhn check."""
    total = 0
    for i, c in enumerate(reversed(digits)):
        d = int(c) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)

with open(path, "w", encoding="utf-8", newline="") as f:
    f.write("finess,siret,nom,type_structure,code_commune,implantation,code_qpv,file_active_mg,"
            "annee_file_active,taux_pauvrete,tiers_payant,tarifs_opposables,ouvert_a_tous,"
            "mission_proximite,mission_accueil_vulnerables,mission_soutien_psychologique,"
            "mission_mediation_sante,mission_demarche_participative,"
            "mission_accompagnement_social,mission_interpretariat,mission_prevention,"
            "mission_formation_evaluation,accord_ars_psy,montant_psy_demande,date_entree,"
            "date_depot,structure_fondatrice\n")
    for i in range(rows):
        finess = f"93{i:06d}"
        siret = f"{123456789000 + i:013d}"
        rate = 10 + i % 490  # 1,0 % to 49,9 % (under 1 % is E110), with a decimal comma as in France
        f.write(f"{finess}{luhn_key(finess)},{siret}{luhn_key(siret)},Centre de santé {i},"
                f"centre_de_sante,93066,qpv,QP093040,{1000 + (i * 7919) % 5000},2021,"
                f"\"{rate // 10},{rate % 10}\",integral,oui,oui,oui,oui,oui,oui,oui,oui,oui,"
                f"oui,oui,{'oui' if i % 3 else 'non'},{(i * 37) % 60000 if i % 3 else 0},2022-03-01,"
                f"2021-10-01,non\n")
PY
fi
# The same rows, each with a warning: 70 000 € of psychological support asked with the
# ARS's agreement, above the cap (W216) — diagnostics must cost little (issue 25: <= 2x).
WARNED="$DIR/candidatures-warned-$ROWS.csv"
if [ ! -s "$WARNED" ]; then
    python3 - "$BIG" "$WARNED" <<'PY'
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f, \
        open(sys.argv[2], "w", newline="", encoding="utf-8") as g:
    rows, out = csv.reader(f), csv.writer(g, lineterminator="\n")
    header = next(rows)
    out.writerow(header)
    agreed, asked = header.index("accord_ars_psy"), header.index("montant_psy_demande")
    for row in rows:
        row[agreed], row[asked] = "oui", "70000"
        out.writerow(row)
PY
fi
ONE="$DIR/one-row.csv"
head -2 "$BIG" > "$ONE"
echo "input: $BIG ($(du -h "$BIG" | cut -f1), $ROWS rows)"

# best_of CMD…: prints "seconds max_rss_kib" of the fastest of $RUNS runs.
best_of() {
    local best="" rss=""
    for _ in $(seq "$RUNS"); do
        local start end m t
        start=$(date +%s%N)
        /usr/bin/time -f "%M" -o "$DIR/time.txt" "$@" > /dev/null 2> /dev/null
        end=$(date +%s%N)
        m=$(tail -1 "$DIR/time.txt")
        t=$(awk -v n=$((end - start)) 'BEGIN{printf "%.3f", n/1e9}')
        if [ -z "$best" ] || awk -v a="$t" -v b="$best" 'BEGIN{exit !(a<b)}'; then best=$t; fi
        if [ -z "$rss" ] || [ "$m" -gt "$rss" ]; then rss=$m; fi
    done
    echo "$best $rss"
}
# /usr/bin/time exits with the command's status: secpa exits 1 when rows have problems,
# which a valid file never has; keep going anyway so a figure is always printed.
set +e
read -r WC_T WC_M < <(best_of wc -l "$BIG")
read -r FLOOR_T FLOOR_M < <(best_of "$FLOOR" "$BIG")
read -r CSV_T CSV_M < <(best_of env SECPA_TODAY=2022-03-01 "$SECPA" compute "$BIG" --format csv)
read -r JSON_T JSON_M < <(best_of env SECPA_TODAY=2022-03-01 "$SECPA" compute "$BIG" --format json)
if "$SECPA" check --help > /dev/null 2>&1; then
    read -r CHECK_T CHECK_M < <(best_of env SECPA_TODAY=2022-03-01 "$SECPA" check "$BIG")
else
    CHECK_T=""; CHECK_M=""
fi
read -r WARN_CSV_T WARN_CSV_M < <(best_of env SECPA_TODAY=2022-03-01 "$SECPA" compute "$WARNED" --format csv)
read -r WARN_CHECK_T WARN_CHECK_M < <(best_of env SECPA_TODAY=2022-03-01 "$SECPA" check "$WARNED")
read -r WARN_JSON_T WARN_JSON_M < <(best_of env SECPA_TODAY=2022-03-01 "$SECPA" check "$WARNED" --format json)
read -r VALID_JSON_T VALID_JSON_M < <(best_of env SECPA_TODAY=2022-03-01 "$SECPA" check "$BIG" --format json)
if [ -n "${BASE:-}" ]; then
    read -r BASE_CSV_T BASE_CSV_M < <(best_of env SECPA_TODAY=2022-03-01 "$BASE" compute "$BIG" --format csv)
    read -r BASE_CHECK_T BASE_CHECK_M < <(best_of env SECPA_TODAY=2022-03-01 "$BASE" check "$BIG")
    read -r BASE_WARN_T BASE_WARN_M < <(best_of env SECPA_TODAY=2022-03-01 "$BASE" compute "$WARNED" --format csv)
    # No amount may move: the previous binary's outputs and the new one's, byte for byte.
    SAME=""
    for f in "$BIG" "$WARNED"; do
        for args in "compute --format csv" "compute --format json" "check --format json"; do
            # shellcheck disable=SC2086 # args is a list of words
            SECPA_TODAY=2022-03-01 "$BASE" $args "$f" > "$DIR/base.out" 2> /dev/null
            # shellcheck disable=SC2086
            SECPA_TODAY=2022-03-01 "$SECPA" $args "$f" > "$DIR/new.out" 2> /dev/null
            if cmp -s "$DIR/base.out" "$DIR/new.out"; then
                SAME+="  $(basename "$f") $args: identical ($(du -h "$DIR/new.out" | cut -f1))"$'\n'
            else
                SAME+="  $(basename "$f") $args: DIFFERENT"$'\n'
            fi
        done
    done
    rm -f "$DIR/base.out" "$DIR/new.out"
fi
# Memory whatever the number of diagnostics (issue 10): ROWS rows of 27 bad cells each.
ERRORS="$DIR/errors-$ROWS.csv"
if [ ! -s "$ERRORS" ]; then
    { head -1 "$BIG"; yes "$(head -1 "$BIG" | sed 's/[^,]*/x/g')" | head -n "$ROWS"; } > "$ERRORS"
fi
read -r ERR_CHECK_T ERR_CHECK_M < <(RUNS=1 best_of env SECPA_TODAY=2022-03-01 "$SECPA" check "$ERRORS" --format json)
read -r ERR_JSON_T ERR_JSON_M < <(RUNS=1 best_of env SECPA_TODAY=2022-03-01 "$SECPA" compute "$ERRORS" --format json)
# Hostile workbooks (issue 12): peak memory and time of check and compute on each, built by
# scripts/make_hostile_workbooks.py once (≈ 6 s, 65 MB in target/hostile). One run each.
# Below 100 000 ROWS (CI runs 2000), only the small ones: the large take ≈ 40 s.
if [ "$ROWS" -ge 100000 ]; then
    HOSTILE=target/hostile
    python3 scripts/make_hostile_workbooks.py "$HOSTILE"
else
    HOSTILE=target/hostile-small
    python3 scripts/make_hostile_workbooks.py "$HOSTILE" --small
fi
HOSTILE_LINES=()
for f in "$HOSTILE"/*.xlsx "$HOSTILE"/*.ods; do
    read -r HC_T HC_M < <(RUNS=1 best_of env SECPA_TODAY=2022-03-01 "$SECPA" check "$f" --as-of 2021-10-15)
    read -r HP_T HP_M < <(RUNS=1 best_of env SECPA_TODAY=2022-03-01 "$SECPA" compute "$f" --format csv)
    HOSTILE_LINES+=("$(printf '%-36s %7s s %7s MiB %7s s %7s MiB' "$(basename "$f") ($(du -h "$f" | cut -f1))" \
        "$HC_T" "$(awk -v k="$HC_M" 'BEGIN{printf "%.1f", k/1024}')" "$HP_T" "$(awk -v k="$HP_M" 'BEGIN{printf "%.1f", k/1024}')")")
done
PY_RUNS=1
read -r PY_T PY_M < <(RUNS=$PY_RUNS best_of python3 scripts/bench_python.py "$BIG")

# One row, whole process: hyperfine when installed, else a loop of 200 runs.
if command -v hyperfine > /dev/null; then
    ONE_MS=$(hyperfine -N --warmup 20 --runs 200 --export-json "$DIR/one.json" \
        "env SECPA_TODAY=2022-03-01 $SECPA compute $ONE --format csv" > /dev/null 2>&1 &&
        python3 -c "import json;print(round(json.load(open('$DIR/one.json'))['results'][0]['mean']*1000,2))")
else
    START=$(date +%s%N)
    for _ in $(seq 200); do SECPA_TODAY=2022-03-01 "$SECPA" compute "$ONE" --format csv > /dev/null 2>&1; done
    ONE_MS=$(( ( $(date +%s%N) - START ) / 200 / 10000 ))
    ONE_MS=$(awk -v v="$ONE_MS" 'BEGIN{printf "%.2f", v/100}')
fi
set -e

ratio() { awk -v a="$1" -v b="$2" 'BEGIN{ if (b > 0) printf "%.2f", a/b; else print "n/a" }'; }
mib() { awk -v k="$1" 'BEGIN{printf "%.1f", k/1024}'; }
printf '\n%-34s %9s %10s\n' "command ($ROWS rows)" "seconds" "peak MiB"
printf '%-34s %9s %10s\n' "wc -l (I/O floor)" "$WC_T" "$(mib "$WC_M")"
printf '%-34s %9s %10s\n' "parse_floor (csv crate alone)" "$FLOOR_T" "$(mib "$FLOOR_M")"
printf '%-34s %9s %10s\n' "secpa compute --format csv" "$CSV_T" "$(mib "$CSV_M")"
printf '%-34s %9s %10s\n' "secpa compute --format json" "$JSON_T" "$(mib "$JSON_M")"
if [ -n "$CHECK_T" ]; then
    printf '%-34s %9s %10s\n' "secpa check" "$CHECK_T" "$(mib "$CHECK_M")"
else
    printf '%-34s %9s %10s\n' "secpa check" "pending" "(not on this branch)"
fi
printf '%-34s %9s %10s\n' "secpa compute csv, each row warned" "$WARN_CSV_T" "$(mib "$WARN_CSV_M")"
printf '%-34s %9s %10s\n' "secpa check, each row warned" "$WARN_CHECK_T" "$(mib "$WARN_CHECK_M")"
printf '%-34s %9s %10s\n' "secpa check --format json" "$VALID_JSON_T" "$(mib "$VALID_JSON_M")"
printf '%-34s %9s %10s\n' "  the same, each row warned" "$WARN_JSON_T" "$(mib "$WARN_JSON_M")"
printf '%-34s %9s %10s\n' "python csv + Decimal (D3 only)" "$PY_T" "$(mib "$PY_M")"
echo
echo "issue 25's targets, measured in this run:"
echo "compute csv / parsing floor : $(ratio "$CSV_T" "$FLOOR_T")x   (target <= 3)"
[ -n "$CHECK_T" ] && echo "check / parsing floor       : $(ratio "$CHECK_T" "$FLOOR_T")x   (target <= 3)"
echo "python / compute csv        : $(ratio "$PY_T" "$CSV_T")x   (target >= 10)"
[ -n "$CHECK_T" ] && echo "python / check              : $(ratio "$PY_T" "$CHECK_T")x   (target >= 10)"
echo "warned / valid, compute csv : $(ratio "$WARN_CSV_T" "$CSV_T")x   (target <= 2)"
echo "warned / valid, check       : $(ratio "$WARN_CHECK_T" "$CHECK_T")x   (target <= 2)"
echo "warned / valid, check json  : $(ratio "$WARN_JSON_T" "$VALID_JSON_T")x   (target <= 2)"
echo "compute csv / wc -l         : $(ratio "$CSV_T" "$WC_T")x"
echo "peak memory, compute csv    : $(mib "$CSV_M") MiB   (target < 30)"
echo "one row, whole process      : ${ONE_MS} ms   (target < 5)"
echo "all rows in error: check json $ERR_CHECK_T s, $(mib "$ERR_CHECK_M") MiB; compute json $ERR_JSON_T s, $(mib "$ERR_JSON_M") MiB   (target < 100 MiB)"
echo
printf '%-36s %21s %21s\n' "hostile workbook" "check (time, peak)" "compute (time, peak)"
for line in "${HOSTILE_LINES[@]}"; do echo "$line"; done
echo "(target: each accepted or refused within 200 MiB and a few seconds)"
if [ -n "${BASE:-}" ]; then
    echo
    echo "against BASE=$BASE:"
    echo "  compute csv : $BASE_CSV_T s, $(mib "$BASE_CSV_M") MiB -> $CSV_T s ($(ratio "$CSV_T" "$BASE_CSV_T")x)"
    echo "  check       : $BASE_CHECK_T s, $(mib "$BASE_CHECK_M") MiB -> $CHECK_T s ($(ratio "$CHECK_T" "$BASE_CHECK_T")x)"
    echo "  compute csv, each row warned : $BASE_WARN_T s, $(mib "$BASE_WARN_M") MiB -> $WARN_CSV_T s ($(ratio "$WARN_CSV_T" "$BASE_WARN_T")x)"
    echo "outputs of BASE and the new binary:"
    printf '%s' "$SAME"
fi

# Peak memory and time of every command and format on the same ROWS file (issue 25, item
# 4: at most 64 MiB each at 1 000 000 rows). One run each, whatever RUNS: the figure is the
# memory. xlsx needs a file; explain asks for one structure (row 2) as people do; `test`
# reads its own case files, one row each, not a batch: not here. MEMORY=0 skips the block;
# BASE (above) is measured too, side by side, when set.
memory_table() {
    local bins=("$SECPA") names=("new")
    if [ -n "${BASE:-}" ]; then bins=("$BASE" "$SECPA"); names=("base" "new"); fi
    local cases=(
        "compute csv|compute $BIG --format csv"
        "compute json|compute $BIG --format json"
        "compute table|compute $BIG --format table"
        "compute xlsx|compute $BIG --format xlsx --output $DIR/mem.xlsx"
        "compute html|compute $BIG --format html"
        "check (text)|check $BIG"
        "check json|check $BIG --format json"
        "budget table|budget $BIG --format table"
        "budget json|budget $BIG --format json"
        "budget html|budget $BIG --format html"
        "explain text (row 2)|explain $BIG --row 2"
        "explain json (row 2)|explain $BIG --row 2 --format json"
        "diff table|diff 2022-02-03 2024-01-01 $BIG --format table"
        "diff csv|diff 2022-02-03 2024-01-01 $BIG --format csv"
        "diff json|diff 2022-02-03 2024-01-01 $BIG --format json"
        "check json, all rows in error|check $ERRORS --format json"
        "compute html, all rows in error|compute $ERRORS --format html"
    )
    echo
    printf '%-32s' "peak memory ($ROWS rows)"
    for n in "${names[@]}"; do printf ' %10s %10s' "$n s" "$n MiB"; done
    echo
    local c label args line t m
    for c in "${cases[@]}"; do
        label=${c%%|*}
        args=${c#*|}
        line=$(printf '%-32s' "$label")
        for b in "${bins[@]}"; do
            # shellcheck disable=SC2086 # args is a list of words
            read -r t m < <(RUNS=1 best_of env SECPA_TODAY=2022-03-01 "$b" $args)
            line+=$(printf ' %10s %10s' "$t" "$(mib "$m")")
        done
        echo "$line"
    done
    echo "(target: every peak <= 64 MiB at 1 000 000 rows)"
}
if [ "${MEMORY:-1}" != 0 ]; then set +e; memory_table; set -e; fi
