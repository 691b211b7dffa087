#!/usr/bin/env python3
"""Fault injection over the main commands, as SQLite's *fault.test.

For each command below, a first run with tests/fault's shim preloaded
counts its calls of each kind (open, read, write, rename, fsync, linkat,
malloc: see fault.c) and keeps its output; then the command is run again
and again, each time with the Nth call of one kind failing (every N up to
the count, or, when the count is larger than --samples, that many Ns
spread over it, the same ones every time: the first and last few and
evenly spaced ones between), and for write and read also with every call
from the Nth on failing (a disk that stays full).  Each run must:

  - end with the documented exit status: the undisturbed run's, or 4 (an
    input/output failure); or, for an allocation failure, by SIGTRAP or
    SIGABRT: GLib ends the process when memory runs out (g_malloc), by
    design, and slant makes cJSON allocate through GLib too, and ends on
    libstemmer's allocation failures the same way;
  - say so once: when the run's outcome differs from the undisturbed one,
    stderr names the failure (the errno's text, or GLib's words about the
    allocation), with at most one "slant: error:" line; when it does not
    differ, stderr and the output are the undisturbed run's, byte for byte
    (the failure was harmless: a locale file, say);
  - leave no partial output: the -o file is absent, or it is whole (it
    parses as JSON, or as JSON Lines line by line, to its end), and it is
    the undisturbed one when the run succeeded;
  - leave no temporary file: the folder holds what it held before, and the
    output.

Commands: compare -o (a JSON Lines file, a .jsonl.gz and a tree; and over
an existing file, which takes a temporary name and a rename), score -o
(and without O_TMPFILE, forced with SLANT_FAULT_NO_TMPFILE: the named
temporary file), merge -o (of two partials), lexicon import -o (a word
list), tokens (a file, to standard output: only the status and stderr are
checked), and compare to standard output.  All run with -j 1, so that the
calls come in the same order every time (but merge, which has no -j and
writes its report on one thread per core: which allocation an N fails
there may change from run to run).  Over an existing file, the file
must afterwards be whole: its old bytes, or a new output.

usage: fault.py --slant BIN --fault-lib SO --source-dir DIR [--samples N] [--verbose]
Prints what it covered: per command and kind, the calls counted, the runs
made and their outcomes.
"""

import argparse
import errno as errno_mod
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

KINDS = ["open", "read", "write", "rename", "fsync", "linkat", "malloc"]
ERRNO = {"open": "EACCES", "read": "EIO", "write": "ENOSPC", "rename": "EACCES",
         "fsync": "EIO", "linkat": "EACCES", "malloc": "ENOMEM"}

LEXICON = """{"lexicon": "fault", "version": "1.0.0", "language": "english",
 "axes": [{"id": "alliance", "positive": "supportive", "negative": "critical"}],
 "categories": [{"id": "threat"}],
 "entries": [
  {"pattern": "deterrence", "axis": "alliance", "pole": "positive", "note": "n"},
  {"pattern": "cornerstone", "axis": "alliance", "pole": "positive", "weight": 2, "note": "n"},
  {"pattern": "dependence", "axis": "alliance", "pole": "negative", "note": "n"},
  {"pattern": "missile*", "category": "threat", "note": "n"}]}
"""
TEXTS = ["The treaty is a cornerstone of deterrence.", "Dependence grew; missiles were tested.",
         "A quiet day with no news at all.", "Deterrence, not dependence, said the minister."]


def corpus(prefix, n):
    return "".join(json.dumps({"id": f"{prefix}{i}", "source": f"S{i % 3}",
                               "text": TEXTS[i % len(TEXTS)]}) + "\n" for i in range(n))


