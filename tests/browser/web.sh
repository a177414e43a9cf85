#!/usr/bin/env bash
# Browser test of the web page (issue 14): target/web/secpa.html (scripts/build-web.sh),
# opened from file:// in Debian's Chromium driven by Playwright (tests/browser/web/,
# installed with `npm ci`). The expected figures are not written here: they are what
# `secpa compute` and `secpa check` give today on the same files. Screenshots must not be
# blank. Needs chromium, node/npm and python3.
#
# Usage: tests/browser/web.sh [OUT_DIR]   (default: target/browser)
# SECPA=path/to/secpa uses that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/browser}
mkdir -p "$out"
out=$(cd "$out" && pwd)
page=${PAGE:-target/web/secpa.html}

command -v chromium >/dev/null || { echo "web.sh: chromium is not installed" >&2; exit 2; }
[ -f "$page" ] || { echo "web.sh: $page is missing (scripts/build-web.sh)" >&2; exit 2; }
if [ -z "${SECPA:-}" ]; then
    cargo build --release --locked --quiet
    SECPA=target/release/secpa
fi
# page.test.js runs it too, on what the page downloads.
export SECPA
if [ ! -d tests/browser/web/node_modules/playwright-core ]; then
    (cd tests/browser/web && npm ci --no-audit --no-fund --silent)
fi

good=examples/candidatures.xlsx
bad=tests/fixtures/check/eligibility-E2xx.csv
"$SECPA" compute --format json "$good" > "$out/good-compute.json" 2>/dev/null || true
"$SECPA" compute --format csv "$good" > "$out/good-compute.csv" 2>/dev/null || true
"$SECPA" check --format json "$good" > "$out/good-check.json" 2>/dev/null || true
first=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["structures"][0]["row"])' "$out/good-compute.json")
# explain names the file as given: run it from the example's directory, as the page names it.
(cd "$(dirname "$good")" && "$OLDPWD/$SECPA" explain "$(basename "$good")" --row "$first") > "$out/good-explain.txt" 2>/dev/null || true
# The JSON downloads must be these bytes exactly (key order, spacing, final line feed): the
# page names the file by its base name, so the commands run from the example's directory too.
(cd "$(dirname "$good")" && "$OLDPWD/$SECPA" compute --format json "$(basename "$good")") > "$out/good-compute-bytes.json" 2>/dev/null || true
(cd "$(dirname "$good")" && "$OLDPWD/$SECPA" check --format json "$(basename "$good")") > "$out/good-check-bytes.json" 2>/dev/null || true
"$SECPA" compute --format json "$bad" > "$out/bad-compute.json" 2>/dev/null || true
form=tests/fixtures/template/structures.csv
"$SECPA" compute --format json "$form" > "$out/form-compute.json" 2>/dev/null || true
"$SECPA" check --format json "$bad" > "$out/bad-check.json" 2>/dev/null || true
"$SECPA" --lang en check --format json "$bad" > "$out/bad-check-en.json" 2>/dev/null || true
# Workbooks of several sheets (issue 19): what secpa reads by default and with --sheet.
sheets=()
for spec in "tests/fixtures/workbook/xlsx_readme_first.xlsx|Lisez-moi" \
            "tests/fixtures/workbook/xlsx_hidden_first_sheet.xlsx|Ancienne version"; do
    file=${spec%%|*}; other=${spec#*|}; base=$(basename "$file" .xlsx)
    "$SECPA" compute --format json "$file" > "$out/$base-compute.json" 2>/dev/null || true
    "$SECPA" compute --format json "$file" --sheet "$other" > "$out/$base-other.json" 2>/dev/null || true
    "$SECPA" check "$file" 2> "$out/$base-check.txt" > /dev/null || true
    sheets+=("$file|$other")
done
printf '%s\n' "${sheets[@]}" > "$out/sheets.txt"
# The workbooks as people make them (issue 19): the page computes what secpa computes.
same=()
for file in tests/fixtures/workbook/xlsx_formulas_openpyxl.xlsx tests/fixtures/workbook/xlsx_merged.xlsx \
            tests/fixtures/workbook/xlsx_title_rows.xlsx tests/fixtures/workbook/total_compute.xlsx \
            tests/fixtures/workbook/ods_cells.ods tests/fixtures/workbook/ods_formula-missing.ods; do
    base=$(basename "$file")
    "$SECPA" compute --format json "$file" > "$out/same-$base.json" 2>/dev/null || true
    same+=("$file")
done
printf '%s\n' "${same[@]}" > "$out/same.txt"
python3 - "$out" "$good" "$bad" <<'PY'
import json, sys
out, good, bad = sys.argv[1:4]
load = lambda name: json.load(open(f"{out}/{name}", encoding="utf-8"))
def money_fr(text):
    whole, cents = text.split(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:]); whole = whole[:-3]
    return " ".join(groups) + "," + cents + " €"
