// Browser test of the web page (issue 14): Playwright drives Debian's Chromium on
// target/web/secpa.html opened from file://, loads the example workbook and a file with
// errors, and checks what the page shows against what `secpa compute` / `secpa check`
// printed for the same files (tests/browser/web.sh passes them in), that no request left
// the page, that it is usable at 400 px and by keyboard, and takes screenshots. Issue 23:
// the page never hangs: hostile workbooks, a WebAssembly trap, a cancel, and a file of
// 300 000 rows (downloaded and compared with `secpa compute`).
//
// Usage: node page.test.js PAGE.html EXPECTED.json OUT_DIR
"use strict";
const fs = require("fs");
const path = require("path");
const { spawnSync } = require("child_process");
const { launch } = require("./chromium");

const [pageFile, expectedFile, outDir] = process.argv.slice(2);
const expected = JSON.parse(fs.readFileSync(expectedFile, "utf8"));
const pageUrl = "file://" + path.resolve(pageFile);
let failures = 0, passes = 0;
function check(ok, what) {
  if (ok) { passes++; console.log("ok   " + what); } else { failures++; console.log("FAIL " + what); }
}

// JSON compared as values (members in any order).
function same(a, b) {
  const canon = v => Array.isArray(v) ? v.map(canon)
    : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map(k => [k, canon(v[k])])) : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

// The page's short answer, with the documents it offers fetched from its worker as the
// downloads are (`compute`: secpa compute --format json, `check`: secpa check --format json).
async function waitForAnswer(page, timeout) {
  await page.waitForFunction(() => window.secpaAnswer || window.secpaProblem, null, { timeout: timeout || 60000 });
  return page.evaluate(async () => {
    const a = window.secpaAnswer;
    if (!a) return { problem: String(window.secpaProblem && (window.secpaProblem.panic || window.secpaProblem.message)) };
    const text = async kind => (a.documents || []).includes(kind) ? new TextDecoder().decode(await secpaDocument(kind)) : null;
    const json = await text("json"), check = await text("check");
    return { ...a, summary: a.check, compute: json === null ? null : JSON.parse(json), check: check === null ? null : JSON.parse(check) };
  });
}

// A CSV of `rows` structures (the generator of scripts/bench.sh: FINESS and SIRET with
// their Luhn keys, in Seine-Saint-Denis); the rows whose i % 500 is under 10 have a taux de
// pauvreté under 1 % and are refused (E110).
function validCsv(file, rows) {
  const luhn = digits => {
    let total = 0;
    [...digits].reverse().forEach((c, i) => { const d = Number(c) * (i % 2 === 0 ? 2 : 1); total += d > 9 ? d - 9 : d; });
    return String((10 - total % 10) % 10);
  };
  const out = fs.openSync(file, "w");
  let chunk = "finess,siret,nom,type_structure,code_commune,implantation,code_qpv,file_active_mg," +
    "annee_file_active,taux_pauvrete,tiers_payant,tarifs_opposables,ouvert_a_tous," +
    "mission_proximite,mission_accueil_vulnerables,mission_soutien_psychologique," +
    "mission_mediation_sante,mission_demarche_participative," +
    "mission_accompagnement_social,mission_interpretariat,mission_prevention," +
    "mission_formation_evaluation,accord_ars_psy,montant_psy_demande,date_entree," +
    "date_depot,structure_fondatrice\n";
  for (let i = 0; i < rows; i++) {
    const finess = "93" + String(i).padStart(6, "0");
    const siret = String(123456789000 + i).padStart(13, "0");
    const rate = i % 500;
    chunk += `${finess}${luhn(finess)},${siret}${luhn(siret)},Centre de santé ${i},` +
      `centre_de_sante,93066,qpv,QP093040,${1000 + (i * 7919) % 5000},2021,` +
      `"${Math.floor(rate / 10)},${rate % 10}",integral,oui,oui,oui,oui,oui,oui,oui,oui,oui,` +
      `oui,oui,${i % 3 ? "oui" : "non"},${i % 3 ? (i * 37) % 60000 : 0},2022-03-01,` +
      `2021-10-01,non\n`;
    if (chunk.length > 1 << 20) { fs.writeSync(out, chunk); chunk = ""; }
  }
  fs.writeSync(out, chunk);
  fs.closeSync(out);
}

