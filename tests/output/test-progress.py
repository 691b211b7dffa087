#!/usr/bin/env python3
"""Progress on standard error: on a terminal only, --progress forces it,
--quiet silences it, and it never touches standard output.

usage: test-progress.py SLANT

Runs `slant score` and `slant compare` over an invented corpus with standard
error on a pseudo-terminal, on a pipe, with --progress and with --quiet.
SLANT_PROGRESS_DELAY_MS=0 lets the first line come at once (the default
waits a second, which this corpus does not last).  On a terminal the line is
rewritten in place ("\\rslant: N documents, ... MB, ... MB/s, P%\\033[K") and
erased at the end ("\\r\\033[K"); on a pipe nothing is written; --progress on
a pipe writes plain lines; --quiet on a terminal writes nothing.  Standard
output is the same bytes in every case.

The last line printed is "N passed, N failed"; the exit status is 1 when
something failed.
"""

import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile

LINE = re.compile(rb"slant: [0-9,]+ documents?, [0-9.]+ MB, [0-9.]+ MB/s")


def corpus(path, n):
    words = ["deterrence", "alliance", "burden", "reliance on america", "cooperation",
             "the", "treaty", "bases", "okinawa", "ministers", "said", "shared", "values"]
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            text = " ".join(words[(i * 7 + k) % len(words)] for k in range(60)) + "."
            f.write(json.dumps({"id": f"d{i}", "source": f"S{i % 5}", "text": text}) + "\n")


def run_pty(args, env):
    """Run with standard error on a pseudo-terminal: (status, stdout, stderr bytes)."""
    master, slave = pty.openpty()
    p = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    out = bytearray()
    err = bytearray()
    while True:
        fds = [p.stdout.fileno(), master]
        ready, _, _ = select.select(fds, [], [], 30)
        if not ready:
            break
        done = False
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                if fd == master:
                    done = True
                else:
                    fds.remove(fd)
                continue
            (out if fd == p.stdout.fileno() else err).extend(chunk)
        if done:
            break
    out.extend(p.stdout.read())
    p.wait()
    os.close(master)
    return p.returncode, bytes(out), bytes(err)


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    slant = os.path.abspath(sys.argv[1])
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}")

    env = dict(os.environ, SLANT_PROGRESS_DELAY_MS="0")
    with tempfile.TemporaryDirectory() as tmp:
        c = os.path.join(tmp, "c.jsonl")
        corpus(c, 4000)
        for cmd in (["score", "-j", "1", c], ["compare", "-j", "1", "--format", "json", c]):
            name = cmd[0]
            plain = subprocess.run([slant] + cmd, capture_output=True, env=env)
            check(plain.returncode == 0, f"{name}: exit {plain.returncode}")
            check(plain.stderr == b"", f"{name}: stderr on a pipe is empty, got {plain.stderr[:80]!r}")

            status, out, err = run_pty([slant] + cmd, env)
            check(status == 0, f"{name} on a terminal: exit {status}")
            check(out == plain.stdout, f"{name} on a terminal: the same standard output")
            check(b"\r" in err and LINE.search(err) is not None,
                  f"{name} on a terminal: a progress line ({err[:120]!r})")
            check(b"\033[K" in err and err.endswith(b"\r\033[K"),
                  f"{name} on a terminal: the line is erased at the end ({err[-40:]!r})")
            check(b"%" in err, f"{name} on a terminal: the share of the input read")

            forced = subprocess.run([slant, cmd[0], "--progress"] + cmd[1:], capture_output=True, env=env)
            check(forced.stdout == plain.stdout, f"{name} --progress: the same standard output")
            lines = forced.stderr.splitlines()
            check(lines and all(LINE.match(l) for l in lines) and b"\r" not in forced.stderr,
                  f"{name} --progress on a pipe: plain lines ({forced.stderr[:120]!r})")

            status, out, err = run_pty([slant, cmd[0], "--quiet"] + cmd[1:], env)
            check(status == 0 and out == plain.stdout and err == b"",
                  f"{name} --quiet on a terminal: nothing on stderr ({err[:80]!r})")

        # the first line waits a second by default: a short run shows none
        status, out, err = run_pty([slant, "score", "-j", "1", c], dict(os.environ))
        check(err == b"", f"a run shorter than a second shows no progress ({err[:80]!r})")

    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
