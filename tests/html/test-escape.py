#!/usr/bin/env python3
"""The HTML report escapes every text from the corpus, the lexicon and the
command line, and writes the same bytes for the same report.

usage: test-escape.py SLANT SOURCE_DIR

The fixture (tests/data/html/) puts <script>alert(1)</script>, "quotes' &
ampersands", </svg> and ]]> (and <![CDATA[, <!--, <b>) into group names,
labels, document ids, the lexicon's name, description, pole names, category
labels and patterns; the test copies the corpus to an input path made of
them and adds a missing input named the same way (a skip message that
quotes it).  For each pair design (all, rest, a list, a reference, --groups,
a matched design grouped by a label) the page is parsed with html.parser:

  - no tag but the page's own (no script, no b, one style), every <svg>
    closed, with role="img", an aria-label and a <title>;
  - no raw "<script", "<b>", "]]>", "<![CDATA[", "<!--" in the bytes;
  - each of those texts found whole as text (element content) and in an
    attribute value, decoded back to what it was;
  - the method texts of the JSON report's meta.methods on the page.

And: the same bytes twice, with -j 1 and -j 2, through -o FILE.html and
through merge of a partial; a write to a full disk fails with exit 4.
"""

import html.parser
import json
import os
import shutil
import subprocess
import sys
import tempfile

N1 = "<script>alert(1)</script>"
N2 = "\"quotes' & ampersands"
N3 = "</svg>"
N4 = "]]>"

ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p", "nav",
    "ul", "li", "a", "main", "section", "div", "table", "thead", "tbody", "tr", "th", "td",
    "code", "strong", "span", "figure", "figcaption", "footer",
    "svg", "g", "rect", "line", "circle", "text", "defs", "lineargradient", "stop",
}
VOID = {"meta"}

failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


