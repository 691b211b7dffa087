#!/usr/bin/python3
"""tools/bench_stress_lexicon.py: generate the stress lexicon of tools/bench.

    bench_stress_lexicon.py --corpus FILE.jsonl[.gz] [--entries 10000] [--seed 1] -o OUT.json

A slant lexicon with one axis ("stress") and ENTRIES entries: a third
single words matched by stem, a third `prefix*` globs (5 to 8 letters), a
third multi-word phrases (two thirds of them two words, one third three).
The words come from the corpus itself, so the hits are realistic: the
vocabulary of the first --docs documents (lower-cased ASCII words) is ranked
by frequency; single words and globs are drawn uniformly from the --pool
ranks after the --common most frequent words, leaving out any whose stem or
prefix covers one of those common words (so "ons" or "trump*" never turn into
"on" or "trump"); phrases are drawn from the --pool most frequent word pairs
and triples that neither begin nor end with one of the --stop most frequent
words (the, of, said, ...). On the benchmark corpus about 13% of tokens hit
(AFINN: 6%). Poles and weights are random. Everything is drawn from
random.Random(--seed) after sorting, so the same corpus and options give the
same bytes. The lexicon is generated at bench time and never committed (it
is derived from the corpus).
"""
import argparse
import collections
import gzip
import json
import random
import re
import sys

WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")


def open_corpus(path):
    if path.endswith(".gz"):
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--entries", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--docs", type=int, default=2000, help="documents read for the vocabulary")
    ap.add_argument("--stop", type=int, default=150, help="most frequent words: no phrase begins or ends with one")
    ap.add_argument("--common", type=int, default=1000, help="most frequent words: not drawn as words or globs")
    ap.add_argument("--pool", type=int, default=25000, help="ranks (after --common) and n-grams drawn from")
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()

    try:
        import Stemmer  # python3-stemmer: one entry per stem, no lint collisions
        stem = Stemmer.Stemmer("english").stemWord
    except ImportError:
        stem = None

    words = collections.Counter()
    pairs = collections.Counter()
    triples = collections.Counter()
    with open_corpus(a.corpus) as f:
        for i, line in enumerate(f):
            if i >= a.docs:
                break
            line = line.strip()
            if not line:
                continue
            text = json.loads(line).get("text", "")
            for para in text.split("\n"):
                # words only within a run of plain ASCII letters and apostrophes,
                # so pairs never jump over punctuation
                for chunk in re.split(r"[^A-Za-z' ]+", para):
                    toks = WORD.findall(chunk.lower())
                    words.update(t for t in toks if "'" not in t)
                    pairs.update(zip(toks, toks[1:]))
                    triples.update(zip(toks, toks[1:], toks[2:]))

    ranked = [w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))]
    stop = set(ranked[: a.stop])
    common = set(ranked[: a.common])
    pool = [w for w in ranked[a.common: a.common + a.pool] if len(w) >= 3]

    def content(gram):
        # like a lexicon's phrases ("duty to defend"): first and last words are
        # content words, a short function word may stand between
        return (gram[0] not in stop and gram[-1] not in stop and len(gram[0]) >= 3
                and len(gram[-1]) >= 3 and all("'" not in w for w in gram))

    top_pairs = [g for g, _ in sorted(pairs.most_common(4 * a.pool), key=lambda kv: (-kv[1], kv[0])) if content(g)][: a.pool]
    top_triples = [g for g, _ in sorted(triples.most_common(4 * a.pool), key=lambda kv: (-kv[1], kv[0])) if content(g)][: a.pool]

    rng = random.Random(a.seed)
    n_word = a.entries // 3
    n_glob = a.entries // 3
    n_phrase = a.entries - n_word - n_glob
    n_triple = n_phrase // 3
    n_pair = n_phrase - n_triple
    if len(pool) < n_word + n_glob or len(top_pairs) < n_pair or len(top_triples) < n_triple:
        sys.exit("bench_stress_lexicon: corpus too small for %d entries" % a.entries)

    patterns = []
    seen = set()

    def add(p):
        if p in seen:
            return False
        seen.add(p)
        patterns.append(p)
        return True

    # a rarer word whose stem or prefix covers a common word ("ons" -> on,
    # "trumpeted" -> trump*) would hit like the common word: left out too
    stems = set(stem(w) if stem else w for w in common)
    order = pool[:]
    rng.shuffle(order)
    it = iter(order)
    while len(patterns) < n_word:
        w = next(it)
        s = stem(w) if stem else w
        if s in stems:
            continue
        stems.add(s)
        add(w)
    while len(patterns) < n_word + n_glob:
        w = rng.choice(pool)
        if len(w) < 6:
            continue
        k = rng.randint(5, min(8, len(w) - 1))
        if any(x.startswith(w[:k]) for x in common):
            continue
        add(w[:k] + "*")
    grams = set()

    def add_phrases(candidates, n):
        got = 0
        for gram in rng.sample(candidates, len(candidates)):
            if got == n:
                return
            key = tuple(stem(w) for w in gram) if stem else gram
            if key in grams:
                continue
            grams.add(key)
            if add(" ".join(gram)):
                got += 1
        sys.exit("bench_stress_lexicon: corpus too small for %d phrases" % n)

    add_phrases(top_pairs, n_pair)
    add_phrases(top_triples, n_triple)
    rng.shuffle(patterns)

    weights = [0.5, 1, 1, 1, 1.5, 2, 2, 3]
    entries = []
    for p in patterns:
        entries.append({"pattern": p, "axis": "stress",
                        "pole": "positive" if rng.random() < 0.5 else "negative",
                        "weight": rng.choice(weights)})
    lex = {
        "lexicon": "bench-stress",
        "version": "1.0.0",
        "language": "english",
        "description": "generated by tools/bench_stress_lexicon.py (seed %d, %d entries: %d stem words, "
                       "%d prefix globs, %d phrases) from the vocabulary of the benchmark corpus; "
                       "for benchmarks only" % (a.seed, len(entries), n_word, n_glob, n_phrase),
        "axes": [{"id": "stress", "positive": "stress-positive", "negative": "stress-negative"}],
        "entries": entries,
        "modifiers": {"negators": ["not", "no", "never", "without"], "negation_window": 3,
                      "intensifiers": {"very": 1.5}, "diminishers": {"somewhat": 0.5}},
    }
    with open(a.output, "w", encoding="utf-8") as f:
        json.dump(lex, f, indent=0, ensure_ascii=False)
        f.write("\n")
    print("bench_stress_lexicon: %s: %d entries (%d words, %d globs, %d phrases)"
          % (a.output, len(entries), n_word, n_glob, n_phrase), file=sys.stderr)


if __name__ == "__main__":
    main()
