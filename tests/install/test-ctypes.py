#!/usr/bin/env python3
"""libslant from Python through ctypes, against the installed slant.

usage: test-ctypes.py --lib LIBSLANT_SO --slant BIN --data SHARE_SLANT
                      --source DIR --title TITLE --text TEXT

Run by tests/install/test-install.py --test ctypes on an install of the
build.  Checks, through nothing but ctypes and engine/slant.h's functions:

  - slant_version() is what `slant --version` prints;
  - the lexicon's accessors say what its JSON file says (name, version,
    sha256 of the bytes, axes and poles, categories, every entry's pattern,
    group, pole and weight), from a file and from memory;
  - TITLE and TEXT scored alone give `slant score --hits`'s numbers and
    hits, and each hit's byte offsets cut its matched text out of the UTF-8;
  - errors: their domain, code and message (a missing lexicon, a broken
    one with its line and column, invalid UTF-8 with its place, bad
    options, a callback that stops a run, options after the first input);
  - runs: every document handed to the callback has `slant score`'s
    numbers, and the report is `slant compare`'s, byte for byte, with the
    default options and with others (seed, bootstrap, top, threads,
    group-by, pairs, reference, strict, max-document-bytes), in every
    format, to a callback and to a file (written whole: no temporary file
    left beside it); skips are the report's.

Prints "N passed, N failed"; exit status 1 when something failed.
"""

import argparse
import ctypes
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from ctypes import (CFUNCTYPE, POINTER, Structure, byref, c_char_p, c_double, c_int, c_size_t,
                    c_uint, c_uint32, c_uint64, c_void_p)

LEXICON = "lexicons/us-japan-alliance.json"
CORPUS = "corpora/us-japan-cyber-2019"
MEASURES = ("hits_positive", "hits_negative", "negated", "positive", "negative",
            "balance", "logit", "net_per_1k", "intensity_per_1k")
# SlantError codes (engine/slant.h)
USAGE, IO, LEXICON_SYNTAX, UTF8, CHECK_FAILED = 0, 1, 2, 9, 15

failures = []
passes = 0


def check(ok, what):
    global passes
    if ok:
        passes += 1
    else:
        failures.append(what)
        print("FAIL: " + what)


class GError(Structure):
    _fields_ = [("domain", c_uint32), ("code", c_int), ("message", c_char_p)]


SCORE_FUNC = CFUNCTYPE(c_int, c_void_p, c_void_p)
OUTPUT_FUNC = CFUNCTYPE(c_int, c_void_p, c_size_t, c_void_p)