gc, bc = load("good-compute.json"), load("bad-check.json")
errors = [d for d in bc["files"][0]["diagnostics"] if d["severity"] == "error"]
errors_en = [d for d in load("bad-check-en.json")["files"][0]["diagnostics"] if d["severity"] == "error"]
expected = {
    "good": {"file": good, "total_fr": money_fr(gc["total"]), "structures": len(gc["structures"]),
             "compute": gc, "check": load("good-check.json"),
             "csv": open(f"{out}/good-compute.csv", encoding="utf-8").read(),
             "explain": open(f"{out}/good-explain.txt", encoding="utf-8").read(),
             "compute_bytes": f"{out}/good-compute-bytes.json",
             "check_bytes": f"{out}/good-check-bytes.json"},
    "bad": {"file": bad, "errors": bc["errors"], "warnings": bc["warnings"],
            "error_codes": [d["code"] for d in errors], "first_error": errors[0],
            "first_error_en": errors_en[0]["message"],
            "check": bc, "compute": load("bad-compute.json")},
}
import os, re
expected["sheets"] = []
for line in open(f"{out}/sheets.txt", encoding="utf-8").read().split("\n"):
    if not line:
        continue
    file, other = line.split("|")
    base = os.path.basename(file)[:-len(".xlsx")]
    said = open(f"{out}/{base}-check.txt", encoding="utf-8").read()
    read = re.search(r"I027 : feuille « (.*?) » lue", said).group(1)
    count = 1 + said.split("autres feuilles :", 1)[1].split("\n")[0].count("«")
    other_doc = open(f"{out}/{base}-other.json", encoding="utf-8").read()
    expected["sheets"].append({"file": file, "read": read, "count": count, "other": other,
                               "compute": load(f"{base}-compute.json"),
                               "other_compute": json.loads(other_doc) if other_doc.strip() else None})
expected["same"] = []
for file in open(f"{out}/same.txt", encoding="utf-8").read().split("\n"):
    if file:
        doc = open(f"{out}/same-{os.path.basename(file)}.json", encoding="utf-8").read()
        expected["same"].append({"file": file, "compute": json.loads(doc) if doc.strip() else None})
# The one-structure form: the structures of the template's fixture, typed field by field,
# must show the amounts `secpa compute` gives for the file.
import csv
fc = load("form-compute.json")
with open("tests/fixtures/template/structures.csv", encoding="utf-8", newline="") as f:
    typed = list(csv.DictReader(f))
expected["form"] = [
    {"fields": row, "amounts": [money_fr(s["dotations"][k]) for k in ("participative", "precarite", "interpretariat", "psychologique")] + [money_fr(s["total"])],
     "computed": {"dotations": s["dotations"], "total": s["total"]}}
    for row, s in zip(typed, fc["structures"])
]
json.dump(expected, open(f"{out}/web-expected.json", "w", encoding="utf-8"), ensure_ascii=False)
print(f"web.sh: secpa compute gives {expected['good']['total_fr']} for {expected['good']['structures']} structures")
PY
# The file name in the page's JSON is the one the page was given: the example's base name.
python3 - "$out/web-expected.json" <<'PY'
import json, sys, os
p = sys.argv[1]
e = json.load(open(p, encoding="utf-8"))
def rename(value, old, new):
    if isinstance(value, dict): return {k: rename(v, old, new) for k, v in value.items()}
    if isinstance(value, list): return [rename(v, old, new) for v in value]
    return new if value == old else value
for w in e["same"]:
    w["compute"] = rename(w["compute"], w["file"], os.path.basename(w["file"]))
for w in e["sheets"]:
    for doc in ("compute", "other_compute"):
        w[doc] = rename(w[doc], w["file"], os.path.basename(w["file"]))
for k in ("good", "bad"):
    f = e[k]["file"]
    for doc in ("check", "compute"):
        e[k][doc] = rename(e[k][doc], f, os.path.basename(f))
    if "first_error" in e[k]:
        e[k]["first_error"] = rename(e[k]["first_error"], f, os.path.basename(f))
json.dump(e, open(p, "w", encoding="utf-8"), ensure_ascii=False)
PY
# Headers (issue 20): how secpa columns reads a header no table names, and what --column
# gives once the page's choice maps it; run from the file's directory, as the page names it.
cols=tests/fixtures/headers/psy-sollicite.xlsx
map="montant_psy_demande=Psychologue : montant sollicité"
(cd "$(dirname "$cols")" && "$OLDPWD/$SECPA" columns "$(basename "$cols")" --format json) > "$out/columns.json" 2>/dev/null || true
(cd "$(dirname "$cols")" && "$OLDPWD/$SECPA" columns "$(basename "$cols")" --format json --column "$map") > "$out/columns-mapped.json" 2>/dev/null || true
(cd "$(dirname "$cols")" && "$OLDPWD/$SECPA" compute "$(basename "$cols")" --format json --column "$map") > "$out/columns-compute.json" 2>/dev/null || true
python3 - "$out" "$cols" <<'PY'
import json, sys
out, file = sys.argv[1:3]
p = f"{out}/web-expected.json"
e = json.load(open(p, encoding="utf-8"))
load = lambda name: json.load(open(f"{out}/{name}", encoding="utf-8"))
e["columns"] = {"file": file, "header": "Psychologue : montant sollicité", "key": "montant_psy_demande",
                "before": load("columns.json"), "after": load("columns-mapped.json"),
                "compute": load("columns-compute.json")}
json.dump(e, open(p, "w", encoding="utf-8"), ensure_ascii=False)
PY
node tests/browser/web/page.test.js "$page" "$out/web-expected.json" "$out"
for shot in web web-400 web-bad; do
    stats=$(python3 tests/browser/png_stats.py "$out/$shot.png")
    echo "web.sh: $out/$shot.png $stats"
    python3 -c 'import json, sys
share = json.loads(sys.argv[1])["non_white_share"]
sys.exit(0 if share >= 0.03 else "web.sh: the page is (nearly) blank: %.2f%% non-white" % (share * 100))' "$stats"
done
echo "browser (web page): screenshots not blank"
