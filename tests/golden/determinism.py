#!/usr/bin/env python3
"""Determinism tests for slant (DESIGN.md section 7): the same inputs and
options give byte-identical output, run after run and whatever the thread
count.

  bundled-twice       `slant compare` on the bundled corpus, twice
  threads-compare     a synthetic corpus, `compare` with -j 1, 2 and 4
  threads-documents   the same with --documents
  threads-score-hits  the same corpus, `score --hits` with -j 1, 2 and 4
  threads-suggest     the same corpus, `suggest` (each source against the rest,
                      as JSON, and two sources as text, trigrams) with -j 1, 2
                      and 4
  threads-voice       the same corpus, `compare --documents --voice own`,
                      `score --hits --voice quoted` and `suggest --voice own`
                      with -j 1, 2 and 4; and per source, the hits of own and
                      quoted add up to those of all

The synthetic corpus is made at test time from a fixed word list with a
fixed seed (no real text): 300 documents from 4 sources (one with fewer
than 5 documents, so that it resamples sentences), in more batches than one
worker takes at a time, with a few broken lines among them so that the
skipped list is compared too; some sentences stand in quotation marks
(straight, curly, guillemets; a few left open).  Reports are also validated against the
schema.

usage: determinism.py --slant BIN --source-dir DIR [--test NAME]...
The last line printed is "N passed, N failed".
"""

import argparse
import json
import os
import random
import shutil
import sys
import tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import Schemas, run_slant, diff  # noqa: E402

LEXICON = "tests/data/cli/lexicon.json"
THREADS = (1, 2, 4)

FILLER = ("the council met on a grey morning and spoke about trade fish roads weather "
          "schools bridges plans budget river town market ferry harbor pier letters "
          "visitors farmers a of in with for said that was were").split()
TERMS = {
    "positive": ["deterrence", "cornerstone", "strengthen ties", "strengthening ties",
                 "friendly", "deterrent"],
    "negative": ["dependence", "entanglement", "reliance on America", "non-independent",
                 "non independent", "hostile"],
    "other": ["missile", "missiles", "attack", "Article 5", "Washington’s", "café", "U.S.",
              "Mr. Sato"],
    "modifier": ["not", "never", "very", "deeply", "somewhat", "without", "no"],
}
# source: (documents, chance of a positive, negative, other term per word)
SOURCES = {
    "Alpha Daily": (150, (0.06, 0.02, 0.03)),
    "Beta Times": (100, (0.02, 0.07, 0.03)),
    "Gamma Wire": (47, (0.03, 0.03, 0.01)),
    "Delta Note": (3, (0.05, 0.05, 0.05)),
}