def load(path):
    lib = ctypes.CDLL(path)
    sigs = {
        "slant_version": (c_char_p, []),
        "slant_error_domain": (c_uint32, []),
        "slant_error_name": (c_char_p, [c_int]),
        "slant_lexicon_open": (c_void_p, [c_char_p, c_void_p]),
        "slant_lexicon_open_data": (c_void_p, [c_char_p, c_size_t, c_char_p, c_void_p]),
        "slant_lexicon_close": (None, [c_void_p]),
        "slant_lexicon_get": (c_char_p, [c_void_p, c_char_p]),
        "slant_lexicon_axis_count": (c_size_t, [c_void_p]),
        "slant_lexicon_axis_id": (c_char_p, [c_void_p, c_size_t]),
        "slant_lexicon_axis_pole": (c_char_p, [c_void_p, c_size_t, c_int]),
        "slant_lexicon_category_count": (c_size_t, [c_void_p]),
        "slant_lexicon_category_id": (c_char_p, [c_void_p, c_size_t]),
        "slant_lexicon_entry_count": (c_size_t, [c_void_p]),
        "slant_lexicon_entry_pattern": (c_char_p, [c_void_p, c_size_t]),
        "slant_lexicon_entry_group": (c_char_p, [c_void_p, c_size_t]),
        "slant_lexicon_entry_pole": (c_int, [c_void_p, c_size_t]),
        "slant_lexicon_entry_weight": (c_double, [c_void_p, c_size_t]),
        "slant_measure_name": (c_char_p, [c_int]),
        "slant_scorer_new": (c_void_p, [c_void_p, c_void_p]),
        "slant_scorer_free": (None, [c_void_p]),
        "slant_scorer_score": (c_void_p, [c_void_p, c_char_p, c_char_p, c_void_p]),
        "slant_score_free": (None, [c_void_p]),
        "slant_score_id": (c_char_p, [c_void_p]),
        "slant_score_source": (c_char_p, [c_void_p]),
        "slant_score_label": (c_char_p, [c_void_p, c_char_p]),
        "slant_score_title": (c_char_p, [c_void_p]),
        "slant_score_text": (c_void_p, [c_void_p]),
        "slant_score_tokens": (c_uint64, [c_void_p]),
        "slant_score_sentences": (c_uint, [c_void_p]),
        "slant_score_axis_count": (c_size_t, [c_void_p]),
        "slant_score_axis_id": (c_char_p, [c_void_p, c_size_t]),
        "slant_score_axis_value": (c_double, [c_void_p, c_size_t, c_int]),
        "slant_score_category_count": (c_size_t, [c_void_p]),
        "slant_score_category_id": (c_char_p, [c_void_p, c_size_t]),
        "slant_score_category_hits": (c_uint, [c_void_p, c_size_t]),
        "slant_score_category_negated": (c_uint, [c_void_p, c_size_t]),
        "slant_score_category_quoted": (c_uint, [c_void_p, c_size_t]),
        "slant_score_axis_quoted": (c_uint, [c_void_p, c_size_t]),
        "slant_score_hit_quoted": (c_int, [c_void_p, c_size_t]),
        "slant_score_hit_count": (c_size_t, [c_void_p]),
        "slant_score_hit_entry": (c_uint, [c_void_p, c_size_t]),
        "slant_score_hit_pattern": (c_char_p, [c_void_p, c_size_t]),
        "slant_score_hit_group": (c_char_p, [c_void_p, c_size_t]),
        "slant_score_hit_pole": (c_int, [c_void_p, c_size_t]),
        "slant_score_hit_negated": (c_int, [c_void_p, c_size_t]),
        "slant_score_hit_weight": (c_double, [c_void_p, c_size_t]),
        "slant_score_hit_field": (c_char_p, [c_void_p, c_size_t]),
        "slant_score_hit_sentence": (c_uint, [c_void_p, c_size_t]),
        "slant_score_hit_start": (c_size_t, [c_void_p, c_size_t]),
        "slant_score_hit_end": (c_size_t, [c_void_p, c_size_t]),
        "slant_run_new": (c_void_p, [c_void_p]),
        "slant_run_free": (None, [c_void_p]),
        "slant_run_set_option": (c_int, [c_void_p, c_char_p, c_char_p, c_void_p]),
        "slant_run_add": (c_int, [c_void_p, c_char_p, SCORE_FUNC, c_void_p, c_void_p]),
        "slant_run_document_count": (c_uint64, [c_void_p]),
        "slant_run_skip_count": (c_size_t, [c_void_p]),
        "slant_run_skip_code": (c_int, [c_void_p, c_size_t]),
        "slant_run_skip_message": (c_char_p, [c_void_p, c_size_t]),
        "slant_run_write_report_to": (c_int, [c_void_p, c_char_p, OUTPUT_FUNC, c_void_p, c_void_p]),
        "slant_run_write_report": (c_int, [c_void_p, c_char_p, c_char_p, c_void_p]),
    }
    for name, (res, argtypes) in sigs.items():
        fn = getattr(lib, name)
        fn.restype = res
        fn.argtypes = argtypes
    glib = ctypes.CDLL("libglib-2.0.so.0")
    glib.g_error_free.argtypes = [POINTER(GError)]
    glib.g_error_free.restype = None
    return lib, glib


