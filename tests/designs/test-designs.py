#!/usr/bin/env python3
"""The pair designs of `compare` against independent computations.

- --pairs rest: each group against the pooled documents of every other
  group, recomputed here from `score --entries` lines (P, N, T summed over
  the other groups' documents, the four scores, category rates and entry
  rates for the drivers);
- --reference and --pairs A,B: the same numbers as those pairs in --pairs
  all (a comparison b - a is minus a - b, its interval mirrored);
- --groups: the groups kept give the same sources and comparisons as a run
  over a corpus holding only their documents;
- category intervals and drivers: drivers are the category's entries with
  their hits, as `score --entries` counts them.

usage: test-designs.py SLANT SOURCE_DIR
"""
import json
import math
import os
import subprocess
import sys
import tempfile

slant, source = sys.argv[1], sys.argv[2]
LEX = ["-l", "tests/data/cli/lexicon.json"]
CORPUS = "tests/data/events/events.jsonl"
problems = []
checked = [0]


def run(*args):
    p = subprocess.run([slant] + list(args), cwd=source, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=False)
    if p.returncode not in (0, 1):
        sys.exit("slant %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()))
    return p.stdout.decode("utf-8")


def near(where, got, want, tol=1e-6):
    checked[0] += 1
    if got is None or want is None or abs(got - want) > tol:
        problems.append("%s: %r, want %r" % (where, got, want))


def scores(p, n, t):
    return {"balance": (p - n) / (p + n) if p + n > 0 else 0.0,
            "logit": math.log((p + 0.5) / (n + 0.5)),
            "net_per_1k": 1000 * (p - n) / t if t else 0.0,
            "intensity_per_1k": 1000 * (p + n) / t if t else 0.0}


docs = [json.loads(l) for l in run("score", "--entries", *LEX, CORPUS).splitlines()]
lexicon = json.load(open(os.path.join(source, "tests/data/cli/lexicon.json")))
axes = [a["id"] for a in lexicon["axes"]]
cats = [c["id"] for c in lexicon["categories"]]

# ---- rest ----
rest = json.loads(run("compare", *LEX, "--bootstrap", "0", "--pairs", "rest", CORPUS))
groups = sorted({d["source"] for d in docs})
if [(c["a"], c["b"]) for c in rest["comparisons"]] != [(g, "(rest)") for g in groups]:
    problems.append("rest: comparisons %r" % [(c["a"], c["b"]) for c in rest["comparisons"]])
for c in rest["comparisons"]:
    g = c["a"]
    mine = [d for d in docs if d["source"] == g]
    others = [d for d in docs if d["source"] != g]
    tm, to = sum(d["tokens"] for d in mine), sum(d["tokens"] for d in others)
    for ax in axes:
        sm = scores(sum(d["axes"][ax]["positive"] for d in mine), sum(d["axes"][ax]["negative"] for d in mine), tm)
        so = scores(sum(d["axes"][ax]["positive"] for d in others), sum(d["axes"][ax]["negative"] for d in others), to)
        for k in sm:
            near("rest %s %s %s" % (g, ax, k), c["axes"][ax]["difference"][k], sm[k] - so[k])
            # no bootstrap: the interval is the value
            near("rest %s %s %s lower" % (g, ax, k), c["axes"][ax]["interval"][k][0], sm[k] - so[k])
        # drivers: entry rates per 1k of the group minus the rest's
        for dr in c["axes"][ax]["drivers"]:
            wm = sum(e["weight"] for d in mine for e in d.get("entries", []) if e["entry"] == dr["entry"])
            wo = sum(e["weight"] for d in others for e in d.get("entries", []) if e["entry"] == dr["entry"])
            near("rest %s driver %s" % (g, dr["pattern"]), dr["difference_per_1k"],
                 1000 * wm / tm - 1000 * wo / to)
            hits = sum(e["hits"] for d in docs for e in d.get("entries", []) if e["entry"] == dr["entry"])
            if dr["hits"] != hits:
                problems.append("rest %s driver %s: hits %d, want %d" % (g, dr["pattern"], dr["hits"], hits))
    for cat in cats:
        rm = 1000 * sum(d["categories"][cat]["hits"] for d in mine) / tm
        ro = 1000 * sum(d["categories"][cat]["hits"] for d in others) / to
        near("rest %s %s" % (g, cat), c["categories"][cat]["difference_per_1k"], rm - ro)

# ---- category drivers of a group: its entries with their hits ----
for s in rest["sources"]:
    for cat in cats:
        for dr in s["categories"][cat]["drivers"]:
            hits = sum(e["hits"] for d in docs if d["source"] == s["name"]
                       for e in d.get("entries", []) if e["entry"] == dr["entry"])
            if dr["hits"] != hits:
                problems.append("%s %s driver %s: hits %d, want %d" % (s["name"], cat, dr["pattern"], dr["hits"], hits))

# ---- reference and list against all ----
opts = [*LEX, "--bootstrap", "300", CORPUS]
full = json.loads(run("compare", "--pairs", "all", *opts))
pair = {(c["a"], c["b"]): c for c in full["comparisons"]}


def same_as_all(where, c):
    a, b = c["a"], c["b"]
    ref, sign = (pair[(a, b)], 1) if (a, b) in pair else (pair[(b, a)], -1)
    for ax in axes:
        for k, v in c["axes"][ax]["difference"].items():
            near("%s %s-%s %s %s" % (where, a, b, ax, k), v, sign * ref["axes"][ax]["difference"][k])
            lo, hi = c["axes"][ax]["interval"][k]
            rlo, rhi = ref["axes"][ax]["interval"][k]
            want = (rlo, rhi) if sign == 1 else (-rhi, -rlo)
            near("%s %s-%s %s %s lower" % (where, a, b, ax, k), lo, want[0])
            near("%s %s-%s %s %s upper" % (where, a, b, ax, k), hi, want[1])
    for cat in cats:
        near("%s %s-%s %s" % (where, a, b, cat), c["categories"][cat]["difference_per_1k"],
             sign * ref["categories"][cat]["difference_per_1k"])


refr = json.loads(run("compare", "--reference", "Mountain Mail", *opts))
if [(c["a"], c["b"]) for c in refr["comparisons"]] != [("Harbor Herald", "Mountain Mail"), ("Valley Voice", "Mountain Mail")]:
    problems.append("reference: comparisons %r" % [(c["a"], c["b"]) for c in refr["comparisons"]])
for c in refr["comparisons"]:
    same_as_all("reference", c)
lst = json.loads(run("compare", "--pairs", "Valley Voice,Harbor Herald;Harbor Herald,Mountain Mail", *opts))
if [(c["a"], c["b"]) for c in lst["comparisons"]] != [("Valley Voice", "Harbor Herald"), ("Harbor Herald", "Mountain Mail")]:
    problems.append("list: comparisons %r" % [(c["a"], c["b"]) for c in lst["comparisons"]])
for c in lst["comparisons"]:
    same_as_all("list", c)

# ---- --groups against a corpus of those groups alone ----
keep = ("Harbor Herald", "Valley Voice")
with tempfile.TemporaryDirectory() as tmp:
    sub = os.path.join(tmp, "kept.jsonl")
    with open(os.path.join(source, CORPUS), encoding="utf-8") as f, open(sub, "w", encoding="utf-8") as out:
        for line in f:
            if json.loads(line)["source"] in keep:
                out.write(line)
    a = json.loads(run("compare", *LEX, "--groups", ",".join(keep), CORPUS))
    b = json.loads(run("compare", *LEX, sub))
    if a["sources"] != b["sources"] or a["comparisons"] != b["comparisons"]:
        problems.append("--groups: sources or comparisons differ from a corpus of those groups")
    if a["meta"]["grouping"]["documents_left_out"] != 4 or a["meta"]["grouping"]["only"] != list(keep):
        problems.append("--groups: meta.grouping %r" % a["meta"]["grouping"])

if checked[0] < 150:
    problems.append("only %d numbers checked" % checked[0])
for p in problems[:40]:
    print("FAIL " + p)
print("%d numbers checked, %d problems" % (checked[0], len(problems)))
sys.exit(1 if problems else 0)
