#!/usr/bin/env python3
"""Golden CLI cases for slant.

Each case is a folder tests/golden/cases/NAME/ holding:

  args     the command line after "slant", one argument per line (the first
           is the command); "@OUT@" in an argument stands for a fresh
           temporary file path
  stdin    (optional) bytes fed to standard input; without it standard
           input is /dev/null
  stdout   expected standard output, byte for byte
  stderr   expected standard error, byte for byte
  status   expected exit status, as a decimal number and a newline
  output   (only with @OUT@) expected content of the @OUT@ file; a case
           without this file expects that no file is left at @OUT@

slant runs in the source folder, so paths in the outputs are relative
("tests/data/cli/..."), with LC_ALL=C.UTF-8 so that messages do not depend
on the developer's locale.  In stdout and stderr the temporary path is
written back as "@OUT@" before comparing.  Besides the bytes, every compare
report (stdout or the @OUT@ file) is validated against
engine/report.schema.json, every line of `slant score` against
engine/score.schema.json, and every item of `slant explain --json` too.
With @OUT@ the temporary folder must hold nothing but the output afterwards
(written whole or not at all: no temporary file left behind).

usage: run.py --slant BIN --source-dir DIR [--case NAME | --group GROUP]... [--update]
       run.py --slant BIN --source-dir DIR --schema-selftest

--update rewrites the expected files from what slant does now: read every
changed golden file by eye before committing it.  The last line printed is
"N passed, N failed"; the exit status is 1 when a case failed.  A case's
group is its name up to the first "-" (compare, score, explain, tokens,
lexicon, malformed, usage); ctest runs one test per group, golden/GROUP.
"""

import argparse
import difflib
import json
import os
import shutil
import subprocess
import sys
import tempfile

EXPECTED = ("stdout", "stderr", "status")
OUT_MARK = "@OUT@"


# ---- schemas ---------------------------------------------------------------

class Schemas:
    """Validators for the report and for one score line.

    score.schema.json refers to report.schema.json by a relative $ref; both
    are registered under their $id so nothing is fetched.  Works with the
    jsonschema of Debian 12 (4.10, RefResolver) and with newer ones
    (4.18+, the referencing library)."""

    def __init__(self, source_dir, check_schemas=False):
        import jsonschema
        from jsonschema import Draft202012Validator

        def load(name):
            with open(os.path.join(source_dir, "engine", name), encoding="utf-8") as f:
                schema = json.load(f)
            if check_schemas:  # against the draft 2020-12 meta-schema
                Draft202012Validator.check_schema(schema)
            return schema

        report, score = load("report.schema.json"), load("score.schema.json")
        try:
            from referencing import Registry, Resource
        except ImportError:
            store = {report["$id"]: report, score["$id"]: score}
            self.report = Draft202012Validator(
                report, resolver=jsonschema.RefResolver.from_schema(report, store=store))
            self.score = Draft202012Validator(
                score, resolver=jsonschema.RefResolver.from_schema(score, store=store))
        else:
            registry = Registry().with_resources(
                [(s["$id"], Resource.from_contents(s)) for s in (report, score)])
            self.report = Draft202012Validator(report, registry=registry)
            self.score = Draft202012Validator(score, registry=registry)

    @staticmethod
    def problems(validator, instance, where):
        out = []
        for e in sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path)):
            path = "/".join(str(p) for p in e.absolute_path)
            out.append("%s: /%s: %s" % (where, path, e.message))
        return out

    def check_report(self, text, where):
        try:
            doc = json.loads(text)
        except ValueError as e:
            return ["%s: not JSON: %s" % (where, e)]
        return self.problems(self.report, doc, where)

    def check_score_lines(self, text, where):
        out = []
        if text and not text.endswith("\n"):
            out.append("%s: does not end in a newline" % where)
        for n, line in enumerate(text.splitlines(), 1):
            try:
                doc = json.loads(line)
            except ValueError as e:
                out.append("%s:%d: not JSON: %s" % (where, n, e))
                continue
            out += self.problems(self.score, doc, "%s:%d" % (where, n))
        return out

    def check_explain_json(self, text, where):
        try:
            doc = json.loads(text)
        except ValueError as e:
            return ["%s: not JSON: %s" % (where, e)]
        if not isinstance(doc, list):
            return ["%s: not a JSON array" % where]
        out = []
        for i, item in enumerate(doc):
            if "hits" not in item:
                out.append("%s: [%d]: no 'hits'" % (where, i))
            out += self.problems(self.score, item, "%s[%d]" % (where, i))
        return out


