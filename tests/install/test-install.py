#!/usr/bin/env python3
"""What `cmake --install` and `cpack -G DEB` give, used as a user would.

usage: test-install.py --test NAME --build DIR --source DIR --slant BIN
                       --prefix PREFIX --cc CC --python PY [--sanitize]

Every test installs this build (no rebuild) into a temporary folder of its
own, as `DESTDIR=TMP cmake --install BUILD` does, so the install is also a
relocated one: nothing finds its way through the configured PREFIX.  The
folder is removed at the end, whatever happens.

  library  the C program tests/install/score-text.c (the README's) built
           against the install with `pkg-config --cflags --libs slant`, and
           again statically against libslant.a with `pkg-config --static`,
           scores a text with the installed lexicon: tokens, sentences,
           every axis measure, every category and every hit (field, byte
           offsets, pole, weight, pattern) equal the installed `slant score
           --hits`'s; the installed files are where DESIGN.md §9 says.
  ctypes   tests/install/test-ctypes.py loads the installed libslant.so
           from Python with ctypes and checks the same text, the lexicon's
           accessors, the errors, and runs whose reports must be `slant
           compare`'s bytes.
  exports  `nm -D` of the installed libslant.so: exactly the functions
           engine/slant.h marks SLANT_EXPORT, all slant_*; SONAME
           libslant.so.SLANT_SOVERSION.
  binary   the installed slant, run from outside the source tree with no
           SLANT_DATA_DIR, prints the bundled report (the build's bytes) and
           its version; the build-tree binary still reads the source tree;
           `man -l` reads every page (slant.1 and one per command and
           subcommand of `slant --help`) without a warning.
  deb      `cpack -G DEB` makes the package; `dpkg -c` lists the files
           above; unpacked with `dpkg-deb -x` into a folder, its `slant
           compare` prints the bundled report and its man pages read.

The last line printed is "N passed, N failed"; the exit status is 1 when
something failed.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile

TITLE = "Alliance under strain: the growing threat"
# Invented for this test: hits at both poles, a negated and an intensified
# one, categories, a phrase after a multibyte character (the offsets are in
# bytes), and a second paragraph.
TEXT = ("Tokyo and Washington agreed to strengthen deterrence. Critics said the "
        "U.S.-Japan treaty is not a shared defense but \u201creliance on America\u201d, "
        "an utter entanglement in Washington\u2019s shadow.\n\nOfficials did not mention "
        "cyber attacks on the Self-Defense Forces.")
LEXICON = "lexicons/us-japan-alliance.json"
MEASURES = ("hits_positive", "hits_negative", "negated", "positive", "negative",
            "balance", "logit", "net_per_1k", "intensity_per_1k")

failures = []
passes = 0


def check(ok, what):
    global passes
    if ok:
        passes += 1
    else:
        failures.append(what)
        print("FAIL: " + what)


def run(cmd, **kw):
    """Run @cmd, returning the CompletedProcess (bytes)."""
    kw.setdefault("stdout", subprocess.PIPE)
    kw.setdefault("stderr", subprocess.PIPE)
    return subprocess.run(cmd, **kw)


def clean_env(**extra):
    """The environment with no SLANT_DATA_DIR, plus @extra."""
    env = {k: v for k, v in os.environ.items() if k != "SLANT_DATA_DIR"}
    env.update(extra)
    return env


class Install:
    """This build installed with DESTDIR=@tmp: root is where PREFIX went."""

    def __init__(self, args, tmp):
        dest = os.path.join(tmp, "dest")
        env = clean_env(DESTDIR=dest)
        p = run(["cmake", "--install", args.build], env=env)
        if p.returncode != 0:
            raise SystemExit("cmake --install failed:\n" + p.stderr.decode())
        self.root = dest + args.prefix
        self.bin = os.path.join(self.root, "bin", "slant")
        self.data = os.path.join(self.root, "share", "slant")
        self.lexicon = os.path.join(self.data, LEXICON)
        # the library folder: lib, or lib/TRIPLET for a prefix of /usr
        self.pc_dir = None
        for folder, _, files in os.walk(self.root):
            if "slant.pc" in files and os.path.basename(folder) == "pkgconfig":
                self.pc_dir = folder
                self.libdir = os.path.dirname(folder)
        if self.pc_dir is None:
            raise SystemExit("the install has no slant.pc")

    def pkg_config(self, *args):
        env = clean_env(PKG_CONFIG_PATH=self.pc_dir)
        p = run(["pkg-config"] + list(args), env=env)
        if p.returncode != 0:
            raise SystemExit("pkg-config %s failed: %s" % (" ".join(args), p.stderr.decode()))
        return p.stdout.decode().strip()


def score_json(slant, lexicon, title, text, cwd):
    """`slant score --hits` of one document: its JSON object."""
    line = json.dumps({"id": "t", "source": "s", "title": title, "text": text}) + "\n"
    p = run([slant, "score", "--hits", "--lexicon", lexicon, "-"], input=line.encode(),
            cwd=cwd, env=clean_env())
    if p.returncode != 0:
        raise SystemExit("slant score failed: " + p.stderr.decode())
    return json.loads(p.stdout)


def expected_lines(doc):
    """What score-text prints for @doc, a `slant score --hits` object, as
    (kind, fields) tuples with numbers parsed."""
    out = [("head", (doc["tokens"], doc["sentences"]))]
    for axis, v in doc["axes"].items():
        for m in MEASURES:
            out.append(("axis", (axis, m, float(v[m]))))
    for cat, v in doc["categories"].items():
        out.append(("category", (cat, v["hits"], v["negated"])))
    for h in doc["hits"]:
        pole = 0 if "category" in h else (1 if h["pole"] == "positive" else -1)
        out.append(("hit", (h["field"], h["bytes"][0], h["bytes"][1], pole, float(h["weight"]),
                            h["pattern"])))
    return out


def parse_score_text(text, version):
    out = []
    for line in text.splitlines():
        kind, _, rest = line.partition(" ")
        if kind == "libslant":
            m = re.match(r"(\S+): (\d+) tokens, (\d+) sentences$", rest)
            check(m is not None and m.group(1) == version, "score-text head line: " + line)
            if m:
                out.append(("head", (int(m.group(2)), int(m.group(3)))))
        elif kind == "axis":
            a, m, v = rest.split(" ")
            out.append(("axis", (a, m, float(v))))
        elif kind == "category":
            c, n, neg = rest.split(" ")
            out.append(("category", (c, int(n), int(neg))))
        elif kind == "hit":
            field, start, end, pole, weight, pattern = rest.split(" ", 5)
            out.append(("hit", (field, int(start), int(end), int(pole), float(weight), pattern)))
        else:
            check(False, "score-text printed an unknown line: " + line)
    return out


def header_version(source):
    text = open(os.path.join(source, "engine", "slant.h"), encoding="utf-8").read()
    parts = [re.search(r"#define SLANT_VERSION_%s (\d+)" % p, text).group(1)
             for p in ("MAJOR", "MINOR", "MICRO")]
    so = re.search(r"#define SLANT_SOVERSION (\d+)", text).group(1)
    return ".".join(parts), so


def sanitizer_flags(args):
    return ["-fsanitize=address,undefined"] if args.sanitize else []


# ---- the tests ------------------------------------------------------------

def test_library(args, tmp):
    inst = Install(args, tmp)
    version, so = header_version(args.source)
    # the files of DESIGN.md §9
    for rel in ("bin/slant", "include/slant.h", "share/slant/" + LEXICON,
                "share/slant/lexicons/us-japan-alliance.md",
                "share/slant/lexicons/news-bias-markers.json",
                "share/slant/lexicons/news-bias-markers.md",
                "share/slant/corpora/us-japan-cyber-2019",
                "share/slant/schemas/report.schema.json",
                "share/slant/schemas/score.schema.json",
                "share/man/man1/slant.1", "share/man/man1/slant-compare.1"):
        check(os.path.exists(os.path.join(inst.root, rel)), "installed: " + rel)
    real = os.path.join(inst.libdir, "libslant.so.%s" % version)
    check(os.path.isfile(real) and not os.path.islink(real), "installed: libslant.so." + version)
    check(os.readlink(os.path.join(inst.libdir, "libslant.so.%s" % so)) == "libslant.so." + version,
          "libslant.so.%s links to libslant.so.%s" % (so, version))
    check(os.readlink(os.path.join(inst.libdir, "libslant.so")) == "libslant.so.%s" % so,
          "libslant.so links to libslant.so.%s" % so)
    check(os.path.isfile(os.path.join(inst.libdir, "libslant.a")), "installed: libslant.a")
    check(inst.pkg_config("--modversion", "slant") == version, "pkg-config --modversion slant")
    pkgdata = inst.pkg_config("--variable=pkgdatadir", "slant")
    check(os.path.samefile(pkgdata, inst.data), "pkg-config --variable=pkgdatadir slant")

    want = expected_lines(score_json(inst.bin, inst.lexicon, TITLE, TEXT, tmp))
    check({f[3] for k, f in want if k == "hit"} == {-1, 0, 1},
          "the text has hits at both poles and in categories")
    src = os.path.join(args.source, "tests", "install", "score-text.c")
    cc = shlex.split(args.cc)
    cflags = shlex.split(inst.pkg_config("--cflags", "slant"))
    builds = {
        "shared": shlex.split(inst.pkg_config("--libs", "slant")) +
                  ["-Wl,-rpath," + inst.pkg_config("--variable=libdir", "slant")],
        # libslant.a by name (beside the .so, -lslant would take the .so)
        "static": [os.path.join(inst.libdir, "libslant.a")] +
                  [f for f in shlex.split(inst.pkg_config("--static", "--libs", "slant"))
                   if f != "-lslant"],
    }
    for kind, libs in builds.items():
        exe = os.path.join(tmp, "score-text-" + kind)
        p = run(cc + ["-std=c11", "-Wall", "-Wextra", "-Werror", "-o", exe, src] + cflags + libs +
                sanitizer_flags(args))
        check(p.returncode == 0, "%s build of score-text: %s" % (kind, p.stderr.decode()))
        if p.returncode != 0:
            continue
        p = run([exe, inst.lexicon, TITLE, TEXT], cwd=tmp, env=clean_env())
        check(p.returncode == 0, "%s score-text runs: %s" % (kind, p.stderr.decode()))
        got = parse_score_text(p.stdout.decode(), version)
        check(got == want, "%s score-text's numbers are slant score's:\n got  %s\n want %s"
              % (kind, got, want))
        linked = run(["ldd", exe]).stdout.decode()
        check(("libslant.so" in linked) == (kind == "shared"),
              "%s score-text links libslant.so %s" % (kind, "dynamically" if kind == "shared"
                                                       else "not at all"))
    # an error goes through GError with its place
    broken = os.path.join(tmp, "broken.json")
    with open(broken, "w") as f:
        f.write('{"lexicon": "x",\n  "version": 1}\n')
    p = run([os.path.join(tmp, "score-text-shared"), broken, "", "text"], env=clean_env())
    check(p.returncode == 1 and p.stderr.decode().startswith("score-text: " + broken + ":2:"),
          "score-text reports a broken lexicon with its place: %r" % p.stderr.decode())


def test_ctypes(args, tmp):
    inst = Install(args, tmp)
    lib = os.path.join(inst.libdir, "libslant.so.%s" % header_version(args.source)[1])
    env = clean_env()
    if args.sanitize:
        # the sanitizer runtime must come first: Python itself is not built with it
        runtime = run(shlex.split(args.cc) + ["-print-file-name=libasan.so"]).stdout.decode().strip()
        env["LD_PRELOAD"] = runtime
        env["ASAN_OPTIONS"] = "detect_leaks=0"  # Python's own allocations
    p = run([args.python, os.path.join(args.source, "tests", "install", "test-ctypes.py"),
             "--lib", lib, "--slant", inst.bin, "--data", inst.data, "--source", args.source,
             "--title", TITLE, "--text", TEXT], env=env, cwd=tmp, stdout=None, stderr=None)
    check(p.returncode == 0, "tests/install/test-ctypes.py passes")


def test_exports(args, tmp):
    inst = Install(args, tmp)
    version, so = header_version(args.source)
    lib = os.path.join(inst.libdir, "libslant.so")
    p = run(["nm", "-D", "--defined-only", lib])
    check(p.returncode == 0, "nm -D runs")
    exported = set()
    for line in p.stdout.decode().splitlines():
        parts = line.split()
        if len(parts) == 3:
            exported.add(parts[2])
    header = open(os.path.join(args.source, "engine", "slant.h"), encoding="utf-8").read()
    declared = set(re.findall(r"^SLANT_EXPORT [^(]*?\b(\w+)\(", header, re.M))
    stray = sorted(s for s in exported if not s.startswith("slant_"))
    check(not stray, "libslant.so exports only slant_ symbols, not %s" % stray)
    check(exported == declared, "libslant.so exports slant.h's functions: extra %s, missing %s"
          % (sorted(exported - declared), sorted(declared - exported)))
    check(len(declared) > 40, "slant.h declares its functions (%d found)" % len(declared))
    p = run(["readelf", "-d", lib])
    m = re.search(r"\(SONAME\)\s+Library soname: \[(.*?)\]", p.stdout.decode())
    check(m is not None and m.group(1) == "libslant.so." + so,
          "SONAME libslant.so.%s: %s" % (so, m.group(1) if m else None))


def reference_report(args):
    """The bundled report of the build-tree binary, reading the source tree."""
    p = run([args.slant, "compare"], cwd=args.source, env=clean_env(SLANT_DATA_DIR=args.source))
    if p.returncode != 0:
        raise SystemExit("the build's slant compare failed: " + p.stderr.decode())
    return p.stdout


def commands(slant):
    """Every man page `slant --help` calls for: slant, slant-CMD, slant-lexicon-SUB."""
    def listed(args, header):
        text = run([slant] + args + ["--help"]).stdout.decode()
        names, inside = [], False
        for line in text.splitlines():
            if line == header:
                inside = True
            elif inside and re.match(r"^  [a-z]", line):
                names.append(line.split()[0])
            elif inside:
                break
        return names
    pages = ["slant"]
    for c in listed([], "commands:"):
        pages.append("slant-" + c)
        if c == "lexicon":
            pages += ["slant-lexicon-" + s for s in listed(["lexicon"], "subcommands:")]
    return pages


def check_man(man_dir, pages, what):
    check(len(pages) > 10, "%s: pages for every command (%d)" % (what, len(pages)))
    for page in pages:
        path = os.path.join(man_dir, page + ".1")
        if not os.path.exists(path):
            check(False, "%s: %s.1 exists" % (what, page))
            continue
        p = run(["man", "--warnings", "-l", path],
                env=clean_env(MANPAGER="cat", PAGER="cat", MANWIDTH="80", LC_ALL="C.UTF-8"))
        out = p.stdout.decode()
        check(p.returncode == 0 and "NAME" in out and "--help" in out,
              "%s: man -l %s.1 reads (%d)" % (what, page, p.returncode))
        check(p.stderr == b"", "%s: man -l %s.1 without warnings: %s"
              % (what, page, p.stderr.decode()))
    p = run(["man", "-l", os.path.join(man_dir, "slant-compare.1")],
            env=clean_env(MANPAGER="cat", PAGER="cat", LC_ALL="C.UTF-8"))
    check("--bootstrap" in p.stdout.decode(), "%s: slant-compare(1) lists --bootstrap" % what)


def test_binary(args, tmp):
    inst = Install(args, tmp)
    version, _ = header_version(args.source)
    want = reference_report(args)
    away = os.path.join(tmp, "elsewhere")
    os.mkdir(away)
    p = run([inst.bin, "compare"], cwd=away, env=clean_env())
    check(p.returncode == 0 and p.stderr == b"", "the installed slant compare runs: %s"
          % p.stderr.decode())
    check(p.stdout == want, "the installed slant compare prints the bundled report")
    p = run([inst.bin, "lexicon", "check"], cwd=away, env=clean_env())
    check(p.returncode == 0 and b"us-japan-alliance" in p.stdout,
          "the installed slant lexicon check finds the bundled lexicon")
    p = run([inst.bin, "--version"], env=clean_env())
    lines = p.stdout.decode().splitlines()
    check(len(lines) == 2 and lines[0] == "slant %s" % version and
          lines[1].startswith("gzip: ") and "; zstd: " in lines[1],
          "slant --version: the version, then the decompressors: %r" % p.stdout)
    # the build-tree binary reads the source tree, wherever it runs
    p = run([args.slant, "compare"], cwd=away, env=clean_env())
    check(p.returncode == 0 and p.stdout == want, "the build's slant compare reads the source tree")
    check_man(os.path.join(inst.root, "share", "man", "man1"), commands(inst.bin), "install")


def test_deb(args, tmp):
    out = os.path.join(tmp, "out")
    p = run(["cpack", "-G", "DEB", "--config", os.path.join(args.build, "CPackConfig.cmake"),
             "-B", out], cwd=tmp, env=clean_env())
    check(p.returncode == 0, "cpack -G DEB: %s%s" % (p.stdout.decode()[-2000:], p.stderr.decode()))
    debs = [f for f in os.listdir(out) if f.endswith(".deb")] if os.path.isdir(out) else []
    check(len(debs) == 1, "cpack made one .deb: %s" % debs)
    if len(debs) != 1:
        return
    deb = os.path.join(out, debs[0])
    version, so = header_version(args.source)
    fields = {}
    for field in ("Package", "Version", "Architecture", "Depends"):
        fields[field] = run(["dpkg-deb", "-f", deb, field]).stdout.decode().strip()
    check(fields["Package"] == "slant" and fields["Version"] == version,
          "the package is slant %s: %s" % (version, fields))
    for dep in ("libglib2.0-0", "libcjson1", "libstemmer0d", "libc6"):
        check(re.search(r"(^|, )%s\b" % re.escape(dep), fields["Depends"]) is not None,
              "the package depends on %s: %s" % (dep, fields["Depends"]))
    listing = run(["dpkg", "-c", deb]).stdout.decode()
    paths = set()
    for line in listing.splitlines():
        # mode owner size date time path [-> target]
        path = line.split(None, 5)[5].split(" -> ")[0]
        paths.add(path.rstrip("/"))
    for want in ["./usr/bin/slant", "./usr/include/slant.h", "./usr/lib/libslant.a",
                 "./usr/lib/libslant.so", "./usr/lib/libslant.so." + so,
                 "./usr/lib/libslant.so." + version, "./usr/lib/pkgconfig/slant.pc",
                 "./usr/share/slant/" + LEXICON, "./usr/share/slant/lexicons/us-japan-alliance.md",
                 "./usr/share/slant/lexicons/news-bias-markers.json",
                 "./usr/share/slant/lexicons/news-bias-markers.md",
                 "./usr/share/slant/corpora/us-japan-cyber-2019/Sankei News",
                 "./usr/share/slant/schemas/report.schema.json",
                 "./usr/share/slant/schemas/score.schema.json"] + \
            ["./usr/share/man/man1/%s.1" % page for page in commands(args.slant)]:
        check(want in paths, "dpkg -c lists " + want)
    root = os.path.join(tmp, "root")
    p = run(["dpkg-deb", "-x", deb, root])
    check(p.returncode == 0, "dpkg-deb -x: " + p.stderr.decode())
    away = os.path.join(tmp, "elsewhere")
    os.mkdir(away)
    p = run([os.path.join(root, "usr", "bin", "slant"), "compare"], cwd=away, env=clean_env())
    check(p.returncode == 0 and p.stdout == reference_report(args),
          "the package's slant compare prints the bundled report: %s" % p.stderr.decode())
    check_man(os.path.join(root, "usr", "share", "man", "man1"), commands(args.slant), "deb")


TESTS = {"library": test_library, "ctypes": test_ctypes, "exports": test_exports,
         "binary": test_binary, "deb": test_deb}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--test", required=True, choices=sorted(TESTS))
    ap.add_argument("--build", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--slant", required=True)
    ap.add_argument("--prefix", required=True)
    ap.add_argument("--cc", required=True)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--sanitize", action="store_true")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    args.source = os.path.abspath(args.source)
    args.slant = os.path.abspath(args.slant)
    with tempfile.TemporaryDirectory(prefix="slant-install-") as tmp:
        TESTS[args.test](args, tmp)
    print("%d passed, %d failed" % (passes, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
