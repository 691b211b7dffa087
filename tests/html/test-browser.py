#!/usr/bin/env python3
"""The HTML report in a real browser: headless Chromium loads it, logs no
console error, and the DOM it builds holds what the JSON report says.

usage: test-browser.py SLANT SOURCE_DIR OUT_DIR

Exits 77 (skipped) when no Chromium is installed (tools/setup --test
installs Debian's chromium); runs in CI.  For each report (the bundled
corpus; the events fixture against the rest and matched on its events; the
development corpus ../shared/dev/alliance-dev.jsonl beside the source
folder when it is there, or $SLANT_DEV_CORPUS):

  - Chromium's --dump-dom of the page, with its log on stderr: no
    "Uncaught" error and no console message (the page has no script; a
    page made to fail first shows that the log would tell);
  - per axis, the forest plot holds one row per group shown (every group
    up to 100, else the 100 with the most documents, ties by name): the
    same groups as the JSON report, in the order of their balances;
  - per axis, the matrix (every pair) holds 2 marks per pair of its groups
    whose balance interval excludes 0, and the dot plot of the other
    designs one per comparison that does, as the JSON report counts them;
  - nothing outside the page: every link an anchor in it, no src, no
    script, no external resource;
  - a screenshot (1280x2000) into OUT_DIR, a PNG of that size that is not
    blank.
"""

import html.parser
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

