#!/usr/bin/env python3
"""The JUnit XML of `slant diff --format junit` is what CI systems read.

For pairs of the committed fixtures in tests/data/diff (reports and score
outputs) and several option sets, this runs `slant diff` twice, with
--format junit and --format json, and checks that Python's xml.etree parses
the XML and that its counts are the JSON output's: the tests and failures
attributes of <testsuites> and of each <testsuite> (one per kind: meta,
groups, categories, pairs, documents, summary), the number of <testcase>
and <failure> elements, and that both runs exit alike (1 on drift, else 0).  It also checks the
default format: text when standard output is a terminal (a pseudo-terminal
here), JSON in a pipe.

usage: test-junit.py SLANT SOURCE_DIR
"""
import json
import os
import pty
import subprocess
import sys
import xml.etree.ElementTree as ET

PAIRS = [
    ("base.json", "weight.json"),
    ("base.json", "moved.json"),
    ("base.json", "added.json"),
    ("added.json", "base.json"),
    ("score-base.jsonl", "score-weight.jsonl"),
    ("score-base.jsonl", "score-added.jsonl"),
]
OPTIONS = [
    [],
    ["--allow-new"],
    ["--significant"],
    ["--strict-meta", "--intervals", "--tolerance", "balance=0.05"],
]


def run(slant, source_dir, args):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    p = subprocess.run([slant, "diff"] + args, cwd=source_dir, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def check(slant, source_dir, old, new, options):
    where = "diff %s %s %s" % (" ".join(options), old, new)
    files = [os.path.join("tests", "data", "diff", f) for f in (old, new)]
    problems = []
    st_json, out_json, err = run(slant, source_dir, options + ["--format", "json"] + files)
    if st_json not in (0, 1):
        return ["%s: --format json exited %d: %s" % (where, st_json, err)]
    st_xml, out_xml, err = run(slant, source_dir, options + ["--format", "junit"] + files)
    if st_xml != st_json:
        problems.append("%s: junit exited %d, json %d" % (where, st_xml, st_json))
    report = json.loads(out_json)
    counts, by_kind = report["counts"], report["by_kind"]
    if (st_json == 1) != report["drift"] or report["drift"] != (counts["drift"] > 0):
        problems.append("%s: exit %d but drift %s" % (where, st_json, report["drift"]))
    try:
        root = ET.fromstring(out_xml)
    except ET.ParseError as e:
        return problems + ["%s: the JUnit XML does not parse: %s" % (where, e)]
    if root.tag != "testsuites":
        problems.append("%s: the root is <%s>, not <testsuites>" % (where, root.tag))

    def expect(what, got, want):
        if got != want:
            problems.append("%s: %s is %s, the JSON says %s" % (where, what, got, want))

    expect("testsuites tests", int(root.get("tests")), counts["checked"])
    expect("testsuites failures", int(root.get("failures")), counts["drift"])
    expect("<testcase> elements", len(root.findall("./testsuite/testcase")), counts["checked"])
    expect("<failure> elements", len(root.findall("./testsuite/testcase/failure")), counts["drift"])
    seen = set()
    for suite in root.findall("testsuite"):
        name = suite.get("name")
        seen.add(name)
        if name not in by_kind:
            problems.append("%s: a testsuite '%s' the JSON does not have" % (where, name))
            continue
        cases = suite.findall("testcase")
        expect("testsuite %s tests" % name, int(suite.get("tests")), by_kind[name]["checked"])
        expect("testsuite %s <testcase>s" % name, len(cases), by_kind[name]["checked"])
        expect("testsuite %s failures" % name, int(suite.get("failures")), by_kind[name]["drift"])
        expect("testsuite %s <failure>s" % name, len(suite.findall("testcase/failure")),
               by_kind[name]["drift"])
        for case in cases:
            if not case.get("classname") or not case.get("name"):
                problems.append("%s: a testcase without classname or name in %s" % (where, name))
                break
            f = case.find("failure")
            if f is not None and not f.get("message"):
                problems.append("%s: a failure without a message in %s" % (where, name))
                break
    for kind, c in by_kind.items():
        if c["checked"] > 0 and kind not in seen:
            problems.append("%s: no testsuite for %s (%d checked)" % (where, kind, c["checked"]))
    # the JSON lists every change, drift included
    expect("changes listed", len(report["changes"]), counts["changed"])
    expect("drift listed", sum(1 for c in report["changes"] if c["drift"]), counts["drift"])
    return problems


def check_default_format(slant, source_dir):
    files = [os.path.join("tests", "data", "diff", f) for f in ("base.json", "weight.json")]
    problems = []
    status, out, err = run(slant, source_dir, files)
    if status != 1 or not out.startswith(b"{"):
        problems.append("default format in a pipe: exit %d, output %r" % (status, out[:40]))
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(source_dir)
        os.environ["LC_ALL"] = "C.UTF-8"
        os.execv(slant, [slant, "diff"] + files)
    chunks = []
    while True:
        try:
            data = os.read(fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    _, wait = os.waitpid(pid, 0)
    text = b"".join(chunks).replace(b"\r\n", b"\n")
    if os.WEXITSTATUS(wait) != 1 or not text.startswith(b"slant diff: drift"):
        problems.append("default format on a terminal: exit %d, output %r"
                        % (os.WEXITSTATUS(wait), text[:60]))
    return problems


def main():
    slant, source_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    problems, n = [], 0
    for old, new in PAIRS:
        for options in OPTIONS:
            problems += check(slant, source_dir, old, new, options)
            n += 1
    problems += check_default_format(slant, source_dir)
    for p in problems:
        print("FAIL " + p)
    print("%d runs checked, %d problems" % (n, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
