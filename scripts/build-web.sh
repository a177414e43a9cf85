#!/usr/bin/env bash
# Builds the web page of issue 14: target/web/secpa.html, one self-contained file (the
# WebAssembly of the library, gzip-compressed and base64-inlined, the bindings, the styles and
# the script all inside it; no request to any address) that a coordinator opens from disk.
# The bindings are wasm-bindgen's `no-modules` ones (a plain script, no import): the page runs
# them, and makes its Web Worker (issue 23) from their text and its #worker-source, as a blob.
#
# Installs what it lacks: the wasm32-unknown-unknown target (rustup) and wasm-bindgen's CLI
# at the version of the wasm-bindgen crate in Cargo.lock (crates.io). Needs python3.
#
# Usage: scripts/build-web.sh [OUT_DIR]   (default: target/web)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/web}
mkdir -p "$out"
target_dir=${CARGO_TARGET_DIR:-target}
max_bytes=$((3 * 1024 * 1024))

if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen's CLI must be the crate's version exactly: pinned by Cargo.lock.
version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$version" ] || { echo "build-web.sh: wasm-bindgen is not in Cargo.lock" >&2; exit 1; }
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$version" ]; then
    echo "build-web.sh: installing wasm-bindgen-cli $version"
    # --locked first; a registry mirror missing one of its locked versions gets the newest
    # compatible ones instead (the CLI itself stays pinned).
    cargo install wasm-bindgen-cli --version "$version" --locked \
        || cargo install wasm-bindgen-cli --version "$version"
fi

# The library alone, without the command line (clap, tempfile, terminal tables, clock).
cargo rustc -p secpa --lib --locked --quiet --profile web --target wasm32-unknown-unknown \
    --no-default-features --features web --crate-type cdylib
wasm="$target_dir/wasm32-unknown-unknown/web/secpa.wasm"

pkg="$out/pkg"
rm -rf "$pkg"
wasm-bindgen --target no-modules --no-typescript --out-dir "$pkg" "$wasm"

# The page (web/page.html) with the report's stylesheet, the bindings and the module put in.
python3 - web/page.html "$pkg/secpa.js" "$pkg/secpa_bg.wasm" "$out/secpa.html" "$max_bytes" <<'PY'
import base64, gzip, sys
page, glue, wasm, out, limit = sys.argv[1:6]
html = open(page, encoding="utf-8").read()
glue = open(glue, encoding="utf-8").read()
css = open("templates/style.css", encoding="utf-8").read()
data = base64.b64encode(gzip.compress(open(wasm, "rb").read(), 9, mtime=0)).decode()
for marker in ("/*SECPA_REPORT_CSS*/", "/*SECPA_BINDINGS*/", "SECPA_WASM_GZIP_BASE64"):
    if html.count(marker) != 1:
        sys.exit(f"build-web.sh: {marker} must appear once in {page}")
# The glue must not close the script element it is put in.
if "</script" in glue.lower() or "</style" in css.lower():
    sys.exit("build-web.sh: the bindings or the stylesheet would close their element")
# An export named like a global the glue reads (document, self, location) would shadow it
# inside the bindings: they would not load.
import re
for name in ("document", "self", "location", "window", "fetch"):
    if re.search(rf"\bfunction {name}\(", glue):
        sys.exit(f"build-web.sh: an export named {name} would shadow the global {name} in the bindings")
html = html.replace("/*SECPA_REPORT_CSS*/", css).replace("/*SECPA_BINDINGS*/", glue).replace("SECPA_WASM_GZIP_BASE64", data)
open(out, "w", encoding="utf-8").write(html)
size = len(html.encode("utf-8"))
print(f"build-web.sh: {out} {size} bytes ({size / 1024 / 1024:.2f} MiB)")
if size >= int(limit):
    sys.exit(f"build-web.sh: the page is {size} bytes, over {limit}")
PY