async function load(page, file) {
  await page.evaluate(() => { window.secpaAnswer = null; window.secpaProblem = null; });
  await page.setInputFiles("#file", file);
  return waitForAnswer(page);
}

(async () => {
  const { context, close } = await launch("secpa-web-");
  try {
    const page = context.pages()[0] || await context.newPage();
    const requests = [];
    // The worker is made from the page's own text (a blob: address, no network).
    page.on("request", r => { if (r.url() !== pageUrl && !r.url().startsWith("blob:")) requests.push(r.url()); });
    const errors = [];
    page.on("pageerror", e => errors.push(String(e)));
    page.on("console", m => { if (m.type() === "error") errors.push(m.text()); });

    await page.goto(pageUrl);
    await page.waitForFunction(() => window.secpaReady, null, { timeout: 60000 });
    check(true, "the page loads its WebAssembly from the file itself");

    // The template downloads, in both formats, and its example passes `secpa check`
    // (SECPA: the binary web.sh built); its empty « Candidatures » sheet has no structure.
    for (const format of ["xlsx", "ods"]) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#template-${format}`)]);
      const saved = path.join(outDir, `template.${format}`);
      await download.saveAs(saved);
      check(download.suggestedFilename() === `modele-candidatures.${format}`, `the template downloads as ${download.suggestedFilename()}`);
      const example = spawnSync(process.env.SECPA, ["check", saved, "--sheet", "Exemple"], { encoding: "utf8" });
      check(example.status === 0, `secpa check --sheet Exemple on the downloaded .${format} template exits ${example.status}`);
      const empty = spawnSync(process.env.SECPA, ["check", saved], { encoding: "utf8" });
      check(empty.status === 2 && empty.stderr.includes("E003"), `its sheet Candidatures is empty (E003, exit ${empty.status})`);
    }

    // The one-structure form: three structures typed field by field give the amounts
    // `secpa compute` gives for the same data in a file; what is missing is listed; the
    // filled form downloads as a row that `secpa check` accepts.
    const dotationFields = await page.evaluate(() => oneColumns.filter(c => c.dotation).map(c => c.name));
    const allFields = await page.evaluate(() => oneColumns.map(c => c.name));
    // The fixture's CSV has canonical tokens; the form's lists offer the values as people
    // write them (issue 20, item 5), never the tokens.
    const people = {
      centre_de_sante: "Centre de santé", msp: "Maison de santé pluriprofessionnelle (MSP)",
      qpv: "Quartier prioritaire (QPV)", quartier_vecu: "Quartier vécu",
      integral: "Intégral", partiel: "Partiel", non: "non", oui: "oui",
    };
    const offered = await page.evaluate(() => [...document.querySelectorAll("#one select option")].map(o => o.value));
    check(Object.values(people).every(v => offered.includes(v)) &&
          !["centre_de_sante", "msp", "qpv", "quartier_vecu", "integral"].some(t => offered.includes(t)),
          `the form's lists offer the values as people write them: ${[...new Set(offered)].join(" | ")}`);
    async function type(fields, names) {
      for (const name of names) {
        const id = `#one-${name}`;
        const tag = await page.evaluate(sel => document.querySelector(sel).tagName, id);
        const value = fields[name] || "";
        if (tag === "SELECT") {
          const option = name === "tiers_payant" && value === "non" ? "Non" : people[value] ?? value;
          await page.selectOption(id, option);
        } else await page.fill(id, value);
      }
    }
    for (const [i, f] of expected.form.entries()) {
      await type(f.fields, dotationFields);
      const shown = await page.locator("#one-amounts tbody td").allTextContents();
      check(JSON.stringify(shown) === JSON.stringify(f.amounts),
            `form, structure ${i + 1}: ${shown.join(" | ")} = secpa compute's ${f.amounts.join(" | ")}`);
    }
    const explained = await page.textContent("#one-explain");
    check(explained.includes(expected.form[2].amounts[4]), "the form explains its amounts (secpa explain)");
    await page.fill("#one-file_active_mg", "");
    const missing = await page.textContent("#one-missing");
    check(missing.includes("File active MG") && (await page.locator("#one-amounts tbody td").count()) === 0,
          `an empty file active is listed as missing: ${missing.trim()}`);
    await page.click("#one details summary");
    await type(expected.form[0].fields, allFields);
    const [row] = await Promise.all([page.waitForEvent("download"), page.click("#one-csv")]);
    const rowFile = path.join(outDir, "form-row.csv");
    await row.saveAs(rowFile);
    const checked = spawnSync(process.env.SECPA, ["check", rowFile], { encoding: "utf8" });
    check(checked.status === 0, `secpa check on the form's downloaded row exits ${checked.status} ${checked.stderr.trim()}`);
    // The same row as a one-row workbook (.xlsx): `secpa check` accepts it, and `secpa
    // compute` gives the amounts the form shows and the CSV download gives.
    const shownAll = await page.locator("#one-amounts tbody td").allTextContents();
    check(JSON.stringify(shownAll) === JSON.stringify(expected.form[0].amounts),
          `the filled form shows ${shownAll.join(" | ")} = secpa compute's ${expected.form[0].amounts.join(" | ")}`);
    const [book] = await Promise.all([page.waitForEvent("download"), page.click("#one-xlsx")]);
    const bookFile = path.join(outDir, "form-row.xlsx");
    await book.saveAs(bookFile);
    check(book.suggestedFilename() === "candidature.xlsx", `the form's workbook downloads as ${book.suggestedFilename()}`);
    const bookChecked = spawnSync(process.env.SECPA, ["check", bookFile], { encoding: "utf8" });
    check(bookChecked.status === 0, `secpa check on the form's downloaded .xlsx exits ${bookChecked.status} ${bookChecked.stderr.trim()}`);
    const amounts = file => {
      const run = spawnSync(process.env.SECPA, ["compute", "--format", "json", file], { encoding: "utf8" });
      const s = run.status === 0 ? JSON.parse(run.stdout).structures : [];
      return s.length === 1 ? JSON.stringify({ dotations: s[0].dotations, total: s[0].total }) : `exit ${run.status}, ${s.length} structures`;
    };
    const fromBook = amounts(bookFile), fromCsv = amounts(rowFile);
    check(fromBook === JSON.stringify(expected.form[0].computed),
          `secpa compute on the .xlsx row: ${fromBook} = the form's ${JSON.stringify(expected.form[0].computed)}`);
    check(fromBook === fromCsv, `secpa compute on the .xlsx row = on the CSV row (${fromCsv})`);
    await page.screenshot({ path: path.join(outDir, "web-form.png"), fullPage: true });

    // The example workbook: 26 structures, the total `secpa compute` gives.
    const good = await load(page, expected.good.file);
    const shown = (await page.textContent("#total")).trim();
    check(shown === expected.good.total_fr, `total shown ${shown} = secpa compute's ${expected.good.total_fr}`);
    const rows = await page.locator("#structures tbody tr").count();
    check(rows === expected.good.structures, `${rows} structures shown, secpa compute gives ${expected.good.structures}`);
    check(same(good.compute, expected.good.compute),
          "the page's compute JSON is secpa compute --format json");
    check(same(good.check, expected.good.check),
          "the page's check JSON is secpa check --format json");
    const provisional = await page.isVisible("#provisional");
    check(provisional === expected.good.compute.provisional, "the provisional notice follows the rules");
    const notice = await page.textContent("#provisional");
    check(provisional && !notice.includes("dotations.") && notice.includes("D1"),
          "the provisional values are named by their labels, not their keys");
    const bars = await page.locator('#chart [aria-labelledby^="bar-"]').count();
    check(bars === expected.good.structures, `the chart has ${bars} bars`);
    const links = await page.locator("#downloads button[data-document]").count();
    check(links === 5, `${links} downloads (CSV, workbook, HTML report, JSON, check JSON)`);
    // Each download is written by the worker when clicked, and saved through a Blob.
    const saved = {};
    for (const kind of ["csv", "xlsx", "html", "json", "check"]) {
      const button = page.locator(`#downloads button[data-document="${kind}"]`);
      const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
      saved[kind] = path.join(outDir, `good-download-${kind}`);
      await file.saveAs(saved[kind]);
      check(file.suggestedFilename() === await button.getAttribute("data-name"), `the ${kind} download is named ${file.suggestedFilename()}`);
    }
    check(fs.readFileSync(saved.xlsx).subarray(0, 2).toString() === "PK", "the workbook download is a zip (.xlsx)");
    check(fs.readFileSync(saved.csv, "utf8") === expected.good.csv, "the CSV download is secpa compute --format csv");
    // Byte for byte: not the same values re-printed (key order, spacing, final line feed).
    const computeBytes = fs.readFileSync(expected.good.compute_bytes);
    check(computeBytes.length > 100 && fs.readFileSync(saved.json).equals(computeBytes),
          `the JSON download is secpa compute --format json, byte for byte (${computeBytes.length} bytes)`);
    const checkBytes = fs.readFileSync(expected.good.check_bytes);
    check(checkBytes.length > 100 && fs.readFileSync(saved.check).equals(checkBytes),
          `the check JSON download is secpa check --format json, byte for byte (${checkBytes.length} bytes)`);
    const report = fs.readFileSync(saved.html, "utf8");
    check(report.startsWith("<!DOCTYPE html>") && report.includes('aria-labelledby="chart-h"'), "the HTML report download is the report");
    // Explain on click: the trace of the first structure ends on its total.
    await page.locator("#structures tbody tr").first().locator("button").click();
    // The worker writes the trace: it shows once it is there.
    await page.waitForSelector("#explain-box", { state: "visible", timeout: 60000 });
    const trace = await page.textContent("#explain");
    const firstTotal = (await page.locator("#structures tbody tr").first().locator("td").last().textContent()).trim();
    check(trace.includes(firstTotal) && trace === expected.good.explain,
          `explain on click is secpa explain --row ${good.compute.structures[0].row}`);
    await page.screenshot({ path: path.join(outDir, "web.png"), fullPage: true });

    // At 360 px the message column of the diagnostics keeps a readable width.
    await page.setViewportSize({ width: 360, height: 800 });
    const messageWidth = await page.evaluate(() => {
      const cell = document.querySelector("#warnings tbody td.message");
      return cell ? cell.getBoundingClientRect().width : 0;
    });
    check(messageWidth >= 200, `at 360 px the message column is ${Math.round(messageWidth)} px wide`);
    await page.screenshot({ path: path.join(outDir, "web-360.png"), fullPage: true });

    // Readable at 400 px: nothing wider than the window but inside scrolling boxes.
    await page.setViewportSize({ width: 400, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    check(overflow <= 400, `at 400 px the page is ${overflow} px wide`);
    await page.screenshot({ path: path.join(outDir, "web-400.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // A file with errors: the diagnostics, errors and warnings apart, as secpa check says.
    const bad = await load(page, expected.bad.file);
    const errorRows = await page.locator("#errors tbody tr").count();
    const warningRows = await page.locator("#warnings tbody tr").count();
    check(errorRows === expected.bad.errors, `${errorRows} errors shown, secpa check gives ${expected.bad.errors}`);
    check(warningRows === expected.bad.warnings, `${warningRows} warnings shown, secpa check gives ${expected.bad.warnings}`);
    const codes = await page.locator("#errors tbody tr td:nth-child(3) summary").allTextContents();
    check(JSON.stringify(codes) === JSON.stringify(expected.bad.error_codes), `error codes ${codes.join(" ")}`);
    const first = await page.locator("#errors tbody tr").first().locator("td").allTextContents();
    const d = expected.bad.first_error;
    // The column in her words (issue 20, item 6): its letter and her header, as the CLI's JSON gives them.
    const column = d.header ? (d.letter ? `${d.letter} « ${d.header} »` : `« ${d.header} »`) : "—";
    check(first[0] === String(d.row ?? "—") && first[1] === column && first[3] === d.message && first[4] === (d.help ?? ""),
          "the first error shows its row, column, message and help");
    check(same(bad.check, expected.bad.check), "the bad file's check JSON is secpa check's");
    const errorsHeading = (await page.textContent("#errors-h")).trim();
    check(errorsHeading === `Erreurs (${expected.bad.errors})`, `the errors' heading counts errors only: ${errorsHeading}`);
    const unpaid = (await page.textContent("#unpaid")).trim();
    check(unpaid.startsWith("Lignes non payées : "), `the rows not paid are named: ${unpaid}`);
    check(same(bad.compute, expected.bad.compute), "the bad file's compute JSON is secpa compute's");
    await page.screenshot({ path: path.join(outDir, "web-bad.png"), fullPage: true });

    // Workbooks of several sheets (issue 19): the sheet read by default is the command
    // line's (the one shown on opening, never a hidden one; the only one with a header),
    // the others can be chosen, and each choice gives secpa compute --sheet's document.
    for (const w of expected.sheets) {
      const answer = await load(page, w.file);
      check(await page.isVisible("#sheet-choice"), `${w.file}: the sheet choice is offered`);
      const chosen = await page.inputValue("#sheet");
      check(chosen === w.read, `${w.file}: sheet « ${chosen} » read by default, secpa reads « ${w.read} »`);
      check(same(answer.compute, w.compute), `${w.file}: the page's compute JSON is secpa compute's`);
      const options = await page.locator("#sheet option").count();
      check(options === w.count, `${w.file}: ${options} sheets offered, the workbook has ${w.count}`);
      await page.evaluate(() => { window.secpaAnswer = null; });
      await page.selectOption("#sheet", w.other);
      const other = await waitForAnswer(page);
      check(same(other.compute, w.other_compute),
            `${w.file}: sheet « ${w.other} » chosen gives secpa compute --sheet's document`);
    }
    for (const w of expected.same) {
      const answer = await load(page, w.file);
      const paid = (answer.compute && answer.compute.structures || []).length;
      check(same(answer.compute, w.compute), `${w.file}: the page pays what secpa compute pays (${paid} structures)`);
    }
    // Headers (issue 20): the table of secpa columns, and a choice per unrecognised header
    // when a column is missing; the choice gives secpa compute --column's document.
    const c = expected.columns;
    const before = await load(page, c.file);
    check(same(before.view.columns, c.before), `${c.file}: the columns shown are secpa columns --format json's`);
    const columnRows = await page.locator("#columns tbody tr").count();
    check(columnRows === c.before.length, `${columnRows} headers shown, secpa columns gives ${c.before.length}`);
    const choice = page.locator(`#columns select[data-header="${c.header}"]`);
    check(await choice.count() === 1 && (await choice.locator("option").allTextContents()).includes(c.key),
          `a choice for « ${c.header} » lists the missing ${c.key}`);
    await page.evaluate(() => { window.secpaAnswer = null; });
    await choice.selectOption(c.key);
    const after = await waitForAnswer(page);
    check(same(after.view.columns, c.after), "once chosen, the columns are secpa columns --column's");
    check(same(after.compute, c.compute), "once chosen, the amounts are secpa compute --column's");
    await page.screenshot({ path: path.join(outDir, "web-columns.png"), fullPage: true });
    const single = await load(page, expected.good.file);
    check(!(await page.isVisible("#sheet-choice")) && single.view.sheets === null,
          "a workbook of one sheet offers no choice");
    // Issue 23: the page never hangs. Hostile workbooks (each once made calamine allocate
    // gigabytes or abort): a message, never a stuck page, and the next file works.
    const hostile = fs.readdirSync("tests/fixtures/bad").filter(f => /^hostile-/.test(f)).map(f => `tests/fixtures/bad/${f}`);
    for (const file of hostile) {
      const t0 = Date.now();
      const got = await load(page, file);
      const said = got.problem || (got.view && [...got.view.errors].map(d => d.code).join(" "));
      check(Boolean(said), `${file}: said in ${Date.now() - t0} ms: ${said}`);
    }
    // No known file makes the reader panic any more (the fuzz targets find none), so the
    // trap is made where a reader's panic would happen: the run panics at its first row
    // (the test-only option panic_at_row), which with panic = "abort" traps the
    // WebAssembly (RuntimeError: unreachable).
    await page.evaluate(() => { window.secpaTestOptions = { panic_at_row: 1 }; });
    const trapped = await load(page, expected.good.file);
    const problemShown = await page.isVisible("#problem") ? (await page.textContent("#problem")).trim() : "";
    const trap = await page.evaluate(() => window.secpaProblem);
    check(trap && trap.name === "RuntimeError" && /panic_at_row/.test(trap.panic || ""),
          `the panic traps the WebAssembly: ${trap && trap.name}: ${trap && trap.message} (panic: ${trap && trap.panic})`);
    check(trapped.problem && problemShown.includes("erreur interne") && problemShown.includes("La page reste utilisable"),
          `a plain French message is shown: ${problemShown}`);
    check(!(await page.isVisible("#results")), "no stale result is shown after the trap");
    await page.evaluate(() => { window.secpaTestOptions = null; });
    const afterTrap = await load(page, expected.bad.file);
    check(afterTrap.summary && afterTrap.summary.errors === expected.bad.errors && !(await page.isVisible("#problem")),
          `the next file works in a fresh worker (${afterTrap.summary && afterTrap.summary.errors} errors, as secpa check)`);
    // The same trap in English: the message follows the page's language.
    await page.click("#lang");
    await page.waitForFunction(() => window.secpaAnswer, null, { timeout: 60000 });
    await page.evaluate(() => { window.secpaTestOptions = { panic_at_row: 1 }; });
    await load(page, expected.good.file);
    const problemEn = (await page.textContent("#problem")).trim();
    check(problemEn.includes("internal error") && problemEn.includes("still usable"), `English: ${problemEn}`);
    await page.evaluate(() => { window.secpaTestOptions = null; });
    await page.click("#lang");
    await page.waitForFunction(() => window.secpaAnswer, null, { timeout: 60000 });

    // 300 000 rows: the page stays responsive (progress, cancel), completes, and its CSV
    // download is secpa compute --format csv on the same file.
    const bigRows = Number(process.env.SECPA_WEB_ROWS || 300000);
    const big = path.join(outDir, `valid-${bigRows}.csv`);
    validCsv(big, bigRows);
    await page.evaluate(() => { window.secpaAnswer = null; window.secpaProblem = null; window.secpaProgress = null; });
    await page.setInputFiles("#file", big);
    await page.waitForFunction(() => window.secpaProgress && window.secpaProgress.row > 0, null, { timeout: 120000 });
    // The main thread answers while the worker reads.
    const t1 = Date.now();
    await page.evaluate(() => new Promise(r => setTimeout(r, 0)));
    const bar = await page.evaluate(() => [document.getElementById("progress-text").textContent, document.getElementById("progress").hidden]);
    check(Date.now() - t1 < 1000 && !bar[1] && /ligne/.test(bar[0]), `while reading, the page answers in ${Date.now() - t1} ms and shows « ${bar[0]} »`);
    await page.click("#cancel");
    const cancelled = (await page.textContent("#status")).trim();
    check(cancelled.includes("annulé") && !(await page.isVisible("#progress")), `cancel: ${cancelled}`);
    const afterCancel = await load(page, expected.bad.file);
    check(afterCancel.summary && afterCancel.summary.errors === expected.bad.errors, "after a cancel, the next file works");
    const t2 = Date.now();
    await page.evaluate(() => { window.secpaAnswer = null; window.secpaProblem = null; });
    await page.setInputFiles("#file", big);
    await page.waitForFunction(() => window.secpaAnswer || window.secpaProblem, null, { timeout: 900000, polling: 1000 });
    const bigAnswer = await page.evaluate(() => window.secpaAnswer);
    const seconds = (Date.now() - t2) / 1000;
    const bigPaid = bigRows - 10 * Math.floor(bigRows / 500) - Math.min(10, bigRows % 500);
    check(bigAnswer && bigAnswer.view.counts.structures === bigPaid && bigAnswer.view.structures.length === 1000 &&
          bigAnswer.view.counts.errors === bigRows - bigPaid && bigAnswer.view.errors.length === 1000,
          `${bigRows} rows (${bigPaid} paid, ${bigRows - bigPaid} E110) computed in ${seconds.toFixed(1)} s (worker memory ${(await page.evaluate(() => window.secpaWorkerMemory) / 1048576).toFixed(0)} MiB), 1 000 listed`);
    // Numbers as French writes them: 1 000 (a narrow no-break space).
    const cut = (await page.textContent('#dotations-section p.cut')).replace(/[\u00a0\u202f]/g, " ");
    check(cut.includes("1 000") && cut.includes("téléchargements"), `the page says the list is cut: ${cut}`);
    const cutErrors = await page.textContent('#errors-block p.cut');
    check(cutErrors.includes("erreurs") && cutErrors.includes("Contrôle JSON"), `and the list of errors: ${cutErrors}`);
    const t3 = Date.now();
    const [bigCsv] = await Promise.all([page.waitForEvent("download", { timeout: 300000 }), page.click('#downloads button[data-document="csv"]')]);
    const bigSaved = path.join(outDir, `valid-${bigRows}-dotations.csv`);
    await bigCsv.saveAs(bigSaved);
    const cli = spawnSync(process.env.SECPA, ["compute", "--format", "csv", big], { maxBuffer: 1 << 30 });
    const downloaded = fs.readFileSync(bigSaved);
    // Exit 1: the E110 rows.
    check(cli.status === 1 && downloaded.equals(cli.stdout),
          `its CSV download (${(downloaded.length / 1048576).toFixed(1)} MiB, written in ${((Date.now() - t3) / 1000).toFixed(1)} s) is secpa compute --format csv's`);
    fs.rmSync(big);
    fs.rmSync(bigSaved);

    // Back to the file with errors, for the keyboard and language checks below.
    await load(page, expected.bad.file);

    // Keyboard: the language switch is reached with Tab and pressed with Enter.
    // A click on the title puts the start of keyboard navigation at the top of the page.
    await page.click("h1");
    let reached = false;
    for (let i = 0; i < 10 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await page.evaluate(() => document.activeElement && document.activeElement.id === "lang");
    }
    check(reached, "the language switch is reached with Tab");
    await page.evaluate(() => { window.secpaAnswer = null; });
    await page.keyboard.press("Enter");
    await waitForAnswer(page);
    const heading = (await page.textContent("#check-h")).trim();
    const message = (await page.locator("#errors tbody tr").first().locator("td").nth(3).textContent()).trim();
    check(heading === "Check" && message === expected.bad.first_error_en, "English: the page and the messages");
    await page.locator("#errors tbody tr").first().locator("summary").click();
    const codeText = await page.locator("#errors tbody tr").first().locator("td.code").textContent();
    check(codeText.includes("What to do"), "each code shows its text (secpa code) next to it");
    // Every control has an accessible name.
    const unnamed = await page.evaluate(() => [...document.querySelectorAll("input, select, button")]
      .filter(e => !(e.labels && e.labels.length) && !e.getAttribute("aria-label")
        && !(e.tagName === "BUTTON" && e.textContent.trim())).map(e => e.id || e.outerHTML));
    check(unnamed.length === 0, `every control is labelled ${unnamed.join(" ")}`);

    check(requests.length === 0, `no request left the page ${requests.join(" ")}`);
    check(errors.length === 0, `no script error ${errors.join(" | ")}`);
  } finally {
    await close();
  }
  console.log(`browser (web page): ${passes} passed, ${failures} failed`);
  process.exit(failures ? 1 : 0);
})().catch(e => { console.error(e); process.exit(1); });
