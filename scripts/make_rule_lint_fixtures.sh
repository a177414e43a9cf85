#!/bin/sh
# Rule files with one fault each, for `rules lint` (issue 21): written from the shipped
# 2021-08-01 version by sed, so that each differs from a valid file by one line.
set -eu
cd "$(dirname "$0")/.."
src=rules/2021-08-01.toml
out=tests/fixtures/lint
# R012: an assumption naming a behaviour secpa does not apply.
sed 's/^d3_calcul = { value = "proportionnel"/d3_calcul = { value = "par_trimestre"/' "$src" \
    > "$out/unsupported-assumption.toml"
# R013: the 2022 envelope runs into 2023, which has its own.
sed 's/^until = "2022-12-31"/until = "2023-03-31"/' "$src" > "$out/overlapping-envelopes.toml"
# R014: a third decimal, which no renderer writes.
sed 's/^decimals = 2/decimals = 3/' "$src" > "$out/decimals-above-cents.toml"
# An envelope of 0 € (2023), under the id of the shipped version it replaces with --rules.
sed 's/^amount = "9000000"/amount = "0"/' rules/2022-02-03.toml > tests/fixtures/budget/zero-2023.toml