class Fault:
    def __init__(self, a):
        self.slant = os.path.abspath(a.slant)
        self.lib = os.path.abspath(a.fault_lib)
        self.samples = a.samples
        self.verbose = a.verbose
        self.failures = []
        self.summary = []
        self.runs = 0

    # ---- the commands ----

    def setup(self, d):
        """Write the inputs into @d; returns {name: (args, output or None)}."""
        def w(rel, data):
            p = os.path.join(d, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "wb") as f:
                f.write(data.encode() if isinstance(data, str) else data)
        w("lexicon.json", LEXICON)
        w("a.jsonl", corpus("a", 12))
        w("b.jsonl.gz", gzip.compress(corpus("b", 9).encode(), mtime=0))
        w("tree/North/x.txt", "---\ntitle: A cornerstone\n---\n" + TEXTS[1] + "\n")
        w("tree/South/y.txt", TEXTS[3] + "\n")
        w("list.tsv", "good\t2\nbad\t-3\nvery good\t3\n")
        w("text.txt", " ".join(TEXTS) * 3 + "\n")
        base = ["-j", "1", "-l", "lexicon.json"]
        for shard, inp in (("p1.partial", "a.jsonl"), ("p2.partial", "b.jsonl.gz")):
            subprocess.run([self.slant, "compare", "--partial", "--bootstrap", "20"] + base
                           + ["-o", shard, inp], cwd=d, check=True, capture_output=True)
        compare = ["compare", "--bootstrap", "20"] + base
        score = ["score"] + base
        no_tmpfile = {"SLANT_FAULT_NO_TMPFILE": "1"}
        # name: (arguments, output or None, environment, the output's bytes before)
        return {
            "compare -o": (compare + ["-o", "out.json", "a.jsonl", "b.jsonl.gz", "tree"], "out.json",
                           {}, None),
            "compare -o, over a file": (compare + ["-o", "out.json", "a.jsonl"], "out.json", {},
                                        b"{}\n"),
            "score -o": (score + ["-o", "out.jsonl", "a.jsonl", "tree"], "out.jsonl", {}, None),
            "score -o, no O_TMPFILE": (score + ["-o", "out.jsonl", "a.jsonl"], "out.jsonl", no_tmpfile,
                                       b"{}\n"),
            "merge -o": (["merge", "-l", "lexicon.json", "-o", "out.json", "p1.partial", "p2.partial"],
                         "out.json", {}, None),
            "lexicon import -o": (["lexicon", "import", "-o", "out.json", "list.tsv"], "out.json", {},
                                  None),
            "tokens": (["tokens", "-f", "text.txt"], None, {}, None),
            "compare (stdout)": (compare + ["a.jsonl"], None, {}, None),
        }

    def env(self, extra):
        env = dict(os.environ, LC_ALL="C.UTF-8", LD_PRELOAD=self.lib)
        env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0"
        # the C library's own leaks when an allocation fails inside it
        supp = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lsan.supp")
        env["LSAN_OPTIONS"] = env.get("LSAN_OPTIONS", "") + f":suppressions={supp}:print_suppressions=0"
        env.update(extra)
        return env

    def run(self, d, args, extra):
        p = subprocess.run([self.slant] + args, cwd=d, env=self.env(extra), capture_output=True,
                           timeout=120)
        return p.returncode, p.stdout, p.stderr.decode("utf-8", errors="replace")

    # ---- checks ----

    @staticmethod
    def whole(data, name):
        """Does @data parse to its end (JSON, or JSON Lines)?"""
        try:
            text = data.decode("utf-8")
            if name.endswith(".jsonl"):
                return all(json.loads(line) is not None for line in text.splitlines())
            json.loads(text)
            return True
        except ValueError:
            return False

    def check(self, what, kind, d, before, out, old, ref, got):
        status, stdout, stderr = got
        rstatus, rstdout, rstderr, rout = ref
        problems = []
        reason = os.strerror(getattr(errno_mod, ERRNO[kind]))
        if kind == "malloc" and "allocate" in stderr:
            reason = "allocate"  # GLib's words when it may fail (g_file_get_contents)
        outcome = "same"
        if kind == "malloc" and status in (-signal.SIGTRAP, -signal.SIGABRT):
            # GLib's words: "failed to allocate N bytes", "... 'malloc': Cannot
            # allocate memory", "Not enough memory for zlib use"; rarely none
            # at all (its own message could not be made): counted apart
            outcome = "abort" if "allocate" in stderr or "memory" in stderr else "abort, silent"
        elif status not in (rstatus, 4):
            problems.append(f"exit status {status}, expected {rstatus} or 4")
        elif status != rstatus or stderr != rstderr:
            outcome = "failed" if status != rstatus else "reported"
            if reason not in stderr and "cannot write standard output" not in stderr:
                problems.append(f"stderr does not say '{reason}'")
            if stderr.count("slant: error:") > 1:
                problems.append("more than one error message")
        # the sanitizer's runtime checks its own calls: an allocation failed
        # under it (pthread_getattr_np as a thread starts) ends it with
        # "CHECK failed", which is no report on slant
        runtime = kind == "malloc" and "Sanitizer: CHECK failed" in stderr and status == -signal.SIGABRT
        if runtime:
            outcome = "abort"
        for bad in ("AddressSanitizer", "LeakSanitizer", "runtime error:"):
            if bad in stderr and not runtime:
                problems.append("a sanitizer report")
        if out is not None:
            path = os.path.join(d, out)
            if os.path.exists(path):
                data = open(path, "rb").read()
                if not self.whole(data, out):
                    problems.append("a partial output")
                elif outcome == "same" and data != rout:
                    problems.append("exit as undisturbed, but another output")
            elif old is not None:
                problems.append("the old output is gone")
            elif outcome == "same" and status == 0:
                problems.append("exit 0 and no output")
        elif outcome == "same" and stdout != rstdout:
            problems.append("exit as undisturbed, but another standard output")
        left = sorted(set(os.listdir(d)) - before - ({out} if out else set()))
        if left:
            problems.append(f"left behind: {left}")
        self.reset(d, out, old)
        if problems:
            self.failures.append(f"{what}: " + "; ".join(problems))
            print(f"FAIL {what}: " + "; ".join(problems) + ("\n" + stderr if self.verbose else ""))
        return outcome

    def spread(self, count):
        """The Ns to fail: all of 1..count, or self.samples of them, always the same."""
        if count <= self.samples:
            return list(range(1, count + 1))
        edge = min(4, self.samples // 4)
        ns = set(range(1, edge + 1)) | set(range(count - edge + 1, count + 1))
        inner = self.samples - 2 * edge
        for i in range(inner):
            ns.add(edge + 1 + (i * (count - 2 * edge - 1)) // max(inner - 1, 1))
        return sorted(ns)

    @staticmethod
    def reset(d, out, old):
        """The output as it was before a run: absent, or @old."""
        if out is None:
            return
        path = os.path.join(d, out)
        if os.path.exists(path):
            os.unlink(path)
        if old is not None:
            with open(path, "wb") as f:
                f.write(old)

    def command(self, name, args, out, env, old):
        d = tempfile.mkdtemp(prefix="slant-fault-")
        try:
            self.setup(d)
            counts_file = os.path.join(tempfile.gettempdir(), f"slant-fault-counts-{os.getpid()}")
            if os.path.exists(counts_file):
                os.unlink(counts_file)
            self.reset(d, out, old)
            before = set(os.listdir(d))
            rstatus, rstdout, rstderr = self.run(d, args, dict(env, SLANT_FAULT_COUNT=counts_file))
            rout = open(os.path.join(d, out), "rb").read() if out else None
            if rstatus != 0:
                self.failures.append(f"{name}: the undisturbed run exits {rstatus}: {rstderr}")
            self.reset(d, out, old)
            counts = {}
            with open(counts_file, encoding="ascii") as f:
                for line in f:
                    k, n = line.split()
                    counts[k] = int(n)
            os.unlink(counts_file)
            ref = (rstatus, rstdout, rstderr, rout)
            for kind in KINDS:
                outcomes = {}
                plan = [(str(n), n) for n in self.spread(counts.get(kind, 0))]
                if kind in ("read", "write"):
                    plan += [(f"{n}+", n) for n in self.spread(counts.get(kind, 0))[::4]]
                for spec, _ in plan:
                    got = self.run(d, args, dict(env, SLANT_FAULT=f"{kind}:{spec}:{ERRNO[kind]}"))
                    self.runs += 1
                    o = self.check(f"{name}, {kind} call {spec} fails", kind, d, before, out, old,
                                   ref, got)
                    outcomes[o] = outcomes.get(o, 0) + 1
                self.summary.append((name, kind, counts.get(kind, 0), len(plan), outcomes))
        finally:
            shutil.rmtree(d, ignore_errors=True)

    def main(self):
        start = time.monotonic()
        d = tempfile.mkdtemp(prefix="slant-fault-")
        cmds = self.setup(d)
        shutil.rmtree(d)
        for name, (args, out, env, old) in cmds.items():
            self.command(name, args, out, env, old)
        print(f"{'command':<26} {'kind':<7} {'calls':>6} {'runs':>5}  outcomes")
        for name, kind, calls, runs, outcomes in self.summary:
            o = ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items()))
            print(f"{name:<26} {kind:<7} {calls:>6} {runs:>5}  {o}")
        print(f"{self.runs} runs in {time.monotonic() - start:.0f} s, {len(self.failures)} failed "
              "(same: as undisturbed; reported: same status, the failure said; failed: exit 4 "
              "and said; abort: GLib's end on an allocation failure, with its message or, "
              "silent, without)")
        return 1 if self.failures else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--slant", required=True)
    ap.add_argument("--fault-lib", required=True)
    ap.add_argument("--source-dir")
    ap.add_argument("--samples", type=int, default=40)
    ap.add_argument("-v", "--verbose", action="store_true")
    sys.exit(Fault(ap.parse_args()).main())
