// Browser test of the HTML reports (issue 15, item 8): Playwright drives Debian's Chromium on
// the compute report and the budget page that tests/browser/render.sh wrote, at 1280 px and
// at 360 px (a phone), and checks what a reader sees: the page never wider than the screen
// (wide tables scroll inside their own box), every structure's bar long enough to read, an
// unknown envelope drawn as unknown (an empty hatched frame saying so, no bar), provisional
// values by their labels, every code of the page explained in the page, and no link to a
// file the reader does not have. Takes a full-page screenshot at each width.
//
// Usage: node report.test.js OUT_DIR   (reads OUT_DIR/rapport.html and OUT_DIR/budget.html)
"use strict";
const fs = require("fs");
const path = require("path");
const { launch } = require("./chromium");

const outDir = path.resolve(process.argv[2]);
let failures = 0, passes = 0;
function check(ok, what) {
  if (ok) { passes++; console.log("ok   " + what); } else { failures++; console.log("FAIL " + what); }
}

// Elements that stick out of the window, outside the boxes meant to scroll.
function overflowing(width) {
  const out = [];
  for (const e of document.body.querySelectorAll("*")) {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 0.5) continue;
    if (e.closest(".scroll")) continue;
    out.push(e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className : "") + " " + Math.round(r.right));
  }
  return out;
}

async function common(page, name, width) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  check(scroll <= width, `${name} at ${width} px: the page is ${scroll} px wide`);
  const out = await page.evaluate(overflowing, width);
  check(out.length === 0, `${name} at ${width} px: nothing sticks out but scrolling tables ${out.slice(0, 5).join(", ")}`);
  // Codes: every code shown in a diagnostics table has its line in the page's legend.
  const shown = await page.$$eval("#errors-h ~ .scroll tbody tr td:nth-child(3)", tds => [...new Set(tds.map(t => t.textContent.trim()))]);
  const legend = await page.$$eval("dl.codes dt", dts => dts.map(d => d.textContent.trim()));
  check(shown.every(c => legend.includes(c)), `${name}: the codes ${shown.join(" ")} are explained in the page (${legend.join(" ")})`);
  const titles = await page.$$eval("dl.codes dd", dds => dds.map(d => d.textContent.trim()));
  check(titles.every(t => t.length > 5), `${name}: each code has its meaning`);
  // Links: only to places in the page; no docs/ the reader does not have.
  const links = await page.$$eval("a[href]", as => as.map(a => a.getAttribute("href")));
  check(links.every(h => h.startsWith("#")), `${name}: links only within the page ${links.join(" ")}`);
  const text = await page.evaluate(() => document.body.innerText);
  check(!/docs\/|\.md\b/.test(text), `${name}: no reference to a file of the repository`);
  check(!text.includes("HalfAwayFromZero"), `${name}: the rounding mode in words`);
  const provisional = await page.$$eval("ul.provisional li", lis => lis.map(l => l.textContent));
  check(provisional.length > 0 && provisional.every(l => !l.includes("dotations.") && !/\[\d+\]/.test(l)),
        `${name}: ${provisional.length} provisional values by their labels (${provisional[2] || ""})`);
}

(async () => {
  const { context, close } = await launch("secpa-report-");
  try {
    const page = context.pages()[0] || await context.newPage();
    const requests = [];
    page.on("request", r => { if (!r.url().startsWith("file://")) requests.push(r.url()); });
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: 900 });

      await page.goto("file://" + path.join(outDir, "rapport.html"));
      await common(page, "compute report", width);
      // Bars: each structure's bar is drawn at a readable length (not a hairline), and the
      // longest one fills most of the row.
      const bars = await page.$$eval("ol.bars svg", svgs => svgs.map(s => s.getBoundingClientRect().width));
      const min = Math.min(...bars);
      check(bars.length === 26 && min >= Math.min(300, width - 60),
            `compute report at ${width} px: ${bars.length} bars, the narrowest drawing ${Math.round(min)} px wide`);
      const longest = await page.$$eval("ol.bars svg", svgs => Math.max(...svgs.map(s =>
        [...s.querySelectorAll("rect")].reduce((w, r) => w + r.getBoundingClientRect().width, 0))));
      check(longest >= Math.min(300, width - 60) * 0.9, `compute report at ${width} px: the longest bar is ${Math.round(longest)} px`);
      const envelope = await page.$$eval(".gauge svg", svgs => svgs.map(s => s.getBoundingClientRect().width));
      check(envelope.length === 1 && envelope[0] >= Math.min(640, width - 40),
            `compute report at ${width} px: the envelope gauge is ${Math.round(envelope[0])} px wide`);
      await page.screenshot({ path: path.join(outDir, `rapport-${width}.png`), fullPage: true });

      await page.goto("file://" + path.join(outDir, "budget.html"));
      await common(page, "budget page", width);
      // A year without an envelope, or inside an envelope of several years (issue 21: compared
      // with the years together, never alone): an empty hatched frame that says which, no bar.
      const unknown = await page.$$eval(".gauge svg.unknown", svgs => svgs.map(s => ({
        hatched: /url\(#.*-hatch\)/.test(s.querySelector(".unknown-frame")?.getAttribute("fill") || ""),
        text: s.querySelector(".unknown-text")?.textContent.trim(),
        bars: s.querySelectorAll("rect.total").length,
        width: s.querySelector(".unknown-frame")?.getBoundingClientRect().width || 0,
      })));
      const framed = ["enveloppe inconnue", "enveloppe de plusieurs années ensemble"];
      check(unknown.some(u => u.text === "enveloppe inconnue")
            && unknown.every(u => u.hatched && framed.includes(u.text) && u.bars === 0 && u.width > 200),
            `budget page at ${width} px: ${unknown.length} years without a yearly envelope hatched, « enveloppe inconnue » or « … plusieurs années ensemble », no bar ${JSON.stringify(unknown)}`);
      const known = await page.$$eval(".gauge svg:not(.unknown) rect.total", rs => rs.map(r => r.getBoundingClientRect().width));
      check(known.length >= 1 && known.every(w => w >= 20), `budget page at ${width} px: ${known.length} total bars, the shortest ${Math.round(Math.min(...known))} px`);
      await page.screenshot({ path: path.join(outDir, `budget-${width}.png`), fullPage: true });
    }
    check(requests.length === 0, `no request left the pages ${requests.join(" ")}`);
  } finally {
    await close();
  }
  console.log(`browser (reports): ${passes} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
})().catch(e => { console.error(e); process.exit(1); });
