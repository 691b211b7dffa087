#!/usr/bin/env python3
"""The malformed-input catalogue: one table, one row per bad input.

Each row of CASES says: what kind of input it is, the input itself (files
written into a fresh temporary folder, which is the working directory of
the run), the command line, the exit status expected, a fragment that
stderr must hold, and how many entries the report's "skipped" must list
(None: no report is expected on stdout); optionally where standard output
goes (/dev/full, a broken pipe) and how many documents must be scored.  After json-glib's
tests/invalid.c: adding a case is adding a row.

Inputs are a dict of relative path -> content.  Content is bytes or str
(written as is), or one of the markers below for what a plain file cannot
be: a named pipe, a symbolic link, a folder nobody may read, a gzip or
zstd file (cut short or whole: zstd is made by the zstd tool), a partial
result made by slant itself (then changed).

Every run must also keep to what the README promises of any failure:
stderr holds only "slant: " lines (a usage error may add the usage), and with a
report on stdout it is valid JSON.  A run that takes longer than the timeout (a hang on a named
pipe, say) fails its row.

The unreadable folder: "chmod 000" stops everyone but root, and CI runs
as root.  So the folder is made mode 000 for real, and when the tests run
as root slant also runs with tests/fault's shim preloaded, which makes
opening that folder fail with EACCES (SLANT_FAULT_DENY), as it would for
anyone else.  (Dropping privileges with setpriv instead would need the
build tree and the sources readable by nobody, which a clone under /root
is not.)

usage: catalogue.py --slant BIN --source-dir DIR [--fault-lib SO] [--kind KIND]... [-v]
"""

import argparse
import gzip
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field


# ---- input markers ------------------------------------------------------------

@dataclass
class Fifo:
    """A named pipe (nothing ever writes to it)."""


@dataclass
class Socket:
    """A Unix socket, bound while the case runs."""


@dataclass
class Link:
    """A symbolic link to @target (relative to the link's folder, or absolute)."""
    target: str


@dataclass
class Unreadable:
    """A folder holding @files, then made mode 000 (and denied to root by the shim)."""
    files: dict = field(default_factory=dict)


@dataclass
class Gz:
    """@data gzipped, then cut to @keep of its bytes (None: whole)."""
    data: bytes
    keep: float = None


@dataclass
class Zst:
    """@data compressed with the zstd tool (one frame, with its content
    checksum; a list of bytes: one frame each, one after the other), then
    cut to @keep of its bytes (None: whole)."""
    data: object
    keep: float = None


def zstd_frame(data):
    return subprocess.run(["zstd", "-q", "-c", "--check", "-"], input=data, stdout=subprocess.PIPE,
                          check=True).stdout


@dataclass
class Partial:
    """A partial result of `slant compare --partial` over @corpus (JSON Lines
    text), passed through @edit (a function of the parsed JSON returning the
    new JSON value, or bytes) when given; @args are more options of compare
    (--match, for a matched design's unit entries)."""
    corpus: str
    edit: object = None
    args: tuple = ()


# ---- fixtures ------------------------------------------------------------------

def rec(id_, text="The ministers called the treaty a cornerstone.", source="North", **extra):
    d = {"id": id_, "source": source, "text": text}
    d.update(extra)
    return json.dumps(d, ensure_ascii=False)


GOOD = rec("g1") + "\n" + rec("g2", "A friendly exchange of letters followed.", "South") + "\n"
# one event in two outlets: a matched design (--match label.event)
EVENTS = (rec("e1", labels={"event": "summit"}) + "\n" +
          rec("e2", "A cornerstone of deterrence, they said.", "South", labels={"event": "summit"}) + "\n")


def edit_first_source(key, fn):
    """An edit of a partial: sources[0][key] replaced by fn(its value)."""
    def edit(j):
        sources = [dict(j["sources"][0], **{key: fn(j["sources"][0][key])})] + j["sources"][1:]
        return dict(j, sources=sources)
    return edit
ARTICLE = "The ministers called the treaty a cornerstone of deterrence.\n"

LEXICON = """{
  "lexicon": "catalogue", "version": "1.0.0", "language": "english",
  "axes": [{"id": "alliance", "positive": "supportive", "negative": "critical"}],
  "entries": [
    {"pattern": "deterrence", "axis": "alliance", "pole": "positive"},
    {"pattern": "cornerstone", "axis": "alliance", "pole": "positive", "weight": 2},
    {"pattern": "dependence", "axis": "alliance", "pole": "negative"}
  ]
}
"""


