#!/usr/bin/env python3
# Usage: scripts/compare_xlsx.py A.xlsx B.xlsx (issue 25: a workbook written in constant-memory
# mode against one written whole). Exit 1 at the first cell that differs.
"""Compare two .xlsx files cell by cell (value, type, style) on every sheet, shared strings
resolved, so that a workbook in constant-memory mode (inline strings) and one with a
shared-string table compare equal when a spreadsheet shows the same cells."""
import sys, zipfile, xml.etree.ElementTree as ET
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

def shared(z):
    if "xl/sharedStrings.xml" not in z.namelist():
        return []
    out = []
    for _, el in ET.iterparse(z.open("xl/sharedStrings.xml")):
        if el.tag == NS + "si":
            out.append("".join(t.text or "" for t in el.iter(NS + "t")))
            el.clear()
    return out

def styles(z):
    """Each cell style index -> what it says (number format code, font, alignment)."""
    root = ET.parse(z.open("xl/styles.xml")).getroot()
    fmts = {f.get("numFmtId"): f.get("formatCode") for f in root.iter(NS + "numFmt")}
    fonts = [ET.tostring(f) for f in root.find(NS + "fonts")]
    out = []
    for xf in root.find(NS + "cellXfs"):
        al = xf.find(NS + "alignment")
        out.append((fmts.get(xf.get("numFmtId"), xf.get("numFmtId")), fonts[int(xf.get("fontId"))],
                    None if al is None else tuple(sorted(al.attrib.items()))))
    return out

def cells(path):
    z = zipfile.ZipFile(path)
    sst = shared(z)
    st = styles(z)
    style = lambda s: st[int(s)] if s is not None else st[0]
    sheets = sorted(n for n in z.namelist() if n.startswith("xl/worksheets/sheet"))
    for name in sheets:
        for _, el in ET.iterparse(z.open(name)):
            if el.tag == NS + "c":
                t = el.get("t")
                if t == "s":
                    value = sst[int(el.find(NS + "v").text)]
                    kind = "str"
                elif t == "inlineStr":
                    value = "".join(x.text or "" for x in el.iter(NS + "t"))
                    kind = "str"
                else:
                    v = el.find(NS + "v")
                    value = v.text if v is not None else None
                    kind = t or "n"
                yield (name, el.get("r"), kind, value, style(el.get("s")))
            elif el.tag == NS + "col":
                yield (name, "col", el.get("min"), el.get("max"), el.get("width"), style(el.get("style")))
                el.clear()
    # The rest of the package, except the strings and the sheets' cells.
    for n in sorted(z.namelist()):
        if n.startswith("xl/worksheets/sheet") or n == "xl/sharedStrings.xml":
            continue
        yield ("part", n)

a, b = sys.argv[1], sys.argv[2]
n = 0
import itertools
for x, y in itertools.zip_longest(cells(a), cells(b)):
    n += 1
    if x != y:
        print("differ:", x, y)
        sys.exit(1)
print(f"same cells: {n} compared")
