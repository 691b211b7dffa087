#!/usr/bin/env python3
"""Signals during a long -o run: the output is whole or absent, and no
temporary file is left.

A corpus is generated (invented words, no real text) and sized so that
each command takes about a second on this machine (the size is
calibrated by a first run, so the sanitizer build gets a smaller corpus);
then `compare -o` (the report is written at the end, while the pairs are
compared) and `score -o` (written all along) are started again and again,
and SIGINT, SIGTERM, SIGHUP or SIGKILL is sent at fractions of the run's
length.  After each run:

  - the output file is absent (or, when it existed before, holds its old
    bytes), or holds exactly the bytes of an undisturbed run;
  - the folder holds nothing else: no temporary file;
  - the exit status is the signal's (or 0 when the run ended first).

Each run is made twice over: with the unnamed O_TMPFILE file (even
SIGKILL leaves nothing then), and with the fallback of a named temporary
file (forced with tests/fault's shim, SLANT_FAULT_NO_TMPFILE), whose
signal handler removes it on SIGINT, SIGTERM and SIGHUP.  SIGKILL cannot
be handled: in the fallback it may leave the temporary file, which is the
reason for O_TMPFILE, so the fallback runs skip SIGKILL.

usage: test-signals.py --slant BIN --fault-lib SO [--budget SECONDS]
"""

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

WORDS = ("the alliance deterrence cooperation dependence reliance on america sovereignty "
         "entanglement not very somewhat shared defense washington shadow japan china "
         "cyber attack treaty article ministers met friday said strengthen ties cornerstone "
         "friendly hostile missile").split()

LEXICON = """{"lexicon": "signals", "version": "1.0.0", "language": "english",
 "axes": [{"id": "alliance", "positive": "supportive", "negative": "critical"}],
 "categories": [{"id": "threat"}],
 "entries": [
  {"pattern": "deterrence", "axis": "alliance", "pole": "positive"},
  {"pattern": "cornerstone", "axis": "alliance", "pole": "positive", "weight": 2},
  {"pattern": "strengthen* ties", "axis": "alliance", "pole": "positive", "weight": 1.5},
  {"pattern": "dependence", "axis": "alliance", "pole": "negative"},
  {"pattern": "reliance on america", "axis": "alliance", "pole": "negative", "weight": 2},
  {"pattern": "entanglement", "axis": "alliance", "pole": "negative"},
  {"pattern": "missile*", "category": "threat"},
  {"pattern": "attack", "category": "threat"}],
 "modifiers": {"negators": ["not"], "intensifiers": {"very": 1.5}}}
"""


def write_corpus(path, n, sources=120):
    rng = random.Random(1904)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 80))) + "."
            f.write(json.dumps({"id": f"d{i}", "source": f"S{i % sources:03d}", "text": text}) + "\n")