def lexicon_with(entries_json):
    """The catalogue lexicon with its "entries" array replaced."""
    head = LEXICON[:LEXICON.index('"entries"')]
    return head + '"entries": ' + entries_json + "\n}\n"


def many(n, prefix="m"):
    return "".join(rec(f"{prefix}{i:05d}", "Deterrence and dependence were discussed at length "
                                           "by the ministers of both countries.") + "\n"
                   for i in range(n))


# ---- the table -----------------------------------------------------------------

@dataclass
class Case:
    name: str
    kind: str          # corpus, tree, gzip, zstd, lexicon, dictionary, partial, cli
    files: dict
    args: list         # after "slant"; "{lex}" is the catalogue lexicon
    status: int
    message: str       # a fragment of stderr; "" : stderr must be empty
    skipped: object    # len(report["skipped"]), or None: no report on stdout
    stdout: str = None # None: a pipe read to the end; "full": /dev/full;
                       # "broken-pipe": a pipe already closed, SIGPIPE ignored
    scored: int = None # the report's summary.documents_scored, when given


C = Case
CMP = ["compare", "-j", "1", "--bootstrap", "10", "-l", "{lex}"]

CASES = [
    # ---- corpus files (JSON Lines) ----
    C("jsonl-invalid-utf8", "corpus", {"c.jsonl": GOOD.encode() + b'{"id": "x", "source": "S", "text": "\xff"}\n'},
      CMP + ["c.jsonl"], 1, "c.jsonl:3:37: invalid UTF-8", 1),
    C("jsonl-broken", "corpus", {"c.jsonl": GOOD + '{"id": "x", "source": "S", "text": "t"\n'},
      CMP + ["c.jsonl"], 1, "c.jsonl:3:39: broken JSON: unexpected end of line", 1),
    C("jsonl-missing-text", "corpus", {"c.jsonl": GOOD + '{"id": "x", "source": "S"}\n'},
      CMP + ["c.jsonl"], 1, "c.jsonl:3: missing string field 'text'", 1),
    C("jsonl-id-number", "corpus", {"c.jsonl": GOOD + '{"id": 7, "source": "S", "text": "t"}\n'},
      CMP + ["c.jsonl"], 1, "field 'id' is a number, not a string", 1),
    C("jsonl-duplicate-id", "corpus", {"c.jsonl": GOOD + rec("g1") + "\n"},
      CMP + ["c.jsonl"], 1, "c.jsonl:3: duplicate id 'g1'", 1),
    C("jsonl-empty-text", "corpus", {"c.jsonl": GOOD + rec("e", " \t ") + "\n"},
      CMP + ["c.jsonl"], 1, "c.jsonl:3: empty document", 1),
    C("jsonl-escaped-nul", "corpus", {"c.jsonl": GOOD + '{"id": "x", "source": "S", "text": "a\\u0000b"}\n'},
      CMP + ["c.jsonl"], 1, "c.jsonl:3:38: '\\u0000' in a string is not supported", 1),
    C("jsonl-line-too-large", "corpus", {"c.jsonl": GOOD + rec("big", "word " * 100) + "\n"},
      CMP + ["--max-document-bytes", "200", "c.jsonl"], 1, "c.jsonl:3: line too large", 1),
    C("jsonl-array-record", "corpus", {"c.jsonl": GOOD + "[1, 2]\n"},
      CMP + ["c.jsonl"], 1, "c.jsonl:3: record is an array, not an object", 1),
    C("jsonl-trailing-garbage", "corpus", {"c.jsonl": GOOD + rec("t") + " x\n"},
      CMP + ["c.jsonl"], 1, "broken JSON: trailing characters after the record", 1),
    # a label's shape is never a reason to skip: an array is kept as its JSON text
    C("jsonl-label-array", "corpus", {"c.jsonl": GOOD + rec("l", labels={"x": [1]}) + "\n"},
      CMP + ["c.jsonl"], 0, "", 0),
    C("jsonl-duplicate-field", "corpus", {"c.jsonl": GOOD + '{"id": "d", "source": "S", "text": "a", "text": "b"}\n'},
      CMP + ["c.jsonl"], 1, "c.jsonl:3: duplicate field 'text'", 1),
    C("jsonl-lone-surrogate", "corpus", {"c.jsonl": GOOD + '{"id": "s", "source": "S", "text": "\\ud800"}\n'},
      CMP + ["c.jsonl"], 1, "c.jsonl:3:", 1),
    C("jsonl-nested-too-deep", "corpus",
      {"c.jsonl": GOOD + '{"id": "n", "source": "S", "text": "t", "x": ' + "[" * 1200 + "]" * 1200 + "}\n"},
      CMP + ["c.jsonl"], 1, "c.jsonl:3:", 1),
    C("jsonl-empty-file", "corpus", {"c.jsonl": ""},
      CMP + ["c.jsonl"], 1, "no documents were scored", 0),
    C("jsonl-blank-lines-only", "corpus", {"c.jsonl": "\n  \n\t\n"},
      CMP + ["c.jsonl"], 1, "no documents were scored", 0),
    C("jsonl-strict-stops", "corpus", {"c.jsonl": '{"id": 1}\n' + GOOD},
      CMP + ["--strict", "c.jsonl"], 1, "c.jsonl:1: field 'id' is a number", None),
    C("jsonl-raw-tab-in-string", "corpus", {"c.jsonl": GOOD + '{"id": "x", "source": "S", "text": "a\tb"}\n'},
      CMP + ["c.jsonl"], 1, "c.jsonl:3:38: broken JSON: control character in a string", 1),
    C("jsonl-raw-control-in-label", "corpus",
      {"c.jsonl": GOOD + '{"id": "x", "source": "S", "text": "t", "labels": {"k": "\x01"}}\n'},
      CMP + ["c.jsonl"], 1, "c.jsonl:3:58: broken JSON: control character in a string", 1),
    C("jsonl-line-of-a-bom-alone", "corpus", {"c.jsonl": "\ufeff\n" + GOOD + "\ufeff\r\n"},
      CMP + ["c.jsonl"], 0, "", 0),
    C("jsonl-missing-input", "corpus", {"c.jsonl": GOOD},
      CMP + ["c.jsonl", "missing.jsonl"], 4, "cannot open 'missing.jsonl': No such file or directory", 1),
    C("jsonl-input-named-like-a-report-mark", "corpus", {"c.jsonl": GOOD},
      CMP + ["c.jsonl", "x@@slant-comparisons@@.jsonl"], 4, "cannot open 'x@@slant-comparisons@@.jsonl'", 1),
    C("jsonl-no-documents-left", "corpus", {"c.jsonl": '{"id": "x"}\n'},
      CMP + ["c.jsonl"], 1, "no documents were scored", 1),

    # ---- directory trees ----
    C("tree-invalid-utf8", "tree", {"t/S/a.txt": ARTICLE, "t/S/b.txt": b"caf\xe9\n"},
      CMP + ["t"], 1, "t/S/b.txt:1:4: invalid UTF-8", 1),
    C("tree-unterminated-front-matter", "tree", {"t/S/a.txt": ARTICLE, "t/S/b.txt": "---\ntitle: x\ntext\n"},
      CMP + ["t"], 1, "t/S/b.txt:1: unterminated front matter", 1),
    C("tree-no-source", "tree", {"t/S/a.txt": ARTICLE, "t/loose.txt": ARTICLE},
      CMP + ["t"], 1, "t/loose.txt:1: no source", 1),
    C("tree-empty-file", "tree", {"t/S/a.txt": ARTICLE, "t/S/b.txt": ""},
      CMP + ["t"], 1, "t/S/b.txt:1: empty document", 1),
    C("tree-too-large", "tree", {"t/S/a.txt": ARTICLE, "t/S/b.txt": "word " * 100},
      CMP + ["--max-document-bytes", "100", "t"], 1, "t/S/b.txt:1: document too large", 1),
    C("tree-dangling-link", "tree", {"t/S/a.txt": ARTICLE, "t/S/b.txt": Link("nowhere.txt")},
      CMP + ["t"], 4, "t/S/b.txt:1: cannot open: No such file or directory", 1),
    C("tree-link-loop", "tree", {"t/S/a.txt": ARTICLE, "t/S/b.txt": Link("c.txt"), "t/S/c.txt": Link("b.txt")},
      CMP + ["t"], 4, "t/S/b.txt:1: cannot open: Too many levels of symbolic links", 2),
    C("tree-folder-link-loop", "tree", {"t/S/a.txt": ARTICLE, "t/S/up": Link(".."), "t/S/self": Link(".")},
      CMP + ["t"], 0, "", 0),
    C("tree-named-pipe", "tree", {"t/S/a.txt": ARTICLE, "t/S/x.txt": Fifo()},
      CMP + ["t"], 1, "t/S/x.txt:1: not a regular file", 1),
    C("tree-socket", "tree", {"t/S/a.txt": ARTICLE, "t/S/s.txt": Socket()},
      CMP + ["t"], 1, "t/S/s.txt:1: not a regular file", 1),
    C("tree-link-to-device", "tree", {"t/S/a.txt": ARTICLE, "t/S/null.txt": Link("/dev/null")},
      CMP + ["t"], 1, "t/S/null.txt:1: not a regular file", 1),
    C("tree-link-to-named-pipe", "tree", {"t/S/a.txt": ARTICLE, "pipe": Fifo(), "t/S/p.txt": Link("../../pipe")},
      CMP + ["t"], 1, "t/S/p.txt:1: not a regular file", 1),
    C("tree-unreadable-source-folder", "tree",
      {"t/S/a.txt": ARTICLE, "t/L": Unreadable({"b.txt": ARTICLE}), "t/M/c.txt": ARTICLE},
      CMP + ["t"], 4, "t/L: cannot open folder: Permission denied", 1, scored=2),
    C("tree-unreadable-inner-folder", "tree",
      {"t/S/a.txt": ARTICLE, "t/S/2019": Unreadable({"b.txt": ARTICLE}), "t/S/z.txt": ARTICLE},
      CMP + ["t"], 4, "t/S/2019: cannot open folder: Permission denied", 1, scored=2),
    C("tree-unreadable-root", "tree", {"t": Unreadable({"S/a.txt": ARTICLE}), "c.jsonl": GOOD},
      CMP + ["t", "c.jsonl"], 4, "cannot open 't': Permission denied", 1, scored=2),
    C("tree-missing-root", "tree", {},
      CMP + ["t"], 4, "cannot open 't': No such file or directory", 1),

    # ---- gzip ----
    C("gzip-truncated", "gzip", {"cut.jsonl.gz": Gz(many(3000).encode(), keep=0.5), "c.jsonl": GOOD},
      CMP + ["cut.jsonl.gz", "c.jsonl"], 4, "cannot read: truncated gzip data", 1),
    C("gzip-corrupt", "gzip", {"bad.jsonl.gz": b"\x1f\x8b\x08\x00garbage, not deflate data\n", "c.jsonl": GOOD},
      CMP + ["bad.jsonl.gz", "c.jsonl"], 4, "bad.jsonl.gz:1: cannot read: invalid gzip data", 1),
    C("gzip-not-gzip", "gzip", {"plain.jsonl.gz": GOOD, "c.jsonl": GOOD.replace('"g', '"h')},
      CMP + ["plain.jsonl.gz", "c.jsonl"], 4, "plain.jsonl.gz:1: cannot read: invalid gzip data", 1),
    C("gzip-truncated-strict", "gzip", {"cut.jsonl.gz": Gz(many(3000).encode(), keep=0.5), "c.jsonl": GOOD},
      CMP + ["--strict", "cut.jsonl.gz", "c.jsonl"], 4, "cannot read: truncated gzip data", None),
    C("gzip-empty-file", "gzip", {"c.jsonl.gz": b""},
      CMP + ["c.jsonl.gz"], 1, "no documents were scored", 0),
    C("gzip-two-members", "gzip", {"c.jsonl.gz": gzip.compress(GOOD.encode()) + gzip.compress(rec("g3").encode() + b"\n")},
      CMP + ["c.jsonl.gz"], 0, "", 0),

    # ---- zstd: as gzip ----
    C("zstd-truncated", "zstd", {"cut.jsonl.zst": Zst(many(3000).encode(), keep=0.5), "c.jsonl": GOOD},
      CMP + ["cut.jsonl.zst", "c.jsonl"], 4, "cannot read: truncated zstd data", 1),
    C("zstd-corrupt", "zstd", {"bad.jsonl.zst": b"\x28\xb5\x2f\xfd\x00garbage, not zstd blocks\n",
                               "c.jsonl": GOOD},
      CMP + ["bad.jsonl.zst", "c.jsonl"], 4, "bad.jsonl.zst:1: cannot read: invalid zstd data", 1),
    C("zstd-not-zstd", "zstd", {"plain.jsonl.zst": GOOD, "c.jsonl": GOOD.replace('"g', '"h')},
      CMP + ["plain.jsonl.zst", "c.jsonl"], 4, "plain.jsonl.zst:1: cannot read: invalid zstd data", 1),
    C("zstd-gzip-inside", "zstd", {"c.jsonl.zst": Gz(GOOD.encode())},
      CMP + ["c.jsonl.zst"], 4, "c.jsonl.zst:1: cannot read: invalid zstd data", 1),
    C("zstd-truncated-strict", "zstd", {"cut.jsonl.zst": Zst(many(3000).encode(), keep=0.5), "c.jsonl": GOOD},
      CMP + ["--strict", "cut.jsonl.zst", "c.jsonl"], 4, "cannot read: truncated zstd data", None),
    C("zstd-empty-file", "zstd", {"c.jsonl.zst": b""},
      CMP + ["c.jsonl.zst"], 1, "no documents were scored", 0),
    C("zstd-two-frames", "zstd", {"c.jsonl.zst": Zst([GOOD.encode(), rec("g3").encode() + b"\n"])},
      CMP + ["c.jsonl.zst"], 0, "", 0, scored=3),

    # ---- lexicons ----
    C("lexicon-broken-json", "lexicon", {"lex.json": '{"lexicon": "x",\n  "version": }\n', "c.jsonl": GOOD},
      ["compare", "-l", "lex.json", "c.jsonl"], 3, "lex.json:2:14: invalid JSON", None),
    C("lexicon-empty-file", "lexicon", {"lex.json": "", "c.jsonl": GOOD},
      ["compare", "-l", "lex.json", "c.jsonl"], 3, "lex.json:1:1: invalid JSON: unexpected end of file", None),
    C("lexicon-missing", "lexicon", {"c.jsonl": GOOD},
      ["compare", "-l", "nowhere.json", "c.jsonl"], 4, "cannot read lexicon 'nowhere.json': no such file", None),
    C("lexicon-invalid-utf8", "lexicon", {"lex.json": LEXICON.encode().replace(b"catalogue", b"cat\xffalogue"), "c.jsonl": GOOD},
      ["lexicon", "check", "lex.json"], 3, "lex.json:2:18: invalid UTF-8", None),
    C("lexicon-unknown-key", "lexicon", {"lex.json": LEXICON.replace('"version"', '"versoin"')},
      ["lexicon", "check", "lex.json"], 3, "lex.json:2:27: unknown key 'versoin'", None),
    C("lexicon-weight-too-large", "lexicon",
      {"lex.json": lexicon_with('[{"pattern": "x", "axis": "alliance", "pole": "positive", "weight": 1000}]')},
      ["lexicon", "check", "lex.json"], 3, "weight", None),
    C("lexicon-trailing-garbage", "lexicon", {"lex.json": LEXICON + "}\n"},
      ["lexicon", "check", "lex.json"], 3, "invalid JSON", None),
    C("lexicon-escaped-nul", "lexicon",
      {"lex.json": lexicon_with('[{"pattern": "deter\\u0000rence", "axis": "alliance", "pole": "positive"}]')},
      ["lexicon", "check", "lex.json"], 3, "lex.json:4:33: '\\u0000' in a string is not supported", None),
    C("lexicon-byte-order-mark-error", "lexicon", {"lex.json": "\ufeff" + LEXICON.replace('"version"', '"versoin"')},
      ["lexicon", "check", "lex.json"], 3, "lex.json:2:27: unknown key 'versoin'", None),
    C("lexicon-byte-order-mark-lint", "lexicon", {"lex.json": "\ufeff" + LEXICON},
      ["lexicon", "check", "lex.json"], 0, "lex.json:5:5: warning: entry 'deterrence' has no note", None),
    C("lexicon-unknown-language", "lexicon", {"lex.json": LEXICON.replace('"english"', '"klingon"')},
      ["lexicon", "check", "lex.json"], 3, "lex.json:2:59: no stemmer for language 'klingon'", None),

    # ---- dictionaries (slant lexicon import) ----
    # Dictionary import (LIWC .dic/.dicx, YAML, TSV) brings its own rows here.
    C("dictionary-missing-file", "dictionary", {},
      ["lexicon", "import", "nowhere.tsv"], 4, "cannot read dictionary 'nowhere.tsv': no such file", None),

    # ---- partial results (slant merge) ----
    C("partial-not-json", "partial", {"p": "not json\n"},
      ["merge", "-l", "{lex}", "p"], 1, "p:1:1: not a slant partial result", None),
    C("partial-no-version", "partial", {"p": '{"partial": 1}\n'},
      ["merge", "-l", "{lex}", "p"], 1, "p: not a slant partial result: no 'slant_partial' object", None),
    C("partial-other-lexicon", "partial",
      {"p": Partial(GOOD, lambda j: dict(j, lexicon=dict(j["lexicon"], sha256="0" * 64),
                                         lexicons=[dict(x, sha256="0" * 64) for x in j["lexicons"]]))},
      ["merge", "-l", "{lex}", "p"], 1, "p: made with another lexicon (sha256 000000000000...", None),
    C("partial-other-version", "partial", {"p": '{"slant_partial": 1}'},
      ["merge", "-l", "{lex}", "p"], 1, "p: not a slant partial result: version 1, this slant reads version 3", None),
    C("partial-missing", "partial", {},
      ["merge", "-l", "{lex}", "p"], 4, "cannot read 'p'", None),
    C("partial-document-count", "partial",
      {"p": Partial(GOOD, lambda j: dict(j, sources=[dict(s, documents=s["documents"] + 1) for s in j["sources"]]))},
      ["merge", "-l", "{lex}", "p"], 1, "document arrays do not match its document count", None),
    # a driver row's numbers are counts and weights: a negative or fractional
    # one is refused, not cast
    C("partial-unit-entry-negative", "partial",
      {"p": Partial(EVENTS, edit_first_source("unit_entries", lambda ue: [ue[0][:2] + [-5] + ue[0][3:]] + ue[1:]),
                    ("--match", "label.event"))},
      ["merge", "-l", "{lex}", "p"], 1,
      "a unit entry must be [unit, entry, pos, neg, hits, negated] of whole numbers from 0", None),
    C("partial-unit-entry-fraction", "partial",
      {"p": Partial(EVENTS, edit_first_source("unit_entries", lambda ue: [ue[0][:4] + [0.5] + ue[0][5:]] + ue[1:]),
                    ("--match", "label.event"))},
      ["merge", "-l", "{lex}", "p"], 1,
      "a unit entry must be [unit, entry, pos, neg, hits, negated] of whole numbers from 0", None),
    C("partial-driver-negative", "partial",
      {"p": Partial(GOOD, lambda j: dict(j, sources=[dict(j["sources"][0], axes=[dict(j["sources"][0]["axes"][0], drivers=[[0, 1000000, 0, -1, 0]])] + j["sources"][0]["axes"][1:])] + j["sources"][1:]))},
      ["merge", "-l", "{lex}", "p"], 1,
      "a driver must be [entry, pos, neg, hits, negated] of whole numbers from 0", None),
    C("partial-options-differ", "partial", {"p": Partial(GOOD), "q": Partial(GOOD, lambda j: dict(j, parameters=dict(j["parameters"], seed=2)))},
      ["merge", "-l", "{lex}", "p", "q"], 1, "q: made with other parameters than the first partial", None),

    # ---- command lines ----
    C("cli-unknown-command", "cli", {}, ["frobnicate"], 2, "unknown command 'frobnicate'", None),
    C("cli-unknown-option", "cli", {}, ["compare", "--frobnicate"], 2, "unknown option --frobnicate", None),
    C("cli-threads-not-a-number", "cli", {}, ["score", "-j", "many"], 2, "cannot parse integer value", None),
    C("cli-threads-negative", "cli", {}, ["compare", "-j", "-1"], 2,
      "-j must be 0..1024 (0: one per core), not -1", None),
    C("cli-threads-too-many", "cli", {}, ["score", "-j", "100000"], 2,
      "-j must be 0..1024 (0: one per core), not 100000", None),
    C("cli-threads-one-too-many", "cli", {}, ["explain", "--threads=1025"], 2,
      "--threads must be 0..1024 (0: one per core), not 1025", None),
    C("cli-threads-overflow", "cli", {}, ["compare", "-j99999999999999999999"], 2,
      "-j must be 0..1024 (0: one per core), not 99999999999999999999", None),
    C("cli-max-document-bytes-negative", "cli", {}, ["compare", "--max-document-bytes", "-1"], 2,
      "--max-document-bytes must be 0 (no limit) or more, not -1", None),
    C("cli-bootstrap-negative", "cli", {}, ["compare", "--bootstrap", "-1"], 2, "--bootstrap must be 0..1000000", None),
    C("cli-level-out-of-range", "cli", {}, ["compare", "--level", "2"], 2, "--level between 0 and 1", None),
    C("cli-partial-and-documents", "cli", {}, ["compare", "--partial", "--documents"], 2,
      "--partial and --documents do not go together", None),
    C("cli-merge-nothing", "cli", {}, ["merge"], 2, "merge: give at least one PARTIAL", None),
    C("cli-explain-unknown-doc", "cli", {"c.jsonl": GOOD}, ["explain", "-l", "{lex}", "--doc", "zz", "c.jsonl"], 2,
      "no document with id 'zz'", None),
    C("cli-tokens-unknown-language", "cli", {}, ["tokens", "--lang", "klingon", "x"], 2, "klingon", None),
    C("cli-import-no-file", "cli", {}, ["lexicon", "import"], 2, "lexicon import: give one FILE", None),
    C("cli-version-disk-full", "cli", {}, ["--version"], 4,
      "cannot write standard output: No space left on device", None, stdout="full"),
    C("cli-help-disk-full", "cli", {}, ["--help"], 4,
      "cannot write standard output: No space left on device", None, stdout="full"),
    C("cli-command-help-disk-full", "cli", {}, ["compare", "--help"], 4,
      "cannot write standard output", None, stdout="full"),
    C("cli-lexicon-help-disk-full", "cli", {}, ["lexicon", "--help"], 4,
      "cannot write standard output", None, stdout="full"),
    C("cli-tokens-disk-full", "cli", {"big.txt": "word " * 400000}, ["tokens", "-f", "big.txt"], 4,
      "cannot write standard output", None, stdout="full"),
    C("cli-tokens-broken-pipe", "cli", {"big.txt": "word " * 400000}, ["tokens", "-f", "big.txt"], 4,
      "cannot write standard output", None, stdout="broken-pipe"),
    C("cli-lexicon-check-disk-full", "cli",
      {"noted.json": LEXICON.replace('"pole": "positive"}', '"pole": "positive", "note": "n"}')
                            .replace('"weight": 2}', '"weight": 2, "note": "n"}')
                            .replace('"pole": "negative"}', '"pole": "negative", "note": "n"}')},
      ["lexicon", "check", "--notes", "noted.json"], 4,
      "cannot write standard output", None, stdout="full"),
    C("cli-score-disk-full", "cli", {"c.jsonl": GOOD}, ["score", "-l", "{lex}", "c.jsonl"], 4,
      "cannot write standard output: No space left on device", None, stdout="full"),
    C("cli-compare-broken-pipe", "cli", {"c.jsonl": GOOD}, CMP + ["c.jsonl"], 4,
      "cannot write standard output: Broken pipe", None, stdout="broken-pipe"),
    C("cli-output-folder-missing", "cli", {"c.jsonl": GOOD}, CMP + ["-o", "no/such/out.json", "c.jsonl"], 4,
      "cannot write 'no/such/out.json': No such file or directory", None),
]