LIST_MAX, GRID_MAX = 100, 40
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def find_chromium():
    for name in (os.environ.get("SLANT_CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def chromium(binary, url, extra, timeout=180):
    """Run headless Chromium on @url; (stdout, stderr)."""
    profile = tempfile.mkdtemp(prefix="slant-chromium-")
    try:
        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr",
                "--v=0"] + extra + [url]
        p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
        return p.stdout.decode("utf-8", errors="replace"), p.stderr.decode("utf-8", errors="replace")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(log):
    return [l for l in log.splitlines() if "Uncaught" in l or ":CONSOLE" in l]


class Dom(html.parser.HTMLParser):
    """The page's plots: per svg its class, data- attributes, and its g rows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.svgs = []
        self.svg = None
        self.depth = 0
        self.title = None      # the row whose <title> is being read
        self.links, self.srcs, self.tags = [], [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.add(tag)
        if "href" in a:
            self.links.append(a["href"])
        if "src" in a:
            self.srcs.append(a["src"])
        if tag == "svg":
            self.svg = {"class": a.get("class", ""), "attrs": a, "rows": []}
            self.svgs.append(self.svg)
            self.depth = 0
            return
        if self.svg is None:
            return
        self.depth += 1
        if tag == "g":
            self.svg["rows"].append({"class": a.get("class", "").split(), "title": ""})
        if tag == "title" and self.svg["rows"] and self.depth == 2:
            self.title = self.svg["rows"][-1]

    def handle_endtag(self, tag):
        if self.svg is None:
            return
        if tag == "svg":
            self.svg = None
            return
        if tag == "title":
            self.title = None
        self.depth -= 1

    def handle_data(self, data):
        if self.title is not None:
            self.title["title"] += data


def run_slant(slant, source, args):
    p = subprocess.run([slant] + args, cwd=source, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=dict(os.environ, SLANT_DATA_DIR=source, LC_ALL="C.UTF-8"))
    if p.returncode not in (0, 1):
        fail("slant %s exited %d: %s" % (" ".join(args), p.returncode, p.stderr.decode()[:300]))
    return p.stdout


def shown(report, n):
    """The groups a plot shows: all up to n, else the n with the most documents (ties by name)."""
    groups = list(enumerate(report["sources"]))
    groups.sort(key=lambda g: (-g[1]["documents"], g[0]))
    return {g[1]["name"] for g in groups[:n]}


def excludes_zero(interval):
    return interval is not None and (interval["balance"][0] > 0 or interval["balance"][1] < 0)


def check_dom(name, dom, report):
    axes = [a["id"] for a in report["axes"]]
    design = report["meta"]["design"]["pairs"]
    forests = [s for s in dom.svgs if s["class"] == "forest"]
    if len(forests) != len(axes):
        fail("%s: %d forest plots for %d axes" % (name, len(forests), len(axes)))
    listed = shown(report, LIST_MAX)
    grid = shown(report, GRID_MAX)
    for k, axis in enumerate(axes):
        forest = next((s for s in forests if s["attrs"].get("data-axis") == str(k + 1)), None)
        if forest is None:
            fail("%s: no forest plot for axis %s" % (name, axis))
            continue
        rows = [r for r in forest["rows"] if "grp" in r["class"]]
        names = [r["title"].split("\n")[0] for r in rows]
        if len(rows) != len(listed) or set(names) != listed:
            fail("%s: axis %s: the forest plot shows %d groups (%s...), expected %d"
                 % (name, axis, len(rows), names[:3], len(listed)))
        if forest["attrs"].get("data-groups") != str(len(report["sources"])):
            fail("%s: axis %s: data-groups %r" % (name, axis, forest["attrs"].get("data-groups")))
        by_name = {s["name"]: s for s in report["sources"]}
        balances = [by_name[n]["axes"][axis]["pooled"]["balance"] for n in names if n in by_name]
        if balances != sorted(balances, reverse=True):
            fail("%s: axis %s: the forest plot is not in the order of the balances" % (name, axis))
        comparisons = report["comparisons"]
        if design == "all":
            plot = next((s for s in dom.svgs if s["class"] == "matrix"
                         and s["attrs"].get("data-axis") == str(k + 1)), None)
            want = 2 * sum(1 for c in comparisons if c["a"] in grid and c["b"] in grid
                           and excludes_zero(c["axes"][axis]["interval"]))
            what = "matrix"
        elif design in ("rest", "reference", "list"):
            plot = next((s for s in dom.svgs if s["class"] == "diffs"
                         and s["attrs"].get("data-axis") == str(k + 1)), None)
            kept = [c for c in comparisons if design == "list" or c["a"] in listed][:LIST_MAX]
            want = sum(1 for c in kept if excludes_zero(c["axes"][axis]["interval"]))
            what = "dot plot"
        else:
            continue
        if plot is None:
            fail("%s: axis %s: no %s" % (name, axis, what))
            continue
        got = sum(1 for r in plot["rows"] if "sig" in r["class"])
        if got != want:
            fail("%s: axis %s: %d marks in the %s, the JSON report has %d" % (name, axis, got, what, want))
        else:
            print("ok: %s: axis %s: %d groups in the forest plot, %d marks in the %s"
                  % (name, axis, len(rows), got, what))
    outside = [l for l in dom.links if not l.startswith("#")]
    if outside or dom.srcs or dom.tags & {"script", "link", "img", "iframe", "object", "embed"}:
        fail("%s: reaches outside the page: links %s, src %s" % (name, outside[:3], dom.srcs[:3]))


def png_ok(path, width, height):
    """A PNG of @width x @height whose pixels are not all one value."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return "not a PNG"
    w, h = struct.unpack(">II", data[16:24])
    if (w, h) != (width, height):
        return "%dx%d, expected %dx%d" % (w, h, width, height)
    idat, pos = b"", 8
    while pos < len(data):
        n = struct.unpack(">I", data[pos:pos + 4])[0]
        kind = data[pos + 4:pos + 8]
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    pixels = zlib.decompress(idat)
    if len(set(pixels[:: 97])) < 8:
        return "blank"
    return None


def main():
    slant, source, out = (os.path.abspath(a) for a in sys.argv[1:4])
    binary = find_chromium()
    if binary is None:
        print("skipped: no chromium (tools/setup --test installs it)")
        return 77
    os.makedirs(out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="slant-browser-")
    try:
        # the log tells: a page with a script error and a console error shows both
        bad = os.path.join(tmp, "bad.html")
        with open(bad, "w") as f:
            f.write("<!DOCTYPE html><title>x</title><script>console.error('seen');"
                    "no_such_function();</script>")
        _, log = chromium(binary, "file://" + bad, ["--dump-dom"])
        if len(console_errors(log)) < 2:
            fail("Chromium's log does not show console errors; the check would see nothing:\n"
                 + log[-1500:])

        cases = [
            ("bundled", []),
            ("events-rest", ["-l", "tests/data/cli/lexicon.json", "--pairs", "rest",
                             "tests/data/events/events.jsonl"]),
            ("events-matched", ["-l", "tests/data/cli/lexicon.json", "--match", "label.event",
                                "tests/data/events/events.jsonl"]),
        ]
        dev = os.environ.get("SLANT_DEV_CORPUS") or os.path.join(
            source, "..", "shared", "dev", "alliance-dev.jsonl")
        if os.path.exists(dev):
            cases.append(("dev", [os.path.abspath(dev)]))
        else:
            print("note: no development corpus at %s: its report is not checked" % dev)
        for name, args in cases:
            report = json.loads(run_slant(slant, source, ["compare", "--format", "json"] + args))
            page = os.path.join(out, name + ".html")
            with open(page, "wb") as f:
                f.write(run_slant(slant, source, ["compare", "--format", "html"] + args))
            url = "file://" + page
            dom_text, log = chromium(binary, url, ["--dump-dom"])
            errors = console_errors(log)
            if errors:
                fail("%s: console errors:\n  %s" % (name, "\n  ".join(errors[:5])))
            if "<svg" not in dom_text:
                fail("%s: the DOM has no svg:\n%s" % (name, log[-1000:]))
                continue
            dom = Dom()
            dom.feed(dom_text)
            check_dom(name, dom, report)
            shot = os.path.join(out, name + ".png")
            if os.path.exists(shot):
                os.unlink(shot)
            chromium(binary, url, ["--screenshot=" + shot, "--window-size=1280,2000",
                                   "--hide-scrollbars"])
            problem = png_ok(shot, 1280, 2000) if os.path.exists(shot) else "not written"
            if problem:
                fail("%s: screenshot %s: %s" % (name, shot, problem))
            else:
                print("ok: %s: screenshot %s" % (name, shot))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (0 if failures else 1, 1 if failures else 0))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
