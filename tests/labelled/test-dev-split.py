#!/usr/bin/env python3
"""Tests for tools/dev-split, on small corpora written here.

usage: test-dev-split.py SOURCE_DIR

Checks that each record lands on the side the rule says (held out when the
first byte of SHA-256(id) is 0 modulo 3, recomputed here independently), that
the two files hold the input's lines byte for byte in input order, that the
side of a record does not depend on the other records or their order, that the
counts per class are printed, that .jsonl.gz is read, that --label picks the
label counted, and the exit status and message of each error.  The last line
printed is "N passed, N failed"; the exit status is 1 when something failed.
"""

import gzip
import hashlib
import json
import os
import subprocess
import sys
import tempfile

passed = failed = 0


def check(cond, what):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}")


def held(doc_id):
    return hashlib.sha256(doc_id.encode("utf-8")).digest()[0] % 3 == 0


def record(doc_id, stance=None, **labels):
    rec = {"id": doc_id, "source": "S", "text": f"text of {doc_id}"}
    if stance is not None:
        labels = {"stance": stance, **labels}   # stance first: the default label
    if labels:
        rec["labels"] = labels
    return json.dumps(rec, ensure_ascii=False) + "\n"


def run(tool, *args):
    return subprocess.run([sys.executable, tool, *args], capture_output=True, text=True)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    tool = os.path.join(sys.argv[1], "tools", "dev-split")
    with tempfile.TemporaryDirectory() as tmp:
        # ids chosen so that both sides are used; "ü" checks that the id is hashed as UTF-8
        ids = [f"doc-{i}" for i in range(12)] + ["dok-ü"]
        stances = ["supportive", "neutral", "critical"]
        lines = [record(d, stances[i % 3], confidence="high") for i, d in enumerate(ids)]
        lines.insert(5, "\n")                      # a blank line is dropped
        lines.append(record("no-labels"))          # counted as (none)
        src = os.path.join(tmp, "mini-dev.jsonl")
        with open(src, "w", encoding="utf-8") as f:
            f.writelines(lines)
        out_dir = os.path.join(tmp, "out")
        r = run(tool, src, out_dir)
        check(r.returncode == 0, f"a corpus splits (status {r.returncode}, stderr {r.stderr.strip()!r})")
        tune_p = os.path.join(out_dir, "mini-dev.tune.jsonl")
        held_p = os.path.join(out_dir, "mini-dev.held.jsonl")
        with open(tune_p, encoding="utf-8") as f:
            tune = f.readlines()
        with open(held_p, encoding="utf-8") as f:
            hold = f.readlines()
        records = [x for x in lines if x.strip()]
        want_held = [x for x in records if held(json.loads(x)["id"])]
        want_tune = [x for x in records if not held(json.loads(x)["id"])]
        check(hold == want_held, "the held-out file holds the records with SHA-256(id)[0] % 3 == 0, in input order, byte for byte")
        check(tune == want_tune, "the tuning file holds every other record, in input order, byte for byte")
        check(len(want_held) > 0 and len(want_tune) > 0, "the test corpus uses both sides")

        # the counts table: one row per class and a total row, tune / held / all
        rows = {ln.split()[0]: ln.split()[1:] for ln in r.stdout.splitlines()[2:] if ln and not ln.startswith("wrote")}
        def count(part, cls):
            return sum(1 for x in part if (json.loads(x).get("labels", {}).get("stance") or "(none)") == cls)
        ok = all(rows.get(c) == [str(count(want_tune, c)), str(count(want_held, c)),
                                 str(count(want_tune, c) + count(want_held, c))]
                 for c in stances + ["(none)"])
        check(ok and rows.get("total") == [str(len(want_tune)), str(len(want_held)), str(len(records))],
              "the counts per class (the first label, 'stance') and the total are printed")
        check(r.stdout.splitlines()[1].split()[0] == "stance", "the table is headed by the label counted")

        # the side of a record depends on its id alone
        shuffled = os.path.join(tmp, "shuffled.jsonl")
        with open(shuffled, "w", encoding="utf-8") as f:
            f.writelines(list(reversed(records))[:7])
        r2 = run(tool, shuffled, out_dir)
        with open(os.path.join(out_dir, "shuffled.held.jsonl"), encoding="utf-8") as f:
            held2 = {json.loads(x)["id"] for x in f}
        check(r2.returncode == 0 and held2 == {json.loads(x)["id"] for x in list(reversed(records))[:7]
                                                 if held(json.loads(x)["id"])},
              "a record keeps its side in another file, in another order")

        # .jsonl.gz and --label
        gz = os.path.join(tmp, "mini-dev.jsonl.gz")
        with gzip.open(gz, "wb") as f:
            f.write("".join(lines).encode("utf-8"))
        r3 = run(tool, gz, os.path.join(tmp, "gz"), "--label", "confidence")
        with open(os.path.join(tmp, "gz", "mini-dev.held.jsonl"), encoding="utf-8") as f:
            check(r3.returncode == 0 and f.readlines() == want_held, ".jsonl.gz is read and its stem kept")
        check(r3.stdout.splitlines()[1].split()[0] == "confidence"
              and any(ln.split()[:1] == ["high"] for ln in r3.stdout.splitlines()),
              "--label NAME counts by that label")

        # errors
        dup = os.path.join(tmp, "dup.jsonl")
        with open(dup, "w", encoding="utf-8") as f:
            f.write(record("a", "neutral") + record("a", "critical"))
        r4 = run(tool, dup, os.path.join(tmp, "e"))
        check(r4.returncode == 1 and f"{dup}:2: duplicate id 'a'" in r4.stderr, "a duplicate id is an error naming its line (status 1)")
        noid = os.path.join(tmp, "noid.jsonl")
        with open(noid, "w", encoding="utf-8") as f:
            f.write('{"source": "S", "text": "t"}\n')
        r5 = run(tool, noid, os.path.join(tmp, "e"))
        check(r5.returncode == 1 and f"{noid}:1: record without a string 'id'" in r5.stderr, "a record without an id is an error (status 1)")
        broken = os.path.join(tmp, "broken.jsonl")
        with open(broken, "w", encoding="utf-8") as f:
            f.write(record("a") + "{not json\n")
        r6 = run(tool, broken, os.path.join(tmp, "e"))
        check(r6.returncode == 1 and f"{broken}:2: broken JSON" in r6.stderr, "broken JSON is an error naming its line (status 1)")
        r7 = run(tool, os.path.join(tmp, "missing.jsonl"), os.path.join(tmp, "e"))
        check(r7.returncode == 4 and "cannot read" in r7.stderr, "a missing input is status 4")
        check(not os.path.exists(os.path.join(tmp, "e")), "nothing is written when the input is bad")
        r8 = run(tool, src)
        check(r8.returncode == 2, "a missing argument is a usage error (status 2)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