class LazySchemas:
    def __init__(self, source_dir):
        self.source_dir = source_dir
        self.schemas = None

    def __getattr__(self, name):
        if self.schemas is None:
            self.schemas = Schemas(self.source_dir)
        return getattr(self.schemas, name)


# ---- running a case --------------------------------------------------------

def read_args(case_dir):
    with open(os.path.join(case_dir, "args"), encoding="utf-8") as f:
        text = f.read()
    if text.endswith("\n"):
        text = text[:-1]
    return text.split("\n") if text else []


def slant_env(source_dir):
    env = dict(os.environ)
    for k in ("LANGUAGE", "LANG", "LC_MESSAGES", "LC_CTYPE"):
        env.pop(k, None)
    env["LC_ALL"] = "C.UTF-8"
    env.setdefault("SLANT_DATA_DIR", source_dir)
    return env


def run_slant(slant, args, source_dir, stdin_bytes, timeout=120):
    feed = {"input": stdin_bytes} if stdin_bytes is not None else {"stdin": subprocess.DEVNULL}
    p = subprocess.run([slant] + args, cwd=source_dir, env=slant_env(source_dir),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout, **feed)
    return p.returncode, p.stdout, p.stderr


def show(b):
    return b.decode("utf-8", errors="backslashreplace")


def diff(name, expected, actual, limit=200):
    lines = list(difflib.unified_diff(
        show(expected).splitlines(keepends=True), show(actual).splitlines(keepends=True),
        fromfile="expected/" + name, tofile="actual/" + name))
    if len(lines) > limit:
        lines = lines[:limit] + ["... (%d more diff lines)\n" % (len(lines) - limit)]
    text = "".join(l if l.endswith("\n") else l + "\n\\ no newline at end\n" for l in lines)
    return text


REPORT_CSV_HEADER = ["table", "group", "versus", "kind", "id", "metric", "value", "lower",
                     "upper", "pattern", "pole", "hits"]


def output_format(args):
    """The format a case asks for: --format/-f, else -o's extension, else json."""
    for i, a in enumerate(args):
        if a in ("--format", "-f") and i + 1 < len(args):
            return args[i + 1]
        if a.startswith("--format="):
            return a.split("=", 1)[1]
    for a in args:
        if OUT_MARK in a:
            ext = a.split(OUT_MARK, 1)[1].rpartition(".")[2]
            if ext in ("csv", "html", "txt"):
                return "text" if ext == "txt" else ext
    return "json"


def check_csv(text, where, command):
    """RFC 4180 as Python's csv module reads it: every row as wide as the
    header; the report's header is the documented one."""
    import csv
    import io
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        return ["%s: empty CSV" % where]
    out = []
    if command in ("compare", "merge") and rows[0] != REPORT_CSV_HEADER:
        out.append("%s: CSV header %r" % (where, rows[0]))
    for n, r in enumerate(rows[1:], 2):
        if len(r) != len(rows[0]):
            out.append("%s:%d: %d fields, the header has %d" % (where, n, len(r), len(rows[0])))
    if not text.endswith("\r\n"):
        out.append("%s: does not end in CRLF" % where)
    return out