class Err:
    """A GError** for one call; .take() returns (code, message) and frees it."""

    def __init__(self, glib):
        self.glib = glib
        self.ptr = POINTER(GError)()

    @property
    def ref(self):
        return byref(self.ptr)

    def take(self, lib):
        if not self.ptr:
            return None
        e = self.ptr.contents
        got = (e.domain == lib.slant_error_domain(), e.code, e.message.decode())
        self.glib.g_error_free(self.ptr)
        self.ptr = POINTER(GError)()
        return got


def slant(args, *cmd, stdin=None, cwd=None):
    env = {k: v for k, v in os.environ.items() if k not in ("SLANT_DATA_DIR", "LD_PRELOAD")}
    p = subprocess.run([args.slant] + list(cmd), input=stdin, cwd=cwd or args.data, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p


def score_values(lib, s):
    """A SlantScore as a `slant score` object's numbers (rounded as it rounds)."""
    r6 = lambda v: float("%.6f" % v)
    out = {"tokens": lib.slant_score_tokens(s), "sentences": lib.slant_score_sentences(s),
           "axes": {}, "categories": {}}
    for a in range(lib.slant_score_axis_count(s)):
        axis = {m: r6(lib.slant_score_axis_value(s, a, i)) for i, m in enumerate(MEASURES)}
        axis["quoted"] = float(lib.slant_score_axis_quoted(s, a))
        out["axes"][lib.slant_score_axis_id(s, a).decode()] = axis
    for c in range(lib.slant_score_category_count(s)):
        out["categories"][lib.slant_score_category_id(s, c).decode()] = {
            "hits": lib.slant_score_category_hits(s, c),
            "negated": lib.slant_score_category_negated(s, c),
            "quoted": lib.slant_score_category_quoted(s, c)}
    return out


def json_values(doc):
    return {"tokens": doc["tokens"], "sentences": doc["sentences"],
            "axes": {a: {m: float(v[m]) for m in MEASURES + ("quoted",)}
                     for a, v in doc["axes"].items()},
            "categories": doc["categories"]}


def score_hits(lib, s, title, text):
    hits = []
    segs = {"title": (title or "").encode(), "text": text.encode()}
    for h in range(lib.slant_score_hit_count(s)):
        field = lib.slant_score_hit_field(s, h).decode()
        start, end = lib.slant_score_hit_start(s, h), lib.slant_score_hit_end(s, h)
        hits.append({
            "entry": lib.slant_score_hit_entry(s, h),
            "pattern": lib.slant_score_hit_pattern(s, h).decode(),
            "group": lib.slant_score_hit_group(s, h).decode(),
            "pole": lib.slant_score_hit_pole(s, h),
            "negated": lib.slant_score_hit_negated(s, h),
            "quoted": lib.slant_score_hit_quoted(s, h),
            "weight": float("%.6f" % lib.slant_score_hit_weight(s, h)),
            "field": field,
            "sentence": lib.slant_score_hit_sentence(s, h),
            "bytes": [start, end],
            "text": segs[field][start:end].decode(),
        })
    return hits


def json_hits(doc):
    out = []
    for h in doc["hits"]:
        pole = 0 if "category" in h else (1 if h["pole"] == "positive" else -1)
        out.append({"entry": h["entry"], "pattern": h["pattern"],
                    "group": h.get("axis", h.get("category")), "pole": pole,
                    "negated": int(any(m["kind"] == "negator" for m in h["modifiers"])),
                    "quoted": int(h["quoted"]),
                    "weight": float(h["weight"]), "field": h["field"], "sentence": h["sentence"],
                    "bytes": h["bytes"], "text": h["text"]})
    return out


def test_lexicon(lib, glib, args):
    path = os.path.join(args.data, LEXICON)
    raw = open(path, "rb").read()
    spec = json.loads(raw)
    err = Err(glib)
    for how in ("file", "data"):
        if how == "file":
            lex = lib.slant_lexicon_open(path.encode(), err.ref)
            name = path
        else:
            lex = lib.slant_lexicon_open_data(raw, len(raw), b"in-memory.json", err.ref)
            name = "in-memory.json"
        check(lex is not None and err.take(lib) is None, "lexicon opens from " + how)
        get = lambda f: (lib.slant_lexicon_get(lex, f.encode()) or b"").decode()
        check(get("name") == spec["lexicon"] and get("version") == spec["version"] and
              get("language") == spec["language"], "%s: name, version, language" % how)
        check(get("sha256") == hashlib.sha256(raw).hexdigest(), "%s: sha256 of the bytes" % how)
        check(get("path") == name, "%s: path %r" % (how, get("path")))
        check(lib.slant_lexicon_get(lex, b"colour") is None, "%s: an unknown field is NULL" % how)
        axes = [(lib.slant_lexicon_axis_id(lex, i).decode(),
                 lib.slant_lexicon_axis_pole(lex, i, 1).decode(),
                 lib.slant_lexicon_axis_pole(lex, i, -1).decode())
                for i in range(lib.slant_lexicon_axis_count(lex))]
        check(axes == [(a["id"], a["positive"], a["negative"]) for a in spec["axes"]],
              "%s: axes and poles" % how)
        cats = [lib.slant_lexicon_category_id(lex, i).decode()
                for i in range(lib.slant_lexicon_category_count(lex))]
        check(cats == [c["id"] for c in spec["categories"]], "%s: categories" % how)
        entries = []
        for i in range(lib.slant_lexicon_entry_count(lex)):
            entries.append((lib.slant_lexicon_entry_pattern(lex, i).decode(),
                            lib.slant_lexicon_entry_group(lex, i).decode(),
                            lib.slant_lexicon_entry_pole(lex, i),
                            lib.slant_lexicon_entry_weight(lex, i)))
        want = []
        poles = {a["id"]: (a["positive"], a["negative"]) for a in spec["axes"]}
        for e in spec["entries"]:
            if "axis" in e:
                pole = 1 if e["pole"] in ("positive", poles[e["axis"]][0]) else -1
                want.append((e["pattern"], e["axis"], pole, float(e.get("weight", 1))))
            else:
                want.append((e["pattern"], e["category"], 0, float(e.get("weight", 1))))
        check(entries == want, "%s: every entry's pattern, group, pole and weight" % how)
        lib.slant_lexicon_close(lex)
    lib.slant_lexicon_close(None)  # a no-op

    missing = os.path.join(args.data, "lexicons", "no-such.json")
    check(lib.slant_lexicon_open(missing.encode(), err.ref) is None, "a missing lexicon: NULL")
    got = err.take(lib)
    check(got is not None and got[0] and got[1] == IO and missing in got[2],
          "a missing lexicon: SLANT_ERROR_IO naming it: %s" % (got,))
    broken = b'{"lexicon": "x",\n  "version": 1,\n}'
    check(lib.slant_lexicon_open_data(broken, len(broken), b"broken.json", err.ref) is None,
          "a broken lexicon: NULL")
    got = err.take(lib)
    check(got is not None and got[0] and got[1] == LEXICON_SYNTAX and
          got[2].startswith("broken.json:3:"),
          "a broken lexicon: a syntax error at broken.json:3:COL: %s" % (got,))
    check(lib.slant_error_name(UTF8) == b"invalid-utf8" and lib.slant_error_name(99) is not None,
          "slant_error_name")


def test_text(lib, glib, args):
    err = Err(glib)
    lex = lib.slant_lexicon_open(os.path.join(args.data, LEXICON).encode(), err.ref)
    scorer = lib.slant_scorer_new(lex, err.ref)
    check(scorer is not None, "a scorer")
    line = json.dumps({"id": "t", "source": "s", "title": args.title, "text": args.text}) + "\n"
    p = slant(args, "score", "--hits", "--lexicon", LEXICON, "-", stdin=line.encode())
    check(p.returncode == 0, "slant score runs: " + p.stderr.decode())
    doc = json.loads(p.stdout)
    for round_ in (1, 2):  # the scorer's caches must not change a thing
        s = lib.slant_scorer_score(scorer, args.title.encode(), args.text.encode(), err.ref)
        check(s is not None and err.take(lib) is None, "the text scores (round %d)" % round_)
        check(score_values(lib, s) == json_values(doc),
              "the text's scores are slant score's (round %d):\n got  %s\n want %s"
              % (round_, score_values(lib, s), json_values(doc)))
        got, want = score_hits(lib, s, args.title, args.text), json_hits(doc)
        check(got == want, "the text's hits are slant score's (round %d):\n got  %s\n want %s"
              % (round_, got, want))
        check(lib.slant_score_id(s) is None and lib.slant_score_source(s) is None and
              lib.slant_score_label(s, b"stance") is None, "a text alone has no id, source, labels")
        check(lib.slant_score_title(s).decode() == args.title and
              ctypes.string_at(lib.slant_score_text(s)).decode() == args.text,
              "the score keeps the title and the text")
        lib.slant_score_free(s)
    check(any(h["negated"] for h in json_hits(doc)) and
          any(h["text"].encode() != h["text"].encode("ascii", "ignore") for h in json_hits(doc)),
          "the text has a negated hit and one with a multibyte character")
    # no title, an empty text
    s = lib.slant_scorer_score(scorer, None, b"", err.ref)
    check(s is not None and lib.slant_score_tokens(s) == 0 and lib.slant_score_hit_count(s) == 0 and
          lib.slant_score_axis_value(s, 0, MEASURES.index("balance")) == 0 and
          lib.slant_score_title(s) is None, "an empty text scores 0")
    lib.slant_score_free(s)
    for title, text, place in ((None, b"ok \xff bad", "text:1:4"), (b"bad\xc3", b"fine", "title:1:4"),
                               (None, b"one\ntwo \xe2\x80 x", "text:2:5")):
        s = lib.slant_scorer_score(scorer, title, text, err.ref)
        got = err.take(lib)
        check(s is None and got is not None and got[0] and got[1] == UTF8 and
              got[2] == place + ": invalid UTF-8",
              "invalid UTF-8 is SLANT_ERROR_UTF8 at %s: %s" % (place, got))
    check([lib.slant_measure_name(i).decode() for i in range(len(MEASURES))] == list(MEASURES) and
          lib.slant_measure_name(len(MEASURES)) is None, "slant_measure_name")
    lib.slant_scorer_free(scorer)
    lib.slant_lexicon_close(lex)


class Run:
    """A SlantRun with its callbacks kept alive while it is."""

    def __init__(self, lib, glib, lex, options=()):
        self.lib, self.glib = lib, glib
        self.run = lib.slant_run_new(lex)
        self.docs = []
        self.stop_after = None
        self.err = Err(glib)
        for name, value in options:
            ok = lib.slant_run_set_option(self.run, name.encode(), value.encode(), self.err.ref)
            check(ok == 1, "option %s=%s: %s" % (name, value, self.err.take(lib)))

        def on_doc(score, _user):
            if self.stop_after is not None and len(self.docs) >= self.stop_after:
                return 1
            self.docs.append({
                "id": lib.slant_score_id(score).decode(),
                "source": lib.slant_score_source(score).decode(),
                "stance": lib.slant_score_label(score, b"stance"),
                **score_values(lib, score),
                "hits": score_hits(lib, score, (lib.slant_score_title(score) or b"").decode(),
                                   ctypes.string_at(lib.slant_score_text(score)).decode())})
            return 0
        self.on_doc = SCORE_FUNC(on_doc)

    def add(self, path, callback=True):
        ok = self.lib.slant_run_add(self.run, path.encode(),
                                    self.on_doc if callback else SCORE_FUNC(0), None, self.err.ref)
        return ok, self.err.take(self.lib)

    def report(self, fmt=None):
        pieces = []

        def on_output(data, size, _user):
            pieces.append(ctypes.string_at(data, size))
            return 0
        out = OUTPUT_FUNC(on_output)
        ok = self.lib.slant_run_write_report_to(self.run, fmt.encode() if fmt else None, out, None,
                                                self.err.ref)
        return ok, b"".join(pieces), self.err.take(self.lib)

    def free(self):
        self.lib.slant_run_free(self.run)


def test_runs(lib, glib, args):
    err = Err(glib)
    lex = lib.slant_lexicon_open(LEXICON.encode(), err.ref)  # relative: the reports name it so
    check(lex is not None, "the lexicon opens by its relative path")
    cli_articles = os.path.join(args.source, "tests", "data", "cli", "articles.jsonl")
    cli_malformed = os.path.join(args.source, "tests", "data", "cli", "malformed.jsonl")
    cases = [
        ("defaults", [], [CORPUS], []),
        ("options", [("seed", "7"), ("bootstrap", "200"), ("top", "3"), ("threads", "1"),
                     ("level", "0.9")],
         [CORPUS], ["--seed", "7", "--bootstrap", "200", "--top", "3", "-j", "1", "--level", "0.9"]),
        ("two inputs, threads", [("threads", "2")], [CORPUS, cli_articles], ["-j", "2"]),
        ("group-by, pairs", [("group-by", "label.stance"), ("pairs", "all")], [cli_articles],
         ["--group-by", "label.stance", "--pairs", "all"]),
        ("reference", [("reference", "North Wire")], [cli_articles],
         ["--reference", "North Wire"]),
        ("skips", [("max-document-bytes", "100")], [cli_malformed, "no-such-input"],
         ["--max-document-bytes", "100"]),
    ]
    for name, options, inputs, flags in cases:
        run = Run(lib, glib, lex, options)
        for path in inputs:
            ok, got = run.add(path)
            check(ok == 1 and got is None, "%s: slant_run_add(%s): %s" % (name, path, got))
        for fmt in (None, "csv", "text", "html"):
            ok, report, got = run.report(fmt)
            p = slant(args, "compare", "--lexicon", LEXICON, *(flags + ["--format", fmt or "json"]
                                                              + inputs))
            if ok:
                check(report == p.stdout and len(report) > 0,
                      "%s: the %s report is slant compare's, byte for byte" % (name, fmt or "json"))
            else:  # a format this build lacks: the command must lack it too
                check(got is not None and p.stdout == b"" and got[2] in p.stderr.decode(),
                      "%s: the %s report fails as slant compare does: %s" % (name, fmt, got))
        # every document as slant score has it
        score_flags = [f for f in flags if f == "--max-document-bytes"]
        if score_flags:
            score_flags.append(flags[flags.index("--max-document-bytes") + 1])
        p = slant(args, "score", "--hits", "--lexicon", LEXICON, *(score_flags + inputs))
        want = [json.loads(line) for line in p.stdout.splitlines()]
        check(len(run.docs) == len(want) == lib.slant_run_document_count(run.run),
              "%s: one callback per document (%d, %d)" % (name, len(run.docs), len(want)))
        for got, doc in zip(run.docs, want):
            stance = doc["labels"].get("stance")
            check(got["id"] == doc["id"] and got["source"] == doc["source"] and
                  (got["stance"].decode() if got["stance"] else None) == stance and
                  {k: got[k] for k in ("tokens", "sentences", "axes", "categories")} ==
                  json_values(doc) and got["hits"] == json_hits(doc),
                  "%s: document %s is slant score's" % (name, doc["id"]))
        skips = [(lib.slant_run_skip_code(run.run, i),
                  lib.slant_run_skip_message(run.run, i).decode())
                 for i in range(lib.slant_run_skip_count(run.run))]
        report = json.loads(slant(args, "compare", "--lexicon", LEXICON, *(flags + inputs)).stdout)
        check([m for _, m in skips] == [s["message"] for s in report["skipped"]] and
              [lib.slant_error_name(c).decode() for c, _ in skips] ==
              [s["reason"] for s in report["skipped"]],
              "%s: the skips are the report's: %s" % (name, skips))
        if name == "skips":
            check(len(skips) >= 3 and IO in [c for c, _ in skips],
                  "skips: broken records and a missing input are skipped: %s" % skips)
        ok, got = run.add(CORPUS)
        check(ok == 0 and got is not None and got[1] == USAGE,
              "%s: no input after the report: %s" % (name, got))
        run.free()

    # to a file: whole, and nothing else left in its folder
    with tempfile.TemporaryDirectory() as tmp:
        run = Run(lib, glib, lex)
        run.add(CORPUS, callback=False)
        out = os.path.join(tmp, "report.json")
        ok = lib.slant_run_write_report(run.run, b"json", out.encode(), err.ref)
        check(ok == 1 and err.take(lib) is None, "the report is written to a file")
        check(open(out, "rb").read() == slant(args, "compare", "--lexicon", LEXICON, CORPUS).stdout,
              "the report file is slant compare's")
        check(os.listdir(tmp) == ["report.json"], "nothing but the report: %s" % os.listdir(tmp))
        bad = os.path.join(tmp, "no", "such", "folder", "r.json")
        ok = lib.slant_run_write_report(run.run, None, bad.encode(), err.ref)
        got = err.take(lib)
        check(ok == 0 and got is not None and got[1] == IO and bad in got[2],
              "an unwritable report is SLANT_ERROR_IO naming it: %s" % (got,))
        ok, _, got = run.report("pdf")
        check(ok == 0 and got is not None and got[1] == USAGE and "'pdf'" in got[2],
              "an unknown format is a usage error: %s" % (got,))
        run.free()

    # strict: the run stops at the first broken document, with its code
    run = Run(lib, glib, lex, [("strict", "true")])
    ok, got = run.add(cli_malformed)
    check(ok == 0 and got is not None and got[1] == UTF8 and got[2].startswith(cli_malformed + ":2:"),
          "strict: the run stops at the first broken document: %s" % (got,))
    run.free()

    # a callback that says stop
    run = Run(lib, glib, lex)
    run.stop_after = 1
    ok, got = run.add(cli_articles)
    check(ok == 0 and got is not None and got[1] == CHECK_FAILED and len(run.docs) == 1,
          "a callback returning nonzero stops the run: %s" % (got,))
    run.free()

    # bad options, and options once the run has begun
    run = Run(lib, glib, lex)
    for name, value in (("seed", "-1"), ("bootstrap", "x"), ("bootstrap", "1000001"),
                        ("level", "1"), ("strict", "yes"), ("group-by", "colour"),
                        ("pairs", "A"), ("colour", "blue"), ("threads", "1025")):
        ok = lib.slant_run_set_option(run.run, name.encode(), value.encode(), err.ref)
        got = err.take(lib)
        check(ok == 0 and got is not None and got[0] and got[1] == USAGE,
              "option %s=%s is a usage error: %s" % (name, value, got))
    run.add(cli_articles, callback=False)
    ok = lib.slant_run_set_option(run.run, b"seed", b"2", err.ref)
    got = err.take(lib)
    check(ok == 0 and got is not None and got[1] == USAGE,
          "options are set before the first input: %s" % (got,))
    run.free()

    # a --group-by key no document has is an error at the report, as in compare
    run = Run(lib, glib, lex, [("group-by", "label.colour")])
    run.add(cli_articles, callback=False)
    ok, _, got = run.report()
    p = slant(args, "compare", "--lexicon", LEXICON, "--group-by", "label.colour", cli_articles)
    check(ok == 0 and got is not None and got[1] == USAGE and
          p.stderr.decode().startswith("slant: error: --group-by") and "label.colour" in got[2],
          "an absent group-by label is a usage error: %s" % (got,))
    run.free()
    lib.slant_lexicon_close(lex)


def main():
    ap = argparse.ArgumentParser()
    for a in ("--lib", "--slant", "--data", "--source", "--title", "--text"):
        ap.add_argument(a, required=True)
    args = ap.parse_args()
    lib, glib = load(args.lib)
    p = slant(args, "--version")
    check(p.stdout.decode().split("\n")[0] == "slant %s" % lib.slant_version().decode(),
          "slant_version() is slant --version's: %r" % lib.slant_version())
    test_lexicon(lib, glib, args)
    test_text(lib, glib, args)
    os.chdir(args.data)  # relative paths, as the reports name them
    test_runs(lib, glib, args)
    print("%d passed, %d failed" % (passes, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
