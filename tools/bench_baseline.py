#!/usr/bin/python3
"""tools/bench_baseline.py: a plain Python 3 baseline of slant's scoring, for tools/bench.

    bench_baseline.py --lexicon LEXICON.json CORPUS.jsonl [--per-source]

What a researcher would write in an afternoon: read JSON Lines (json.loads
per line), find tokens with the regex \\w+(?:['’]\\w+)*, lower-case them
(and ’ -> '), stem with PyStemmer (Debian's python3-stemmer), and match the
slant lexicon's entries: plain words by stem, =exact words by normal form,
prefix* words by prefix, multi-word patterns on consecutive tokens,
leftmost-longest within each axis and category (then the most specific, then
the earlier entry), a token consumed by at most one entry per group. The
nearest negator within the negation window before a hit flips it; an
intensifier or diminisher right before a hit scales its weight. Title and
text are matched separately (a phrase never runs from one into the other);
sentences are not split, so a phrase may run across a sentence end (slant's
does not). Sums per source: P and N per axis, hit counts per category.

Cache: one dict from each distinct surface token to what the lexicon says
about it (its normal form, stem and the entries that can start there), the
natural thing to write; the stemmer is called once per distinct form.

Prints one JSON object: documents, sources, tokens, hits (axis hits, after
matching), category hits, negated hits, P and N totals, text bytes, seconds.
"""
import argparse
import json
import re
import sys
import time

import Stemmer

TOKEN = re.compile(r"\w+(?:['’]\w+)*")


