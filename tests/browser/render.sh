#!/usr/bin/env bash
# Browser test of the HTML reports (issue 7): renders the example compute report and the
# example budget page in headless Chromium to PNGs and checks that the pages are not blank,
# that the compute bars are drawn (pixels of each dotation colour) and that the budget
# gauges are (blue totals, orange for the period over its envelope); then, with node, the
# Playwright checks of tests/browser/web/report.test.js at 1280 px and 360 px. Needs
# `chromium` (Debian package) and python3 (and node/npm for the widths).
#
# Usage: tests/browser/render.sh [OUT_DIR]   (default: target/browser)
# SECPA=path/to/secpa uses that binary instead of building one.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/browser}
mkdir -p "$out"
out=$(cd "$out" && pwd)

command -v chromium >/dev/null || { echo "render.sh: chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
if [ -z "${SECPA:-}" ]; then
    cargo build --release --locked --quiet
    SECPA=target/release/secpa
fi

# The example batch for 2022: 26 structures against a known envelope (12 M€).
SECPA_TODAY=2026-11-25 "$SECPA" compute examples/candidatures.csv --year 2022 \
    --format html --output "$out/rapport.html" 2>/dev/null

# The page must hold the 26 structures (one bar each) and the envelope, before any pixel.
bars=$(grep -c 'aria-labelledby="bar-' "$out/rapport.html" || true)
[ "$bars" -eq 26 ] || { echo "render.sh: $bars bars in the HTML, expected 26" >&2; exit 1; }
grep -q '12 000 000,00 €' "$out/rapport.html" || { echo "render.sh: the 2022 envelope is missing" >&2; exit 1; }
if grep -qiE '<script|https?://' "$out/rapport.html"; then
    echo "render.sh: the report must be self-contained (no script, no URL)" >&2; exit 1
fi

# The budget page: six years (2021–2026), one gauge each, and one per envelope of several
# years (2022–2023, 2024–2025: issue 21); with the fixture's 15 M€ for 2022–2023, that
# period is over its envelope (the shipped 30 M€ is not).
SECPA_TODAY=2026-11-25 "$SECPA" budget examples/candidatures.csv \
    --rules tests/fixtures/budget/multi-year-over.toml \
    --format html --output "$out/budget.html" 2>/dev/null
gauges=$(grep -c '<section class="gauge"' "$out/budget.html" || true)
[ "$gauges" -eq 8 ] || { echo "render.sh: $gauges gauges in the budget page, expected 8" >&2; exit 1; }
if grep -qiE '<script|https?://' "$out/budget.html"; then
    echo "render.sh: the budget page must be self-contained (no script, no URL)" >&2; exit 1
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
# Renders $1.html to $1.png. No network: every flag that would make Chromium call home is off.
shoot() {
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --disable-dev-shm-usage --hide-scrollbars --user-data-dir="$profile" \
        --screenshot="$out/$1.png" --window-size=1280,"$2" \
        "file://$out/$1.html" >"$out/chromium-$1.log" 2>&1 || {
        echo "render.sh: chromium failed, see $out/chromium-$1.log" >&2; tail -5 "$out/chromium-$1.log" >&2; exit 1; }
}

shoot rapport 2000
stats=$(python3 tests/browser/png_stats.py "$out/rapport.png")
echo "render.sh: $out/rapport.png $stats"
python3 - "$stats" <<'PY'
import json, sys
s = json.loads(sys.argv[1])
problems = []
if s["non_white_share"] < 0.03:
    problems.append(f"the page is (nearly) blank: {s['non_white_share']:.2%} non-white")
for name in ("participative", "precarite", "interpretariat", "psychologique"):
    count = s["colours"][name]
    if count < 200:
        problems.append(f"dotation {name}: {count} pixels of its colour, the bars are not drawn")
if problems:
    sys.exit("render.sh: " + "; ".join(problems))
PY

shoot budget 2200
stats=$(python3 tests/browser/png_stats.py "$out/budget.png")
echo "render.sh: $out/budget.png $stats"
python3 - "$stats" <<'PY'
import json, sys
s = json.loads(sys.argv[1])
problems = []
if s["non_white_share"] < 0.03:
    problems.append(f"the page is (nearly) blank: {s['non_white_share']:.2%} non-white")
# Gauge totals are drawn in the participative blue; the year over its envelope in orange.
if s["colours"]["participative"] < 2000:
    problems.append(f"{s['colours']['participative']} blue pixels: the gauges are not drawn")
# (the orange notice border alone is a few hundred pixels; the 2023 bar is thousands)
if s["colours"]["over"] < 5000:
    problems.append(f"{s['colours']['over']} orange pixels: the year over its envelope is not highlighted")
if problems:
    sys.exit("render.sh: " + "; ".join(problems))
PY
# The pages as a reader sees them at 1280 px and on a phone (360 px), driven by Playwright
# (issue 15, item 8): no horizontal overflow but inside the scrolling tables, bars of a
# readable length, the unknown envelope hatched and named, codes explained in the page.
if [ ! -d tests/browser/web/node_modules/playwright-core ] && command -v npm >/dev/null; then
    (cd tests/browser/web && npm ci --no-audit --no-fund --silent)
fi
if command -v node >/dev/null && [ -d tests/browser/web/node_modules/playwright-core ]; then
    node tests/browser/web/report.test.js "$out"
    for shot in rapport-1280 rapport-360 budget-1280 budget-360; do
        stats=$(python3 tests/browser/png_stats.py "$out/$shot.png")
        echo "render.sh: $out/$shot.png $stats"
        python3 -c 'import json, sys
s = json.loads(sys.argv[1])
sys.exit(0 if s["non_white_share"] >= 0.03 else "render.sh: %s is (nearly) blank" % sys.argv[2])' "$stats" "$shot"
    done
else
    echo "render.sh: node or playwright-core absent: the 360 px / 1280 px checks of the reports are skipped"
fi
echo "browser: 2 passed, 0 failed"