# ---- running -------------------------------------------------------------------

class Runner:
    def __init__(self, slant, source_dir, fault_lib, verbose):
        self.slant = os.path.abspath(slant)
        self.source_dir = os.path.abspath(source_dir)
        self.fault_lib = os.path.abspath(fault_lib) if fault_lib else None
        self.verbose = verbose
        self.sanitized = "asan" in self.slant or os.environ.get("SLANT_SANITIZED") == "1"
        self.timeout = 60 if self.sanitized else 20

    def env(self):
        env = dict(os.environ)
        env["LC_ALL"] = "C.UTF-8"
        env["SLANT_DATA_DIR"] = self.source_dir
        return env

    def partial(self, tmp, spec):
        corpus = os.path.join(tmp, ".partial-corpus.jsonl")
        with open(corpus, "w", encoding="utf-8") as f:
            f.write(spec.corpus)
        out = subprocess.run([self.slant, "compare", "--partial", "-j", "1", "-l",
                              os.path.join(tmp, ".lexicon.json"), *spec.args, corpus],
                             capture_output=True, env=self.env(), timeout=self.timeout)
        os.unlink(corpus)
        if out.returncode != 0:
            raise RuntimeError("compare --partial failed: " + out.stderr.decode(errors="replace"))
        data = out.stdout
        if spec.edit is not None:
            edited = spec.edit(json.loads(data))
            data = edited if isinstance(edited, bytes) else json.dumps(edited).encode()
        return data

    def materialize(self, tmp, files, state):
        for rel, content in files.items():
            path = os.path.join(tmp, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if isinstance(content, Fifo):
                os.mkfifo(path)
            elif isinstance(content, Socket):
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.bind(path)
                state["sockets"].append(s)
            elif isinstance(content, Link):
                os.symlink(content.target, path)
            elif isinstance(content, Unreadable):
                os.makedirs(path, exist_ok=True)
                self.materialize(path, content.files, state)
                os.chmod(path, 0)
                state["locked"].append(path)
            elif isinstance(content, Gz):
                data = gzip.compress(content.data, mtime=0)
                if content.keep is not None:
                    data = data[:int(len(data) * content.keep)]
                with open(path, "wb") as f:
                    f.write(data)
            elif isinstance(content, Zst):
                parts = content.data if isinstance(content.data, list) else [content.data]
                data = b"".join(zstd_frame(p) for p in parts)
                if content.keep is not None:
                    data = data[:int(len(data) * content.keep)]
                with open(path, "wb") as f:
                    f.write(data)
            elif isinstance(content, Partial):
                with open(path, "wb") as f:
                    f.write(self.partial(tmp, content))
            else:
                with open(path, "wb") as f:
                    f.write(content.encode() if isinstance(content, str) else content)

    def run(self, case):
        tmp = tempfile.mkdtemp(prefix="slant-catalogue-")
        state = {"sockets": [], "locked": []}
        try:
            with open(os.path.join(tmp, ".lexicon.json"), "w", encoding="utf-8") as f:
                f.write(LEXICON)
            self.materialize(tmp, case.files, state)
            args = [a.replace("{lex}", ".lexicon.json") for a in case.args]
            env = self.env()
            if state["locked"] and os.geteuid() == 0:
                if self.fault_lib is None:
                    return ["runs as root and needs --fault-lib to deny a folder"]
                env["LD_PRELOAD"] = self.fault_lib
                env["SLANT_FAULT_DENY"] = os.path.relpath(state["locked"][0], tmp)
                env["ASAN_OPTIONS"] = (env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0").lstrip(":")
            out, restore = subprocess.PIPE, True
            if case.stdout == "full":
                out = open("/dev/full", "wb")
            elif case.stdout == "broken-pipe":
                r, w = os.pipe()
                os.close(r)
                out = os.fdopen(w, "wb")
                restore = False  # keep Python's SIGPIPE ignored in slant
            try:
                p = subprocess.run([self.slant] + args, cwd=tmp, stdout=out, stderr=subprocess.PIPE,
                                   env=env, timeout=self.timeout, stdin=subprocess.DEVNULL,
                                   restore_signals=restore)
            except subprocess.TimeoutExpired:
                return [f"no answer within {self.timeout} s (a hang)"]
            finally:
                if out is not subprocess.PIPE:
                    out.close()
            return self.check(case, p)
        finally:
            for s in state["sockets"]:
                s.close()
            for path in state["locked"]:
                os.chmod(path, stat.S_IRWXU)
            shutil.rmtree(tmp, ignore_errors=True)

    def check(self, case, p):
        problems = []
        stderr = p.stderr.decode("utf-8", errors="replace")
        if p.returncode != case.status:
            problems.append(f"exit status {p.returncode}, expected {case.status}")
        if case.message == "":
            if stderr != "":
                problems.append("stderr should be empty")
        elif case.message not in stderr:
            problems.append(f"stderr lacks {case.message!r}")
        for line in stderr.splitlines() if p.returncode != 2 else []:  # usage errors add the usage
            if not line.startswith("slant: "):
                problems.append(f"stderr line not from slant: {line!r}")
                break
        if case.stdout is not None:
            if case.skipped is not None:
                problems.append("a row writing to /dev/full or a broken pipe has no report to count")
        elif case.skipped is None:
            if case.args[0] == "compare" and p.stdout:
                problems.append("a report on stdout where none was expected")
        else:
            try:
                report = json.loads(p.stdout)
            except ValueError:
                problems.append("no JSON report on stdout")
            else:
                got = len(report.get("skipped", []))
                if got != case.skipped:
                    problems.append(f"{got} skipped in the report, expected {case.skipped}")
                scored = report.get("summary", {}).get("documents_scored")
                if case.scored is not None and scored != case.scored:
                    problems.append(f"{scored} documents scored, expected {case.scored}")
        if problems and self.verbose:
            problems.append("stderr was:\n" + stderr)
        return problems


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--slant", required=True)
    ap.add_argument("--source-dir", required=True)
    ap.add_argument("--fault-lib")
    ap.add_argument("--kind", action="append", help="run the rows of this kind only")
    ap.add_argument("--case", action="append", help="run this row only")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--list", action="store_true", help="print the table's size per kind")
    a = ap.parse_args()

    names = [c.name for c in CASES]
    dup = {n for n in names if names.count(n) > 1}
    if dup:
        print("duplicate case names: " + ", ".join(sorted(dup)))
        return 1
    if a.list:
        kinds = {}
        for c in CASES:
            kinds[c.kind] = kinds.get(c.kind, 0) + 1
        print(f"{len(CASES)} cases: " + ", ".join(f"{k} {n}" for k, n in kinds.items()))
        return 0

    runner = Runner(a.slant, a.source_dir, a.fault_lib, a.verbose)
    passed = failed = 0
    for case in CASES:
        if a.kind and case.kind not in a.kind:
            continue
        if a.case and case.name not in a.case:
            continue
        problems = runner.run(case)
        if problems:
            failed += 1
            print(f"FAIL {case.name}: " + "; ".join(problems))
        else:
            passed += 1
            if a.verbose:
                print(f"ok   {case.name}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
