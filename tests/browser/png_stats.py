#!/usr/bin/env python3
"""Reads a PNG with the standard library only and prints what the browser test checks:
size, share of non-white pixels, and how many pixels carry each dotation colour (and the
"over the envelope" colour).

Usage: png_stats.py FILE.png  → one line of JSON.
Only what Chromium writes is needed: 8-bit RGB or RGBA, not interlaced.
"""
import json
import struct
import sys
import zlib

# The dotation colours of templates/style.css (Okabe–Ito palette), and `--over`, the
# colour of a total over its envelope.
COLOURS = {
    "participative": (0x00, 0x72, 0xB2),
    "precarite": (0xE6, 0x9F, 0x00),
    "interpretariat": (0x00, 0x9E, 0x73),
    "psychologique": (0xCC, 0x79, 0xA7),
    "over": (0xD5, 0x5E, 0x00),
}


def read_png(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit(f"{path}: not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        raise SystemExit(f"{path}: unsupported PNG (depth {depth}, colour {colour})")
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        kind = raw[i]
        line = bytearray(raw[i + 1 : i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if kind == 1:
                line[x] = (line[x] + a) & 0xFF
            elif kind == 2:
                line[x] = (line[x] + b) & 0xFF
            elif kind == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[x] = (line[x] + pred) & 0xFF
        rows.append(line)
        prev = line
    return width, height, bpp, rows


def main():
    width, height, bpp, rows = read_png(sys.argv[1])
    non_white = 0
    counts = {name: 0 for name in COLOURS}
    wanted = {rgb: name for name, rgb in COLOURS.items()}
    for line in rows:
        for x in range(0, len(line), bpp):
            rgb = (line[x], line[x + 1], line[x + 2])
            if rgb != (255, 255, 255):
                non_white += 1
                name = wanted.get(rgb)
                if name:
                    counts[name] += 1
    print(json.dumps({
        "width": width,
        "height": height,
        "non_white_share": round(non_white / (width * height), 4),
        "colours": counts,
    }))


if __name__ == "__main__":
    main()