class Page(html.parser.HTMLParser):
    """Tags, text and attribute values of a page, and its SVG structure."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.text = []
        self.attrs = []
        self.stack = []
        self.svgs = []       # [attrs, first child tag, has title text]
        self.errors = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [v for _, v in attrs if v is not None]
        if self.stack and self.stack[-1][0] == "svg" and self.stack[-1][1] is None:
            self.stack[-1][1] = tag
        if tag == "svg":
            entry = ["svg", None, dict(attrs)]
            self.svgs.append(entry)
            self.stack.append(entry)
        elif tag not in VOID:
            self.stack.append([tag, None, None])

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += [v for _, v in attrs if v is not None]
        if self.stack and self.stack[-1][0] == "svg" and self.stack[-1][1] is None:
            self.stack[-1][1] = tag

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append("</%s> closes %s" % (tag, self.stack[-1][0] if self.stack else "nothing"))
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)

    def handle_comment(self, data):
        self.errors.append("a comment: %r" % data[:40])

    def unknown_decl(self, data):
        self.errors.append("a declaration: %r" % data[:40])


def run(slant, args, cwd, check_status=(0, 1, 4)):
    p = subprocess.run([slant] + args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=dict(os.environ, LC_ALL="C.UTF-8"))
    if p.returncode not in check_status:
        fail("slant %s exited %d: %s" % (" ".join(args), p.returncode,
                                        p.stderr.decode(errors="replace")[:500]))
    return p


def check_page(name, raw, texts, attr_texts, methods):
    page = Page()
    page.feed(raw.decode("utf-8"))
    page.close()
    for e in page.errors:
        fail("%s: %s" % (name, e))
    if page.stack:
        fail("%s: unclosed elements: %s" % (name, [s[0] for s in page.stack]))
    unexpected = sorted(set(page.tags) - ALLOWED)
    if unexpected:
        fail("%s: unexpected tags %s" % (name, unexpected))
    if "script" in page.tags:
        fail("%s: a script element" % name)
    if page.tags.count("style") != 1:
        fail("%s: %d style elements" % (name, page.tags.count("style")))
    for bad in (b"<script", b"<b>", b"]]>", b"<![CDATA[", b"<!--", b"alert(1)</"):
        if bad in raw:
            fail("%s: raw %r in the page" % (name, bad))
    if raw.count(b"<svg") != raw.count(b"</svg>"):
        fail("%s: %d <svg but %d </svg>" % (name, raw.count(b"<svg"), raw.count(b"</svg>")))
    if not page.svgs:
        fail("%s: no svg" % name)
    for svg in page.svgs:
        attrs = svg[2]
        if attrs.get("role") != "img" or not attrs.get("aria-label"):
            fail("%s: an svg without role=img and aria-label: %r" % (name, attrs))
        if svg[1] != "title":
            fail("%s: an svg whose first child is %r, not title" % (name, svg[1]))
    text = "".join(page.text)
    for t in texts:
        if t not in text:
            fail("%s: %r is not in the text" % (name, t))
    attr = "\n".join(page.attrs)
    for t in attr_texts:
        if t not in attr:
            fail("%s: %r is in no attribute" % (name, t))
    for key, m in methods.items():
        if m not in text:
            fail("%s: the method text %s (%r) is not on the page" % (name, key, m[:50]))


def main():
    slant, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    data = os.path.join(source, "tests", "data", "html")
    lexicon = os.path.join(data, "lexicon.json")
    tmp = tempfile.mkdtemp(prefix="slant-html-")
    try:
        # an input path made of the texts: folders "<script>alert(1)<", "script>", "<", "svg>"
        rel = N1 + "/" + N3 + "/" + N2 + " " + N4 + ".jsonl"
        path = os.path.join(tmp, rel)
        os.makedirs(os.path.dirname(path))
        shutil.copy(os.path.join(data, "corpus.jsonl"), path)
        missing = N2 + " missing " + N4 + ".jsonl"

        lex_texts = [
            N1 + " lexicon",                                   # name
            "<![CDATA[ x ]]> <!-- a comment -->",               # description
            "<b>warm</b> & \"kind\"", "</svg>]]> 'cold'",       # poles
            N1 + " the axis",                                   # axis description
            N1 + " label", N3 + " " + N4 + " label",            # category labels
            N1, "\"quotes'&ampersands\"", "a&b",                # patterns
        ]
        source_texts = [N1, N2, N3, N4, rel, missing]
        attr_texts = ["<b>warm</b> & \"kind\"", "</svg>]]> 'cold'"]
        designs = [
            ("all", [], source_texts),
            ("rest", ["--pairs", "rest"], source_texts),
            ("list", ["--pairs", N1 + "," + N2 + ";" + N3 + "," + N4], source_texts),
            ("reference", ["--reference", N2], source_texts),
            ("groups", ["--groups", N1 + "," + N2 + "," + N4], [N1, N2, N4, rel, missing]),
            ("matched", ["--group-by", "label.outlet", "--match", "label.event"],
             [N2, N3, N4, rel, missing, "label.outlet", "label.event"]),
        ]
        for name, extra, texts in designs:
            args = ["compare", "-l", lexicon] + extra + [rel, missing]
            p = run(slant, args + ["--format", "json"], tmp)
            methods = json.loads(p.stdout)["meta"]["methods"] if p.stdout else {}
            p = run(slant, args + ["--format", "html"], tmp)
            if p.returncode != 4:
                fail("%s: exit %d, expected 4 (a missing input)" % (name, p.returncode))
            raw = p.stdout
            check_page(name, raw, lex_texts + texts, attr_texts, methods)
            # the same bytes: again, on two threads, through -o, through merge
            again = run(slant, args + ["--format", "html", "-j", "2"], tmp).stdout
            if again != raw:
                fail("%s: -j 2 gives other bytes" % name)
            out = os.path.join(tmp, "out-%s.html" % name)
            run(slant, args + ["-o", out], tmp)
            with open(out, "rb") as f:
                if f.read() != raw:
                    fail("%s: -o FILE.html gives other bytes" % name)
            if name in ("all", "rest", "matched"):
                part = os.path.join(tmp, "shard-%s.partial" % name)
                run(slant, ["compare", "-l", lexicon, "--partial", "-o", part] + extra +
                    [rel, missing], tmp)
                merged = run(slant, ["merge", "--format", "html", part], tmp)
                if merged.stdout != raw:
                    fail("%s: merge of the partial gives other bytes (exit %d: %s)"
                         % (name, merged.returncode, merged.stderr.decode(errors="replace")[:300]))
            print("ok: %s (%d bytes)" % (name, len(raw)))

        # a full disk: exit 4, nothing pretends to have worked
        if os.path.exists("/dev/full"):
            with open("/dev/full", "wb") as full:
                p = subprocess.run([slant, "compare", "--format", "html"], cwd=source,
                                   stdout=full, stderr=subprocess.PIPE,
                                   env=dict(os.environ, SLANT_DATA_DIR=source))
            if p.returncode != 4:
                fail("a write to /dev/full exited %d, expected 4" % p.returncode)
            else:
                print("ok: /dev/full exits 4")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d passed, %d failed" % (1 if not failures else 0, 1 if failures else 0))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
