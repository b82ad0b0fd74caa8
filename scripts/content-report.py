#!/usr/bin/env python3
"""Word counts (prose outside code blocks and frontmatter) and 10-word overlaps with the 2016 article."""
import os, re, sys
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "..", "shared", "seed", "000_4ceee9820a323c10.txt")
def words(t): return re.findall(r"[a-z0-9']+", t.lower())
seed = words(open(SEED, encoding="utf-8").read()) if os.path.exists(SEED) else []
grams = {tuple(seed[i:i+10]) for i in range(len(seed) - 9)}
files = sys.argv[1:] or sorted(os.path.join(ROOT, "content", f) for f in os.listdir(os.path.join(ROOT, "content")) if f.endswith(".mdx"))
for p in files:
    text = open(p, encoding="utf-8").read()
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    prose = re.sub(r"```.*?```", "", body, flags=re.S)
    w = words(prose)
    overlap = sum(1 for i in range(len(w) - 9) if tuple(w[i:i+10]) in grams)
    print(f"{os.path.basename(p):45s} words={len(w):5d} seed-overlap-runs={overlap}")
