#!/bin/sh
# Issue 23: measures `compute --format xlsx` past one sheet's rows, once, by hand (too slow
# for `cargo test`; the splitting itself is unit-tested with small sheets in
# src/report/xlsx.rs). Writes a CSV of N valid structures (default 1 048 576: past the
# 1 048 574 a sheet holds beside its header and total row, which main refused with exit 2),
# computes it as a workbook, and reports time, peak memory, and the rows of each sheet.
# Usage: scripts/measure_xlsx_sheets.sh [N] [BIN]
set -eu
n=${1:-1048576}
bin=${2:-target/debug/secpa}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 - "$n" "$dir/big.csv" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
def luhn(prefix):
    for k in range(10):
        s = f"{prefix}{k}"
        total = 0
        for i, c in enumerate(reversed(s)):
            d = int(c)
            if i % 2 == 1:
                d *= 2
                if d > 9:
                    d -= 9
            total += d
        if total % 10 == 0:
            return s
with open(path, "w") as f:
    f.write("finess,nom,file_active_mg,taux_pauvrete,accord_ars_psy,montant_psy_demande,date_entree\n")
    for i in range(n):
        # 59 then 60 + 6 digits: unique FINESS past a million.
        prefix = f"{59 + i // 1_000_000}{i % 1_000_000:06d}"
        f.write(f"{luhn(prefix)},S{i},2500,37.5,oui,60000,2022-03-01\n")
PY
ls -l "$dir/big.csv"
/usr/bin/time -f "time %e s, peak memory %M KiB" "$bin" compute --format xlsx --quiet \
    -o "$dir/out.xlsx" "$dir/big.csv" 2>&1 | grep -v "^secpa: attention" || true
ls -l "$dir/out.xlsx"
python3 - "$dir/out.xlsx" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
book = z.read("xl/workbook.xml").decode()
names = re.findall(r'<sheet name="([^"]+)"', book)
for i, name in enumerate(names, 1):
    xml = z.open(f"xl/worksheets/sheet{i}.xml").read()
    rows = len(re.findall(rb"<row ", xml))
    print(f"{name}: {rows} rows")
PY
