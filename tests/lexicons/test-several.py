#!/usr/bin/env python3
"""Several lexicons in one run score as each would alone.

usage: test-several.py SLANT SOURCE_DIR

`--lexicon A --lexicon B` is one pass that scores every axis and category of
both.  Each file keeps its own modifiers (negators, window, intensifiers), so
every number of an axis or category must be the one a run with its file alone
gives: per source, per comparison, per document and per hit.  Checked on the
bundled corpus with the two bundled lexicons (whose modifiers differ: the
news-bias markers do not negate, the alliance lexicon does and has
intensifiers), and on the negation fixture of tests/data/negation.  Partials
of a two-lexicon run merge, without --lexicon, to the single run's bytes, and
the report's meta lists each file with the sha256 of its bytes.

The last line printed is "N passed, N failed"; the exit status is 1 when
something failed.
"""

import hashlib
import json
import os
import subprocess
import sys
import tempfile

CASES = [
    ("bundled", ["lexicons/us-japan-alliance.json", "lexicons/news-bias-markers.json"],
     ["corpora/us-japan-cyber-2019"]),
    ("negation", ["tests/data/negation/ties.json", "tests/data/negation/warmth.json"],
     ["tests/data/negation/docs.jsonl"]),
]


def run(slant, args, cwd):
    p = subprocess.run([slant] + args, cwd=cwd, capture_output=True)
    if p.returncode != 0:
        raise RuntimeError(f"slant {' '.join(args)}: exit {p.returncode}: {p.stderr.decode()}")
    return p.stdout


def without_entries(v):
    """@v without "entry" members: an entry's index is among the run's
    entries (the files' in order), so it moves with the files before it."""
    if isinstance(v, dict):
        return {k: without_entries(x) for k, x in v.items() if k != "entry"}
    if isinstance(v, list):
        return [without_entries(x) for x in v]
    return v


def lexicon_args(files):
    out = []
    for f in files:
        out += ["--lexicon", f]
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[2])
    slant, src = os.path.abspath(sys.argv[1]), sys.argv[2]
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}")

    for name, files, inputs in CASES:
        both = json.loads(run(slant, ["compare", "--format", "json"] + lexicon_args(files) + inputs, src))
        alone = [json.loads(run(slant, ["compare", "--format", "json", "--lexicon", f] + inputs, src))
                 for f in files]

        # meta: each file, its sha256, and the combined identity
        metas = both["meta"]["lexicons"]
        check(len(metas) == len(files), f"{name}: meta.lexicons lists {len(metas)} files")
        shas = []
        for m, f, a in zip(metas, files, alone):
            with open(os.path.join(src, f), "rb") as fh:
                sha = hashlib.sha256(fh.read()).hexdigest()
            shas.append(sha)
            check(m["sha256"] == sha and m["path"] == f, f"{name}: meta.lexicons names {f} by its sha256")
            check(m == a["meta"]["lexicons"][0], f"{name}: {f} described as when alone")
        combined = hashlib.sha256("".join(s + "\n" for s in shas).encode()).hexdigest()
        check(both["meta"]["lexicon"]["sha256"] == combined, f"{name}: meta.lexicon.sha256 of the sha256s")
        check(both["meta"]["lexicon"]["entries"] == sum(m["entries"] for m in metas),
              f"{name}: meta.lexicon.entries adds the files'")

        # every source: axes and categories of each file as when alone
        sources = {s["name"]: s for s in both["sources"]}
        for f, a in zip(files, alone):
            for s in a["sources"]:
                b = sources.get(s["name"])
                check(b is not None and b["documents"] == s["documents"] and b["tokens"] == s["tokens"],
                      f"{name}: source {s['name']} with {f}")
                if b is None:
                    continue
                for kind in ("axes", "categories"):
                    for key, value in s[kind].items():
                        check(without_entries(b[kind].get(key)) == without_entries(value),
                              f"{name}: {s['name']} {kind} {key} as with {f} alone")
            # comparisons: the pairs' axes and categories
            pairs = {(c["a"], c["b"]): c for c in both["comparisons"]}
            for c in a["comparisons"]:
                b = pairs.get((c["a"], c["b"]))
                check(b is not None, f"{name}: comparison {c['a']} - {c['b']}")
                if b is None:
                    continue
                for kind in ("axes", "categories"):
                    for key, value in c.get(kind, {}).items():
                        check(without_entries(b[kind].get(key)) == without_entries(value),
                              f"{name}: comparison {c['a']} - {c['b']} {kind} {key} as with {f} alone")

        # per document and per hit
        lines = run(slant, ["score", "--hits"] + lexicon_args(files) + inputs, src).decode().splitlines()
        docs = [json.loads(x) for x in lines]
        groups_of = []
        for f in files:
            one = [json.loads(x) for x in run(slant, ["score", "--hits", "--lexicon", f] + inputs, src).decode().splitlines()]
            groups_of.append(one)
        offsets = [sum(m["entries"] for m in metas[:k]) for k in range(len(metas))]
        for i, d in enumerate(docs):
            for one, offset in zip(groups_of, offsets):
                o = one[i]
                check(o["id"] == d["id"], f"{name}: document {i} order")
                for key, value in o["axes"].items():
                    check(d["axes"].get(key) == value, f"{name}: {d['id']} axis {key}")
                for key, value in o["categories"].items():
                    check(d["categories"].get(key) == value, f"{name}: {d['id']} category {key}")
                group_keys = set(o["axes"]) | set(o["categories"])

                mine = [h for h in d["hits"] if h.get("axis", h.get("category")) in group_keys]
                check(without_entries(mine) == without_entries(o["hits"]), f"{name}: {d['id']} hits as alone")
                check([h["entry"] for h in mine] == [h["entry"] + offset for h in o["hits"]],
                      f"{name}: {d['id']} entries numbered after the files before")

        # partials of the two-lexicon run merge to its bytes
        with tempfile.TemporaryDirectory() as tmp:
            single = run(slant, ["compare", "--format", "json"] + lexicon_args(files) + inputs, src)
            parts = []
            for k, inp in enumerate(inputs):
                out = os.path.join(tmp, f"p{k}.json")
                run(slant, ["compare", "--partial", "-o", out] + lexicon_args(files) + [inp], src)
                parts.append(out)
            merged = run(slant, ["merge", "--format", "json"] + parts, src)
            check(merged == single, f"{name}: merge of the partials gives the single run's bytes")
            merged_l = run(slant, ["merge", "--format", "json"] + lexicon_args(files) + parts, src)
            check(merged_l == single, f"{name}: merge with the --lexicon files too")
            swapped = subprocess.run([slant, "merge"] + lexicon_args(list(reversed(files))) + parts,
                                     cwd=src, capture_output=True)
            check(swapped.returncode == 1 and b"another lexicon" in swapped.stderr,
                  f"{name}: merge with the files in another order is refused (exit {swapped.returncode})")

    # a file given twice: its ids clash with its own, named
    p = subprocess.run([slant, "compare", "--lexicon", "tests/data/negation/ties.json", "--lexicon",
                        "tests/data/negation/ties.json", "tests/data/negation/docs.jsonl"],
                       cwd=src, capture_output=True)
    check(p.returncode == 3 and b"is also in tests/data/negation/ties.json" in p.stderr,
          f"the same file twice: exit {p.returncode}, {p.stderr.decode().strip()}")

    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