class Signals:
    def __init__(self, slant, fault_lib, budget):
        self.slant = os.path.abspath(slant)
        self.fault_lib = os.path.abspath(fault_lib)
        self.budget = budget
        self.failures = []
        self.runs = 0
        self.work = tempfile.mkdtemp(prefix="slant-signals-")
        self.lex = os.path.join(self.work, "lexicon.json")
        with open(self.lex, "w", encoding="utf-8") as f:
            f.write(LEXICON)
        self.corpus = {}

    def args(self, cmd, corpus=None):
        corpus = corpus or self.corpus[cmd]
        if cmd == "compare":
            return ["compare", "-j", "1", "--bootstrap", "200", "-l", self.lex, corpus]
        return ["score", "-j", "1", "--hits", "-l", self.lex, corpus]

    def env(self, fallback):
        env = dict(os.environ, LC_ALL="C.UTF-8")
        if fallback:
            env["LD_PRELOAD"] = self.fault_lib
            env["SLANT_FAULT_NO_TMPFILE"] = "1"
            env["ASAN_OPTIONS"] = env.get("ASAN_OPTIONS", "") + ":verify_asan_link_order=0"
        return env

    def calibrate(self):
        """For each command a corpus that takes it about 1.5 s; its reference output."""
        self.reference, self.length = {}, {}
        for cmd in ("compare", "score"):
            path = os.path.join(self.work, cmd + ".jsonl")
            n = 2000
            for _ in range(5):
                write_corpus(path, n)
                t0 = time.monotonic()
                p = subprocess.run([self.slant] + self.args(cmd, path), capture_output=True, check=True)
                t = time.monotonic() - t0
                if 0.8 <= t <= 1.6 or n >= 100000:
                    break
                n = max(200, min(100000, int(n * 1.1 / max(t, 0.05))))
            self.corpus[cmd] = path
            self.reference[cmd] = p.stdout
            self.length[cmd] = t
            print(f"{cmd}: {n} documents, {t:.2f} s")

    def fail(self, what):
        self.failures.append(what)
        print("FAIL " + what)

    def one(self, cmd, sig, fraction, fallback, existing):
        self.runs += 1
        tag = (f"{cmd} {signal.Signals(sig).name} at {fraction:.0%}"
               f"{' (named temporary file)' if fallback else ''}{' over an existing file' if existing else ''}")
        d = tempfile.mkdtemp(dir=self.work, prefix="out-")
        out = os.path.join(d, "out.json")
        if existing:
            with open(out, "wb") as f:
                f.write(b"the old output\n")
        p = subprocess.Popen([self.slant] + self.args(cmd) + ["-o", out], env=self.env(fallback),
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(self.length[cmd] * fraction)
        try:
            p.send_signal(sig)
        except ProcessLookupError:
            pass
        _, err = p.communicate(timeout=120)
        rc = p.returncode
        if rc not in (0, -sig):
            self.fail(f"{tag}: exit status {rc}: {err.decode(errors='replace')}")
        left = os.listdir(d)
        if left not in ([], ["out.json"]):
            self.fail(f"{tag}: left behind: {left}")
        if "out.json" in left:
            data = open(out, "rb").read()
            if data != self.reference[cmd] and not (existing and data == b"the old output\n"):
                self.fail(f"{tag}: the output is neither whole nor the old one ({len(data)} bytes)")
            if rc == 0 and data != self.reference[cmd]:
                self.fail(f"{tag}: exit 0 without the whole output")
        elif existing:
            self.fail(f"{tag}: the old output is gone")
        elif rc == 0:
            self.fail(f"{tag}: exit 0 and no output")
        shutil.rmtree(d)

    def main(self):
        try:
            self.calibrate()
            start = time.monotonic()
            fractions = [0.1, 0.5, 0.9, 1.2]
            plan = []
            for cmd in ("compare", "score"):
                for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL):
                    for fraction in fractions:
                        plan.append((cmd, sig, fraction, False, False))
                for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                    for fraction in (0.5, 0.95):
                        plan.append((cmd, sig, fraction, True, False))
                for fraction in (0.5, 0.95):
                    plan.append((cmd, signal.SIGTERM, fraction, False, True))
                    plan.append((cmd, signal.SIGKILL, fraction, False, True))
                    plan.append((cmd, signal.SIGINT, fraction, True, True))
            for step in plan:
                if time.monotonic() - start > self.budget:
                    print(f"time budget of {self.budget} s spent: {len(plan) - self.runs} runs left out")
                    break
                self.one(*step)
        finally:
            shutil.rmtree(self.work, ignore_errors=True)
        print(f"{self.runs} runs, {len(self.failures)} failed")
        return 1 if self.failures else 0


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--slant", required=True)
    ap.add_argument("--fault-lib", required=True)
    ap.add_argument("--budget", type=float, default=60)
    a = ap.parse_args()
    sys.exit(Signals(a.slant, a.fault_lib, a.budget).main())