def compile_lexicon(path, stem):
    with open(path, encoding="utf-8") as f:
        lex = json.load(f)
    groups = []  # (kind, id)
    group_of = {}
    axes = {}
    for ax in lex.get("axes", []):
        group_of[("axis", ax["id"])] = len(groups)
        groups.append(("axis", ax["id"]))
        axes[ax["id"]] = {"positive": 1, "negative": -1, ax["positive"]: 1, ax["negative"]: -1}
    for cat in lex.get("categories", []):
        group_of[("category", cat["id"])] = len(groups)
        groups.append(("category", cat["id"]))

    spec_ids = {}  # (kind, string) -> id ; kind: E exact, S stem, P prefix
    exact, stems, prefixes = {}, {}, {}
    max_prefix = 0

    def spec(kind, s):
        nonlocal max_prefix
        key = (kind, s)
        if key not in spec_ids:
            spec_ids[key] = len(spec_ids)
            {"E": exact, "S": stems, "P": prefixes}[kind][s] = spec_ids[key]
            if kind == "P":
                max_prefix = max(max_prefix, len(s))
        return spec_ids[key]

    entries = []  # (group, sign, weight, specs tuple, specificity, index)
    for idx, e in enumerate(lex["entries"]):
        specs, specificity = [], 0
        for raw in e["pattern"].split():
            is_exact = raw.startswith("=")
            is_prefix = raw.endswith("*")
            raw = raw.strip("=*")
            parts = [t.lower().replace("’", "'") for t in TOKEN.findall(raw)]
            for k, w in enumerate(parts):
                if is_exact:
                    specs.append(spec("E", w))
                elif is_prefix and k == len(parts) - 1:
                    specs.append(spec("P", w))
                    specificity += 1
                else:
                    specs.append(spec("S", stem(w)))
                    specificity += 1
        if not specs:
            continue
        if "axis" in e:
            g = group_of[("axis", e["axis"])]
            sign = axes[e["axis"]][e["pole"]]
        else:
            g = group_of[("category", e["category"])]
            sign = 0
        entries.append((g, sign, float(e.get("weight", 1)), tuple(specs), specificity, idx))

    by_first = {}
    for n, ent in enumerate(entries):
        by_first.setdefault(ent[3][0], []).append(n)
    mods = lex.get("modifiers", {})
    return {
        "groups": groups, "entries": entries, "by_first": by_first,
        "exact": exact, "stems": stems, "prefixes": prefixes, "max_prefix": max_prefix,
        "negators": set(w.lower() for w in mods.get("negators", [])),
        "window": mods.get("negation_window", 3),
        "scales": {**{w.lower(): v for w, v in mods.get("intensifiers", {}).items()},
                   **{w.lower(): v for w, v in mods.get("diminishers", {}).items()}},
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lexicon", required=True)
    ap.add_argument("--per-source", action="store_true", help="also print each source's sums")
    ap.add_argument("corpus")
    a = ap.parse_args()
    t0 = time.perf_counter()

    stemmer = Stemmer.Stemmer("english")
    stem = stemmer.stemWord
    L = compile_lexicon(a.lexicon, stem)
    entries, by_first = L["entries"], L["by_first"]
    exact, stems, prefixes, max_prefix = L["exact"], L["stems"], L["prefixes"], L["max_prefix"]
    negators, window, scales = L["negators"], L["window"], L["scales"]
    n_groups = len(L["groups"])
    rank = {n: (e[0], -len(e[3]), e[4], e[5]) for n, e in enumerate(entries)}

    cache = {}  # surface token -> (spec set, candidate entries in preference order, negator?, scale)

    def form(tok):
        norm = tok.lower().replace("’", "'")
        specs = set()
        s = exact.get(norm)
        if s is not None:
            specs.add(s)
        s = stems.get(stem(norm))
        if s is not None:
            specs.add(s)
        for p in range(1, min(max_prefix, len(norm)) + 1):
            s = prefixes.get(norm[:p])
            if s is not None:
                specs.add(s)
        starts = []
        for s in specs:
            starts.extend(by_first.get(s, ()))
        starts.sort(key=rank.__getitem__)
        info = (frozenset(specs), tuple(starts), norm in negators or norm.endswith("n't"),
                scales.get(norm))
        cache[tok] = info
        return info

    per_source = {}
    docs = tokens = hits = cat_hits = negated = 0
    text_bytes = 0
    for line in open(a.corpus, encoding="utf-8"):
        if not line.strip():
            continue
        d = json.loads(line)
        docs += 1
        text = d["text"]
        text_bytes += len(text.encode("utf-8"))
        src = per_source.get(d["source"])
        if src is None:
            src = per_source[d["source"]] = [[0.0, 0.0] for _ in range(n_groups)] + [0]
        for field in (d.get("title") or "", text):
            toks = TOKEN.findall(field)
            tokens += len(toks)
            infos = [cache.get(t) or form(t) for t in toks]
            nxt = [0] * n_groups  # per group: first position not yet consumed
            for i, info in enumerate(infos):
                starts = info[1]
                if not starts:
                    continue
                done = -1
                for n in starts:
                    g, sign, weight, specs, _, _ = entries[n]
                    if g == done or nxt[g] > i:
                        continue
                    k = len(specs)
                    if k > 1:
                        if i + k > len(infos):
                            continue
                        if not all(specs[m] in infos[i + m][0] for m in range(1, k)):
                            continue
                    done = g  # the best entry of this group at i
                    nxt[g] = i + k
                    neg = False
                    for b in range(i - 1, max(-1, i - 1 - window), -1):
                        if infos[b][2]:
                            neg = True
                            break
                    if sign == 0:
                        cat_hits += 1
                        negated += neg
                        src[g][0] += 1
                        continue
                    hits += 1
                    negated += neg
                    if i > 0 and infos[i - 1][3] is not None:
                        weight *= infos[i - 1][3]
                    if neg:
                        sign = -sign
                    src[g][0 if sign > 0 else 1] += weight
        src[-1] += 1
    secs = time.perf_counter() - t0
    P = sum(s[g][0] for s in per_source.values() for g in range(n_groups) if L["groups"][g][0] == "axis")
    N = sum(s[g][1] for s in per_source.values() for g in range(n_groups) if L["groups"][g][0] == "axis")
    out = {"documents": docs, "sources": len(per_source), "tokens": tokens, "distinct_forms": len(cache),
           "hits": hits, "category_hits": cat_hits, "negated": negated, "P": round(P, 3), "N": round(N, 3),
           "text_bytes": text_bytes, "seconds": round(secs, 3)}
    if a.per_source:
        out["per_source"] = {name: {"documents": s[-1],
                                    **{L["groups"][g][1]: s[g] for g in range(n_groups)}}
                             for name, s in sorted(per_source.items())}
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
