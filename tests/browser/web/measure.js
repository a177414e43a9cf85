// Time and memory of the web page on one file (issue 23; figures in docs/robustness.md):
// Chromium opens PAGE from file://, the file is dropped, and the time until the page shows
// its answer is taken, with
// - the page's JavaScript heap (CDP Performance.getMetrics JSHeapUsedSize, sampled every
//   0.5 s: a page computing on its main thread answers only between tasks),
// - the worker's WebAssembly memory (what the page records, window.secpaWorkerMemory;
//   absent before the worker),
// - the peak resident memory of the page's renderer process (VmHWM, Linux), which holds
//   the page, its worker and their WebAssembly,
// then, when the page offers downloads on demand, the time to write each download asked
// (default: the CSV) and the worker's WebAssembly memory after it.
//
// Usage: node measure.js PAGE.html FILE [KIND,...]   (KIND: csv, xlsx, html, json, check;
// prints one JSON line)
"use strict";
const fs = require("fs");
const path = require("path");
const { launch } = require("./chromium");

const [pageFile, file, kinds] = process.argv.slice(2);

// The renderer processes below the browser that uses `profile`.
function renderers(profile) {
  const info = {};
  for (const pid of fs.readdirSync("/proc").filter(p => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      const ppid = Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
      info[pid] = { cmd, ppid };
    } catch (e) { /* gone */ }
  }
  const below = pid => {
    for (let p = Number(pid), n = 0; p > 1 && n < 10; p = info[p] ? info[p].ppid : 0, n++) {
      if (info[p] && info[p].cmd.includes(profile) && !info[p].cmd.includes("--type=")) return true;
    }
    return false;
  };
  return Object.keys(info).filter(pid => info[pid].cmd.includes("--type=renderer") && below(pid));
}

function peakKib(pids) {
  let peak = 0;
  for (const pid of pids) {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (m) peak = Math.max(peak, Number(m[1]));
    } catch (e) { /* gone */ }
  }
  return peak;
}

(async () => {
  const { context, close } = await launch("secpa-measure-");
  const result = { page: path.basename(pageFile), file: path.basename(file), bytes: fs.statSync(file).size };
  try {
    const page = context.pages()[0] || await context.newPage();
    const errors = [];
    page.on("pageerror", e => errors.push(String(e)));
    await page.goto("file://" + path.resolve(pageFile));
    await page.waitForFunction(() => window.secpaReady, null, { timeout: 120000 });
    const profile = "secpa-measure-";   // in the browser's --user-data-dir
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    let heap = 0, sampling = true;
    const sample = async () => {
      while (sampling) {
        const { metrics } = await cdp.send("Performance.getMetrics");
        heap = Math.max(heap, metrics.find(m => m.name === "JSHeapUsedSize").value);
        await new Promise(r => setTimeout(r, 500));
      }
    };
    const sampler = sample();
    await page.evaluate(() => { window.secpaAnswer = null; window.secpaProblem = null; });
    const t0 = Date.now();
    await page.setInputFiles("#file", file);
    // Until an answer, a message, or a script error (the page before issue 23 had no message).
    for (const end = Date.now() + 1800000; Date.now() < end && !errors.length;) {
      if (await page.evaluate(() => Boolean(window.secpaAnswer || window.secpaProblem))) break;
      await new Promise(r => setTimeout(r, 500));
    }
    result.seconds = (Date.now() - t0) / 1000;
    result.answered = await page.evaluate(() => Boolean(window.secpaAnswer && !window.secpaAnswer.fatal));
    result.problem = await page.evaluate(() => window.secpaProblem ? String(window.secpaProblem.panic || window.secpaProblem.message) : null);
    const offersOnDemand = await page.evaluate(() => typeof window.secpaDocument === "function");
    result.worker_wasm_mib_answer = +((await page.evaluate(() => window.secpaWorkerMemory || 0)) / 1048576).toFixed(1);
    for (const kind of offersOnDemand && result.answered ? (kinds || "csv").split(",") : []) {
      const t1 = Date.now();
      const [download] = await Promise.all([page.waitForEvent("download", { timeout: 900000 }),
                                            page.click(`#downloads button[data-document="${kind}"]`)]);
      const saved = path.join(path.dirname(file), `measure-download.${kind}`);
      await download.saveAs(saved);
      result[`${kind}_seconds`] = (Date.now() - t1) / 1000;
      result[`${kind}_bytes`] = fs.statSync(saved).size;
      result[`${kind}_worker_wasm_mib`] = +((await page.evaluate(() => window.secpaWorkerMemory || 0)) / 1048576).toFixed(1);
      fs.rmSync(saved);
    }
    sampling = false;
    await sampler.catch(() => {});
    result.js_heap_peak_mib = +(heap / 1048576).toFixed(1);
    result.worker_wasm_mib = +((await page.evaluate(() => window.secpaWorkerMemory || 0)) / 1048576).toFixed(1);
    result.renderer_peak_rss_mib = +(peakKib(renderers(profile)) / 1024).toFixed(1);
    result.errors = errors;
  } finally {
    await close();
  }
  console.log(JSON.stringify(result));
})().catch(e => { console.error(e); process.exit(1); });