def run_case(name, cases_dir, slant, source_dir, schemas, update):
    """Run one case; return a list of problems (empty: passed)."""
    case_dir = os.path.join(cases_dir, name)
    problems = []
    args = read_args(case_dir)  # may be empty: "slant" alone
    stdin_path = os.path.join(case_dir, "stdin")
    stdin_bytes = None
    if os.path.exists(stdin_path):
        with open(stdin_path, "rb") as f:
            stdin_bytes = f.read()

    uses_out = any(OUT_MARK in a for a in args)
    tmp = tempfile.mkdtemp(prefix="slant-golden-")
    try:
        out_path = os.path.join(tmp, "out")
        real_args = [a.replace(OUT_MARK, out_path) for a in args]
        # "@OUT@.csv" names the output with an extension (the format follows it)
        out_name = "out"
        for a in args:
            if OUT_MARK in a:
                out_name = "out" + a.split(OUT_MARK, 1)[1]
        out_file = os.path.join(tmp, out_name)
        try:
            status, stdout, stderr = run_slant(slant, real_args, source_dir, stdin_bytes)
        except subprocess.TimeoutExpired:
            return ["%s: timed out" % name]
        stdout = stdout.replace(out_path.encode(), OUT_MARK.encode())
        stderr = stderr.replace(out_path.encode(), OUT_MARK.encode())
        actual = {"stdout": stdout, "stderr": stderr, "status": b"%d\n" % status}
        output = None
        if uses_out:
            if os.path.exists(out_file):
                with open(out_file, "rb") as f:
                    output = f.read()
            left = sorted(set(os.listdir(tmp)) - {out_name})
            if left:
                problems.append("%s: files left beside the output (not written whole?): %s"
                                % (name, ", ".join(left)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    # the shape of what was written, whatever the golden files say
    command = args[0] if args else ""
    written = output if uses_out else stdout
    where = "%s: %s" % (name, "output" if uses_out else "stdout")
    fmt = output_format(args)
    if written and not {"--help", "-h"} & set(args):
        text = written.decode("utf-8", errors="replace")
        if fmt == "csv":
            problems += check_csv(text, where, command)
        elif fmt != "json":
            pass  # text for people; HTML is checked in a browser (tests/html)
        elif command in ("compare", "merge"):
            problems += schemas.check_report(text, where)
        elif command == "score":
            problems += schemas.check_score_lines(text, where)
        elif command == "explain" and "--json" in args:
            problems += schemas.check_explain_json(text, where)

    output_file = os.path.join(case_dir, "output")
    if update:
        for k in EXPECTED:
            with open(os.path.join(case_dir, k), "wb") as f:
                f.write(actual[k])
        if output is not None:
            with open(output_file, "wb") as f:
                f.write(output)
        elif os.path.exists(output_file):
            os.unlink(output_file)
        return problems

    for k in EXPECTED:
        path = os.path.join(case_dir, k)
        if not os.path.exists(path):
            problems.append("%s: no expected %s (run with --update, then read it)" % (name, k))
            continue
        with open(path, "rb") as f:
            expected = f.read()
        if expected != actual[k]:
            problems.append("%s: %s differs\n%s" % (name, k, diff(k, expected, actual[k])))
    if uses_out or os.path.exists(output_file):
        expected = None
        if os.path.exists(output_file):
            with open(output_file, "rb") as f:
                expected = f.read()
        if expected is None and output is not None:
            problems.append("%s: an output file was written, none expected" % name)
        elif expected is not None and output is None:
            problems.append("%s: no output file was written" % name)
        elif expected != output:
            problems.append("%s: output differs\n%s" % (name, diff("output", expected, output)))
    return problems


# ---- schema self-test ------------------------------------------------------

def schema_selftest(slant, source_dir, schemas):
    """The schema must accept the real report and reject reports that break
    it in the ways it is meant to catch."""
    status, stdout, stderr = run_slant(
        slant, ["compare", "--documents", "-l", "tests/data/cli/lexicon.json",
                "tests/data/cli/articles.jsonl", "tests/data/cli/no-such-input.jsonl"],
        source_dir, None)
    problems = []
    if status != 4:
        problems.append("selftest: compare exited %d, expected 4:\n%s" % (status, show(stderr)))
    report = json.loads(stdout)
    problems += Schemas.problems(schemas.report, report, "selftest: report")

    def mutant(label, fn):
        r = json.loads(stdout)
        fn(r)
        if not list(schemas.report.iter_errors(r)):
            problems.append("selftest: the schema accepts a report with %s" % label)

    def first_hit(r, kind):
        return next(h for d in r["documents"] for h in d["hits"] if kind in h)

    def busy_axis(r):  # a source axis with drivers
        return next(a for s in r["sources"] for a in s["axes"].values() if a["drivers"])

    # score.schema.json reaches report.schema.json's $defs through its $ref
    status, stdout_score, stderr = run_slant(
        slant, ["score", "--hits", "-l", "tests/data/cli/lexicon.json", "tests/data/cli/articles.jsonl"],
        source_dir, None)
    problems += schemas.check_score_lines(stdout_score.decode(), "selftest: score")
    line = json.loads(stdout_score.decode().splitlines()[0])
    for label, fn in (("an unknown key", lambda d: d.update(extra=1)),
                      ("no id", lambda d: d.pop("id")),
                      ("a hit field 'body'", lambda d: d["hits"][0].update(field="body")),
                      ("a hit without 'quoted'", lambda d: d["hits"][0].pop("quoted")),
                      ("a quoted count of -1", lambda d: next(iter(d["axes"].values())).update(quoted=-1))):
        d = json.loads(json.dumps(line))
        fn(d)
        if not list(schemas.score.iter_errors(d)):
            problems.append("selftest: the score schema accepts a line with %s" % label)

    mutant("no schema_version", lambda r: r.pop("schema_version"))
    mutant("voice 'mine'", lambda r: r["meta"]["parameters"].update(voice="mine"))
    mutant("no voice", lambda r: r["meta"]["parameters"].pop("voice"))
    mutant("a source axis without quoted hits", lambda r: busy_axis(r)["hits"].pop("quoted"))
    mutant("a quoted hit given as a string", lambda r: first_hit(r, "axis").update(quoted="yes"))
    mutant("another schema_version", lambda r: r.update(schema_version="1.0.0"))
    mutant("grouping by 'stance' (not label.stance)",
           lambda r: r["meta"]["grouping"].update(by="stance"))
    mutant("no design", lambda r: r["meta"].pop("design"))
    mutant("a matched design without units",
           lambda r: r["meta"]["design"].update(matched={"by": "label.event"}))
    mutant("an unknown top-level key", lambda r: r.update(extra=1))
    mutant("an unknown meta key", lambda r: r["meta"].update(extra=1))
    mutant("a string number", lambda r: r["summary"].update(tokens="81"))
    mutant("a null score", lambda r: busy_axis(r)["pooled"].update(balance=None))
    mutant("balance above 1", lambda r: busy_axis(r)["pooled"].update(balance=1.5))
    mutant("interval unit 'chunk'",
           lambda r: busy_axis(r)["interval"].update(unit="chunk"))
    mutant("a 3-number interval",
           lambda r: busy_axis(r)["interval"]["balance"].append(0))
    mutant("driver pole 'neutral'",
           lambda r: busy_axis(r)["drivers"][0].update(pole="neutral"))
    mutant("skip reason 'lexicon-key'", lambda r: r["skipped"][0].update(reason="lexicon-key"))
    mutant("skip without line", lambda r: r["skipped"][0].pop("line"))
    mutant("input format 'xml'", lambda r: r["meta"]["inputs"][0].update(format="xml"))
    mutant("a short sha256", lambda r: r["meta"]["lexicon"].update(sha256="abc"))
    mutant("a document without hits", lambda r: r["documents"][0].pop("hits"))
    mutant("an axis hit without pole", lambda r: first_hit(r, "axis").pop("pole"))
    mutant("a hit with both axis and category",
           lambda r: first_hit(r, "axis").update(category="threat"))
    mutant("a modifier of kind 'booster'",
           lambda r: first_hit(r, "axis")["modifiers"].append({"kind": "booster", "text": "x", "token": 0}))
    mutant("an intensifier of factor 0.5",
           lambda r: first_hit(r, "axis")["modifiers"].append(
               {"kind": "intensifier", "text": "x", "token": 0, "factor": 0.5}))
    return problems


# ---- main --------------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description="Run the golden CLI cases of slant.")
    ap.add_argument("--slant", required=True, help="the slant binary to test")
    ap.add_argument("--source-dir", required=True, help="the project's top folder")
    ap.add_argument("--case", action="append", default=[], help="run only this case (repeatable)")
    ap.add_argument("--group", action="append", default=[],
                    help="run only the cases named GROUP-... (repeatable)")
    ap.add_argument("--update", action="store_true", help="rewrite the expected files")
    ap.add_argument("--list", action="store_true", help="list the cases and exit")
    ap.add_argument("--schema-selftest", action="store_true",
                    help="check the schemas accept a real report and reject broken ones")
    opts = ap.parse_args()
    slant = os.path.abspath(opts.slant)
    source_dir = os.path.abspath(opts.source_dir)
    cases_dir = os.path.join(source_dir, "tests", "golden", "cases")
    names = sorted(d for d in os.listdir(cases_dir) if os.path.isdir(os.path.join(cases_dir, d)))
    if opts.list:
        print("\n".join(names))
        return 0
    passed = failed = 0
    if opts.schema_selftest:
        problems = schema_selftest(slant, source_dir, Schemas(source_dir, check_schemas=True))
        for p in problems:
            print("FAIL " + p)
        failed, passed = (1, 0) if problems else (0, 1)
        if not problems:
            print("ok   schema-selftest")
        print("%d passed, %d failed" % (passed, failed))
        return 1 if failed else 0

    schemas = LazySchemas(source_dir)  # importing jsonschema takes a while: only when needed
    for name in opts.case:
        if name not in names:
            print("FAIL %s: no such case in %s" % (name, cases_dir))
            failed += 1
    for group in opts.group:
        if not any(n.startswith(group + "-") for n in names):
            print("FAIL %s: no cases in group %s" % (group, group))
            failed += 1

    def chosen(n):
        if not opts.case and not opts.group:
            return True
        return n in opts.case or any(n.startswith(g + "-") for g in opts.group)

    for name in filter(chosen, names):
        problems = run_case(name, cases_dir, slant, source_dir, schemas, opts.update)
        if problems:
            failed += 1
            for p in problems:
                print("FAIL " + p)
        else:
            passed += 1
            print("%s %s" % ("updated" if opts.update else "ok  ", name))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
