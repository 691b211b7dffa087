#!/usr/bin/env python3
"""The CSV writers against the JSON ones, read back with Python's csv module
as pandas' read_csv and R's read.csv read them (no options).

- compare --format csv: the header is the documented tidy header; every
  number of every group (documents, hits, the four pooled scores with their
  intervals, the document means, category rates), every comparison (the
  four differences with their intervals, category differences) and every
  driver equals the JSON report's, after the same rounding;
- score --format csv: one row per document, in order, whose columns equal
  the JSON Lines' fields, label columns included.

usage: test-csv.py SLANT SOURCE_DIR
"""
import csv
import io
import json
import subprocess
import sys

slant, source = sys.argv[1], sys.argv[2]
problems = []


def run(*args):
    p = subprocess.run([slant] + list(args), cwd=source, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, check=False)
    if p.returncode != 0:
        sys.exit("slant %s: exit %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()))
    return p.stdout.decode("utf-8")


def same(where, a, b):
    """a from the CSV (text), b from JSON (a number): equal as numbers."""
    if b is None:
        if a != "":
            problems.append("%s: CSV %r, JSON null" % (where, a))
        return
    if a == "" or abs(float(a) - float(b)) > 1e-9:
        problems.append("%s: CSV %r, JSON %r" % (where, a, b))


common = ["-l", "tests/data/cli/lexicon.json", "--bootstrap", "200"]
for extra in ([], ["--group-by", "label.stance"], ["--match", "label.event"]):
    args = common + extra + ["tests/data/events/events.jsonl"]
    report = json.loads(run("compare", "--format", "json", *args))
    text = run("compare", "--format", "csv", *args)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    header = text.split("\r\n", 1)[0].split(",")
    if header != ["table", "group", "versus", "kind", "id", "metric", "value", "lower", "upper",
                  "pattern", "pole", "hits"]:
        problems.append("header %r" % header)
    cell = {}
    drivers = {}
    for r in rows:
        if r["table"] == "driver":
            drivers.setdefault((r["group"], r["versus"], r["id"], r["metric"]), []).append(r)
        else:
            key = (r["table"], r["group"], r["versus"], r["kind"], r["id"], r["metric"])
            if key in cell:
                problems.append("row %r twice" % (key,))
            cell[key] = r
    n = 0
    for s in report["sources"]:
        g = s["name"]
        for m in ("documents", "tokens", "sentences"):
            same("%s %s" % (g, m), cell[("group", g, "", "group", "", m)]["value"], s[m]); n += 1
        for ax, x in s["axes"].items():
            for score, v in x["pooled"].items():
                r = cell[("group", g, "", "axis", ax, score)]
                same("%s %s %s" % (g, ax, score), r["value"], v)
                same("%s %s %s lower" % (g, ax, score), r["lower"], x["interval"][score][0])
                same("%s %s %s upper" % (g, ax, score), r["upper"], x["interval"][score][1])
                same("%s %s mean %s" % (g, ax, score),
                     cell[("group", g, "", "axis", ax, "mean_" + score)]["value"], x["document_mean"][score])
                n += 4
            same("%s %s hits+" % (g, ax), cell[("group", g, "", "axis", ax, "hits_positive")]["value"],
                 x["hits"]["positive"])
            d = drivers.get((g, "", ax, "weight"), [])
            if [r["pattern"] for r in d] != [y["pattern"] for y in x["drivers"]]:
                problems.append("%s %s drivers %r" % (g, ax, [r["pattern"] for r in d]))
            for r, y in zip(d, x["drivers"]):
                same("%s %s driver %s" % (g, ax, y["pattern"]), r["value"], y["weight"])
                same("%s %s driver %s hits" % (g, ax, y["pattern"]), r["hits"], y["hits"])
        for c, x in s["categories"].items():
            same("%s %s per_1k" % (g, c), cell[("group", g, "", "category", c, "per_1k")]["value"], x["per_1k"])
    for p in report["comparisons"]:
        a, b = p["a"], p["b"]
        for ax, x in p["axes"].items():
            for score in ("balance", "logit", "net_per_1k", "intensity_per_1k"):
                r = cell[("comparison", a, b, "axis", ax, score)]
                v = x["difference"][score] if x["difference"] else None
                same("%s-%s %s %s" % (a, b, ax, score), r["value"], v)
                if x["interval"]:
                    same("%s-%s %s %s lower" % (a, b, ax, score), r["lower"], x["interval"][score][0])
                n += 1
        for c, x in p["categories"].items():
            same("%s-%s %s" % (a, b, c), cell[("comparison", a, b, "category", c, "difference_per_1k")]["value"],
                 x["difference_per_1k"])
    if n < 50:
        problems.append("only %d numbers compared" % n)

# score --format csv against score's JSON Lines
args = ["-l", "tests/data/cli/lexicon.json", "tests/data/events/events.jsonl"]
lines = [json.loads(l) for l in run("score", *args).splitlines()]
rows = list(csv.DictReader(io.StringIO(run("score", "--format", "csv", *args), newline="")))
if len(rows) != len(lines):
    problems.append("score: %d CSV rows, %d JSON lines" % (len(rows), len(lines)))
for r, d in zip(rows, lines):
    if r["id"] != d["id"] or r["source"] != d["source"]:
        problems.append("score: row %s, line %s" % (r["id"], d["id"]))
    same("score %s tokens" % d["id"], r["tokens"], d["tokens"])
    for ax, x in d["axes"].items():
        for k, v in x.items():
            same("score %s %s.%s" % (d["id"], ax, k), r["%s.%s" % (ax, k)], v)
    for c, x in d["categories"].items():
        same("score %s %s.hits" % (d["id"], c), r[c + ".hits"], x["hits"])
    if json.loads(r["labels"]) != d["labels"]:
        problems.append("score %s: labels %r, JSON %r" % (d["id"], r["labels"], d["labels"]))
    if r["label.stance"] != d["labels"]["stance"]:
        problems.append("score %s: label.stance %r" % (d["id"], r["label.stance"]))

for p in problems[:50]:
    print("FAIL " + p)
print("%d problems" % len(problems))
sys.exit(1 if problems else 0)
