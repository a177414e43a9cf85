#!/usr/bin/env python3
"""What a user would write instead of secpa for the benchmark (scripts/bench.sh): read the
candidature CSV with the csv module and compute D3 (interprétariat: 22 800 € per 1000
patients of file active, proportional, rounded to the cent half away from zero) with exact
decimals, writing one CSV row per structure.
Usage: python3 scripts/bench_python.py FILE > out.csv
"""
import csv
import sys
from decimal import ROUND_HALF_UP, Decimal

POUR_1000 = Decimal("22800")
CENT = Decimal("0.01")


def number(text):
    return Decimal(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))


def main():
    with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
        reader = csv.DictReader(f)
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(["finess", "nom", "interpretariat"])
        for row in reader:
            file_active = number(row["file_active_mg"])
            d3 = (file_active / 1000 * POUR_1000).quantize(CENT, rounding=ROUND_HALF_UP)
            out.writerow([row["finess"], row["nom"], d3])


if __name__ == "__main__":
    main()
