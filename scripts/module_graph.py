#!/usr/bin/env python3
"""The import graph of a crate's modules, and its circles.

    scripts/module_graph.py crates/secpa-core/src          # circles, exit 1 if any
    scripts/module_graph.py crates/secpa-core/src --edges  # every arrow too

A node is a module file (`rules/fault.rs` is `rules::fault`). An arrow A → B says that
A's code (tests left out) names an item of B: `use crate::…`, `use super::…`, a path
`crate::…` in the code. An arrow from a module to its own descendants is not counted: a
parent declares and re-exports its children, which is how Rust lays out a module; a child's
arrow to its parent (an item defined there) is. Circles are the strongly connected
components of more than one module (Tarjan).
"""
import os
import re
import sys


def modules(src):
    found = {}
    for root, _, files in os.walk(src):
        for f in files:
            if not f.endswith(".rs"):
                continue
            path = os.path.join(root, f)
            rel = os.path.relpath(path, src)[:-3].split(os.sep)
            if rel[-1] in ("mod", "lib", "main"):
                rel = rel[:-1]
            found[tuple(rel)] = path
    return found


def code(path):
    text = open(path, encoding="utf-8").read()
    # Tests are not part of the layering.
    cut = re.search(r"^#\[cfg\(test\)\]\s*\n\s*mod tests\b", text, re.M)
    text = text[: cut.start()] if cut else text
    text = re.sub(r"//[^\n]*", "", text)
    return text


def expand(tree):
    """`a::{b, c::{d, e}}` → [a::b, a::c::d, a::c::e]."""
    tree = re.sub(r"\s+", "", tree)
    m = re.match(r"^(.*?)\{(.*)\}$", tree)
    if not m:
        return [tree]
    prefix, inner = m.group(1), m.group(2)
    parts, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "{"
        depth -= ch == "}"
        cur += ch
    parts.append(cur)
    out = []
    for p in parts:
        if p:
            out += expand(prefix + p)
    return out


def references(module, text):
    paths = []
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        paths += expand(m.group(1))
    paths += re.findall(r"\b(?:crate|super)(?:::[A-Za-z_][A-Za-z0-9_]*)+", text)
    out = []
    for p in paths:
        p = re.sub(r"\s+as\s+\w+$", "", p).split("::")
        here = list(module)
        if p[0] == "crate":
            p = p[1:]
        elif p[0] == "super":
            while p and p[0] == "super":
                here = here[:-1]
                p = p[1:]
            p = here + p
        else:
            continue
        out.append(tuple(x for x in p if x not in ("*", "self")))
    return out


def resolve(path, known):
    for n in range(len(path), -1, -1):
        if tuple(path[:n]) in known:
            return tuple(path[:n])
    return None


def descends(child, parent):
    """Whether `child` is `parent` or a module inside it."""
    return child[: len(parent)] == parent


def circles(graph):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in graph:
        if v not in index:
            visit(v)
    return out


def name(m):
    return "::".join(m) or "crate"


def main():
    src = sys.argv[1]
    known = modules(src)
    graph = {m: set() for m in known}
    for m, path in known.items():
        for p in references(m, code(path)):
            target = resolve(p, known)
            if target is not None and not descends(target, m):
                graph[m].add(target)
    if "--edges" in sys.argv:
        for m in sorted(graph):
            for t in sorted(graph[m]):
                print(f"{name(m)} -> {name(t)}")
    found = circles(graph)
    arrows = sum(len(t) for t in graph.values())
    print(f"{src}: {len(known)} modules, {arrows} arrows, {len(found)} circle(s)")
    for c in found:
        print("  circle: " + " ↔ ".join(name(m) for m in c))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
