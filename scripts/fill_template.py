#!/usr/bin/env python3
"""Fills the template workbooks of `secpa template` as a coordinator would, with real
programs, for tests/integration/template.rs:

- tests/fixtures/template/structures.csv: three structures of examples/candidatures.csv
  (FINESS 060000247, whose FINESS and commune code start with a zero; 730000080;
  260000070, without the ARS agreement), the same data as a CSV;
- rempli-openpyxl.xlsx: the .xlsx template filled by openpyxl, cells typed as Excel stores
  what is typed in them: the value (codes as text, numbers, dates, the rate 46.0 in a
  column shown with « % ») and the column's format, which Excel gives a cell typed in;
- rempli-libreoffice.ods and rempli-libreoffice.xlsx: the .ods and .xlsx templates opened
  by LibreOffice Calc (headless, through UNO), each cell typed as a person types it
  (« .uno:EnterString »: the cell's format decides what the text becomes, so a code typed
  060000247 in a text column keeps its zero), then saved by LibreOffice.

Every filled workbook must pass `secpa check` with exit 0 and give the CSV's amounts.
Needs openpyxl (pip install openpyxl), LibreOffice (Debian: libreoffice-calc-nogui) and
its Python bridge (Debian: python3-uno, used through /usr/bin/python3). CI uses the
committed files. Run from the repository root, after `cargo build`:
python3 scripts/fill_template.py
"""
import csv
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
import time

OUT = "tests/fixtures/template"
FINESS = ["060000247", "730000080", "260000070"]
SECPA = os.environ.get("SECPA", "target/debug/secpa")
TODAY = "2026-12-03"


def rows():
    with open("examples/candidatures.csv", encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        by_finess = {r[0]: r for r in reader}
    return header, [by_finess[f] for f in FINESS]


def write_templates(tmp):
    env = dict(os.environ, SECPA_TODAY=TODAY)
    for ext in ("xlsx", "ods"):
        subprocess.run([SECPA, "template", "--output", f"{tmp}/modele.{ext}"], check=True, env=env)


def kinds(header):
    """How each column is typed: the template's header follows the CSV's canonical order."""
    numbers = {"file_active_mg", "annee_file_active", "montant_psy_demande"}
    dates = {"date_entree", "date_depot"}
    return ["number" if h in numbers else "date" if h in dates
            else "percent" if h == "taux_pauvrete" else "text" for h in header]


def fill_openpyxl(tmp, header, data):
    import openpyxl
    wb = openpyxl.load_workbook(f"{tmp}/modele.xlsx")
    ws = wb["Candidatures"]
    assert ws.max_column == len(header), "the template has the CSV's columns"
    for i, row in enumerate(data, start=2):
        for j, (kind, value) in enumerate(zip(kinds(header), row), start=1):
            if value == "":
                continue
            cell = ws.cell(row=i, column=j)
            # The column's format, as the template declares it (<col style=…>).
            letter = openpyxl.utils.get_column_letter(j)
            cell.number_format = ws.column_dimensions[letter].number_format
            if kind == "number":
                cell.value = int(value)
            elif kind == "date":
                cell.value = datetime.date.fromisoformat(value)
            elif kind == "percent":
                cell.value = float(value)
            else:
                cell.value = value
    wb.save(f"{OUT}/rempli-openpyxl.xlsx")


UNO = r'''
import sys, time, uno
from com.sun.star.beans import PropertyValue

def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p

pipe, template, out, filter_name, cells = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:]
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
for _ in range(60):
    try:
        ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext"); break
    except Exception:
        time.sleep(1)
smgr = ctx.ServiceManager
desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(template), "_blank", 0, (prop("Hidden", True),))
frame = doc.getCurrentController().getFrame()
dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
sheet = doc.Sheets.getByName("Candidatures")
doc.getCurrentController().setActiveSheet(sheet)
for cell in cells:
    address, text = cell.split("=", 1)
    dispatcher.executeDispatch(frame, ".uno:GoToCell", "", 0, (prop("ToPoint", address),))
    dispatcher.executeDispatch(frame, ".uno:EnterString", "", 0, (prop("StringName", text),))
doc.storeToURL(uno.systemPathToFileUrl(out), (prop("FilterName", filter_name),))
# The office may go away as it closes: the file is written by then.
try:
    doc.close(True)
    desktop.terminate()
except Exception:
    pass
'''


def column_letters(j):
    s = ""
    while True:
        s = chr(ord("A") + j % 26) + s
        if j < 26:
            return s
        j = j // 26 - 1


def fill_libreoffice(tmp, header, data):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice is needed (Debian: libreoffice-calc-nogui)")
    cells = []
    for i, row in enumerate(data, start=2):
        for j, (kind, value) in enumerate(zip(kinds(header), row)):
            if value == "":
                continue
            # As typed in LibreOffice (en-US profile): 46.0 in the rate column, which the
            # template shows with « % »; ISO dates, which every locale reads.
            cells.append(f"{column_letters(j)}{i}={value}")
    script = f"{tmp}/fill_uno.py"
    with open(script, "w") as f:
        f.write(UNO)
    for ext, filter_name in (("ods", "calc8"), ("xlsx", "Calc MS Excel 2007 XML")):
        pipe = f"secpa_fill_{os.getpid()}_{ext}"
        office = subprocess.Popen(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile-{ext}", "--headless",
             "--invisible", "--norestore", f"--accept=pipe,name={pipe};urp;"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            out = os.path.abspath(f"{OUT}/rempli-libreoffice.{ext}")
            subprocess.run(["/usr/bin/python3", script, pipe, os.path.abspath(f"{tmp}/modele.{ext}"),
                            out, filter_name, *cells], check=True)
        finally:
            for _ in range(20):
                if office.poll() is not None:
                    break
                time.sleep(0.5)
            else:
                office.kill()


def main():
    os.makedirs(OUT, exist_ok=True)
    header, data = rows()
    with open(f"{OUT}/structures.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(data)
    with tempfile.TemporaryDirectory() as tmp:
        write_templates(tmp)
        fill_openpyxl(tmp, header, data)
        fill_libreoffice(tmp, header, data)


if __name__ == "__main__":
    main()