QUOTES = [('"', '"'), ("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ('"', ""), ("\u201c", "")]


def make_corpus(path, seed=20190419):
    rng = random.Random(seed)
    # quotation marks from a generator of their own: the words stay those of
    # the corpus before quotations were added
    qrng = random.Random(seed + 1)
    order = [s for s, (n, _) in SOURCES.items() for _ in range(n)]
    rng.shuffle(order)
    lines = []
    count = {s: 0 for s in SOURCES}
    for i, source in enumerate(order):
        count[source] += 1
        p_pos, p_neg, p_other = SOURCES[source][1]
        sentences = []
        for _ in range(rng.randint(2, 8)):
            words = []
            for _ in range(rng.randint(4, 16)):
                r = rng.random()
                if r < p_pos:
                    kind = "positive"
                elif r < p_pos + p_neg:
                    kind = "negative"
                elif r < p_pos + p_neg + p_other:
                    kind = "other"
                elif r < p_pos + p_neg + p_other + 0.04:
                    kind = "modifier"
                else:
                    kind = None
                words.append(rng.choice(TERMS[kind] if kind else FILLER))
            sentence = " ".join(words)
            sentence = sentence[0].upper() + sentence[1:] + rng.choice([".", ".", "!", "?"])
            if qrng.random() < 0.25:
                opening, closing = qrng.choice(QUOTES)
                sentence = opening + sentence + closing
            sentences.append(sentence)
        text = " ".join(sentences)
        if rng.random() < 0.2:
            text += "\n\n" + sentences[0]
        rec = {"id": "%s-%03d" % (source.split()[0].lower(), count[source]),
               "source": source, "text": text}
        if rng.random() < 0.5:
            rec["title"] = " ".join(rng.choice(FILLER) for _ in range(5)).capitalize()
        if rng.random() < 0.5:
            rec["date"] = "2019-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28))
        lines.append(json.dumps(rec, ensure_ascii=rng.random() < 0.5))
        # a few broken records among the good ones
        if i % 97 == 50:
            lines.append('{"id": "broken-%d", "source": "Alpha Daily", "text": "cut off' % i)
        if i % 97 == 60:
            lines.append(json.dumps({"id": rec["id"], "source": source, "text": "again"}))
        if i % 97 == 70:
            lines.append(json.dumps({"id": "notext-%d" % i, "source": source}))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


def same_runs(label, runs):
    """runs: [(name, (status, stdout, stderr))]; all must be identical."""
    problems = []
    first_name, first = runs[0]
    for name, run in runs[1:]:
        for k, what in enumerate(("status", "stdout", "stderr")):
            a, b = first[k], run[k]
            if a != b:
                if isinstance(a, int):
                    problems.append("%s: %s: exit status %d with %s, %d with %s"
                                    % (label, what, a, first_name, b, name))
                else:
                    problems.append("%s: %s differs between %s and %s\n%s"
                                    % (label, what, first_name, name, diff(what, a, b)))
    return problems


def check(schemas, label, status, stdout, stderr, kind, want_status):
    problems = []
    if status != want_status:
        problems.append("%s: exit status %d, expected %d; stderr:\n%s"
                        % (label, status, want_status, stderr.decode(errors="replace")))
    text = stdout.decode("utf-8", errors="replace")
    if kind == "report":
        problems += schemas.check_report(text, label)
    else:
        problems += schemas.check_score_lines(text, label)
    return problems


def test_bundled_twice(slant, source_dir, schemas, tmp):
    runs = [("run %d" % i, run_slant(slant, ["compare"], source_dir, None)) for i in (1, 2)]
    problems = same_runs("bundled-twice", runs)
    return problems + check(schemas, "bundled-twice", *runs[0][1], "report", 0)


def threads_test(label, slant, source_dir, schemas, tmp, args, kind):
    corpus = os.path.join(tmp, "synthetic.jsonl")
    make_corpus(corpus)
    runs = [("-j %d" % j, run_slant(slant, args + ["-j", str(j), corpus], source_dir, None))
            for j in THREADS]
    problems = same_runs(label, runs)
    # the broken lines make a run exit 1, and are reported
    problems += check(schemas, label, *runs[0][1], kind, 1)
    status, stdout, stderr = runs[0][1]
    if kind == "report" and status == 1:
        report = json.loads(stdout)
        got = report["summary"]["documents_scored"]
        if got != 300:
            problems.append("%s: %d documents scored, expected 300" % (label, got))
        units = {s["name"]: s["axes"]["alliance"]["interval"]["unit"] for s in report["sources"]}
        if units.get("Delta Note") != "sentence" or units.get("Alpha Daily") != "document":
            problems.append("%s: unexpected bootstrap units %s" % (label, units))
    return problems


def test_threads_suggest(slant, source_dir, schemas, tmp):
    corpus = os.path.join(tmp, "synthetic.jsonl")
    make_corpus(corpus)
    problems = []
    for label, args in (
            ("threads-suggest each", ["suggest", "-l", LEXICON, "--by", "source", "--min-count", "3",
                                      "--json"]),
            ("threads-suggest a-b", ["suggest", "-l", LEXICON, "--by", "source", "--a", "Alpha Daily",
                                     "--b", "Beta Times", "--ngrams", "3", "--top", "40"])):
        runs = [("-j %d" % j, run_slant(slant, args + ["-j", str(j), corpus], source_dir, None))
                for j in THREADS]
        problems += same_runs(label, runs)
        status, stdout, stderr = runs[0][1]
        # the broken lines make a run exit 1, and are reported once
        if status != 1:
            problems.append("%s: exit status %d, expected 1; stderr:\n%s"
                            % (label, status, stderr.decode(errors="replace")))
        if stderr.decode().count("duplicate id") != 3:
            problems.append("%s: the skips are not reported once each:\n%s"
                            % (label, stderr.decode(errors="replace")))
        if "--json" in args and status == 1:
            report = json.loads(stdout)
            if report["documents"] != 300 or len(report["comparisons"]) != len(SOURCES):
                problems.append("%s: %d documents, %d comparisons" % (
                    label, report["documents"], len(report["comparisons"])))
    return problems


def test_threads_voice(slant, source_dir, schemas, tmp):
    corpus = os.path.join(tmp, "synthetic.jsonl")
    make_corpus(corpus)
    problems = []
    hits = {}
    for label, args, kind in (
            ("threads-voice compare own", ["compare", "--documents", "--voice", "own", "-l", LEXICON],
             "report"),
            ("threads-voice compare quoted", ["compare", "--voice", "quoted", "-l", LEXICON], "report"),
            ("threads-voice compare all", ["compare", "-l", LEXICON], "report"),
            ("threads-voice score quoted", ["score", "--hits", "--voice", "quoted", "-l", LEXICON],
             "score"),
            ("threads-voice suggest own", ["suggest", "--voice", "own", "-l", LEXICON, "--by", "source",
                                           "--min-count", "3", "--json"], None)):
        runs = [("-j %d" % j, run_slant(slant, args + ["-j", str(j), corpus], source_dir, None))
                for j in THREADS]
        problems += same_runs(label, runs)
        status, stdout, stderr = runs[0][1]
        if kind is not None:
            problems += check(schemas, label, status, stdout, stderr, kind, 1)
        if kind == "report" and status == 1:
            report = json.loads(stdout)
            voice = args[args.index("--voice") + 1] if "--voice" in args else "all"
            if report["meta"]["parameters"]["voice"] != voice:
                problems.append("%s: meta.parameters.voice is %r" % (label, report["meta"]["parameters"]["voice"]))
            hits[voice] = {s["name"]: s["axes"]["alliance"]["hits"] for s in report["sources"]}
    if len(hits) == 3:
        for name, h in hits["all"].items():
            own, quoted = hits["own"][name], hits["quoted"][name]
            if own["total"] + quoted["total"] != h["total"] or h["quoted"] != quoted["total"] \
                    or own["quoted"] != 0 or quoted["quoted"] != quoted["total"]:
                problems.append("threads-voice: %s: own %s + quoted %s is not all %s" % (name, own, quoted, h))
        if sum(h["quoted"] for h in hits["all"].values()) == 0:
            problems.append("threads-voice: the corpus has no quoted hit")
    return problems


TESTS = {
    "bundled-twice": test_bundled_twice,
    "threads-compare": lambda *a: threads_test(
        "threads-compare", *a, ["compare", "-l", LEXICON], "report"),
    "threads-documents": lambda *a: threads_test(
        "threads-documents", *a, ["compare", "--documents", "-l", LEXICON], "report"),
    "threads-score-hits": lambda *a: threads_test(
        "threads-score-hits", *a, ["score", "--hits", "-l", LEXICON], "score"),
    "threads-suggest": test_threads_suggest,
    "threads-voice": test_threads_voice,
}


def main():
    ap = argparse.ArgumentParser(description="Check that slant's output is deterministic.")
    ap.add_argument("--slant", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--test", action="append", default=[], choices=sorted(TESTS))
    ap.add_argument("--write-corpus", metavar="FILE",
                    help="write the synthetic corpus to FILE and exit (to look at it)")
    opts = ap.parse_args()
    if opts.write_corpus:
        make_corpus(opts.write_corpus)
        return 0
    slant = os.path.abspath(opts.slant)
    source_dir = os.path.abspath(opts.source_dir)
    schemas = Schemas(source_dir)
    passed = failed = 0
    for name in opts.test or sorted(TESTS):
        tmp = tempfile.mkdtemp(prefix="slant-determinism-")
        try:
            problems = TESTS[name](slant, source_dir, schemas, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if problems:
            failed += 1
            for p in problems:
                print("FAIL " + p)
        else:
            passed += 1
            print("ok   " + name)
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
