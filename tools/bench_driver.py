#!/usr/bin/python3
"""tools/bench_driver.py: the measurements of tools/bench (run tools/bench, which sets up and builds first).

Measures, on the news corpus (1x, and the same concatenated 4x with ids made
unique per copy) and with four lexicons (bundled, AFINN-165 imported as exact
forms, a generated 10,000-entry stress lexicon, and the news-bias markers:
categories, and an axis made from them):

  floor            tools/bench-floor.c: decode + tokenize + cached lookup (cc -O2)
  python           tools/bench_baseline.py: the same scoring in plain Python
                   (not for the news-bias markers, whose axis it cannot make)
  score -j 1/-j N  slant score: per-document scores only (the pipeline)
  compare -j 1/-j N  slant compare with default options (pipeline + the
                   report: bootstrap, the pair design the groups call for
                   (each group against the rest above 40 groups), drivers);
                   the report's size and design are printed
  .gz / .zst       score -j N (and compare -j N, bundled lexicon) on the 1x
                   corpus gzipped and zstd-compressed (zstd -3); .gz through
                   the build's inflater (ISA-L's igzip) and, when a zlib
                   build is given (tools/bench makes build-zlib/, SLANT_ISAL=OFF),
                   through zlib

N is the number of cores (nproc). Each command runs --runs times (rounds:
every command once per round, so a change in the machine's load spreads over
all of them); the table gives medians of wall time and peak RSS (GNU
time's %M). MB/s counts the UTF-8 bytes of the records' "text"
fields (titles left out; slant and the Python baseline also read titles,
0.1% more). tokens/s uses each program's own token count (slant: the
report's summary.tokens or the sum of score's "tokens").

A command whose first run takes longer than --budget / --runs seconds is run
only as often as fits the budget, but at least 3 times (1 with --quick);
--budget 0 runs everything --runs times. `others` is the CPU time other
processes used during a run (from /proc/stat), in cores: more than ~0.2
means the timings are disturbed.

The CPUs of a virtual machine need not be equally fast (the host may give
one vCPU less time than another). So the run starts by timing the floor
(bundled lexicon, 1x corpus) pinned to each CPU of the affinity mask,
--runs times each (the "cores" section), and pins every single-threaded
command (floor, python, -j 1) to the fastest CPU, so that their ratios
compare like with like; -j N runs are not pinned. The ceiling of
-j N / -j 1 is the sum of the CPUs' speeds relative to the fastest (of the
N fastest CPUs): what -j N / -j 1 could reach at most if -j 1 runs on the
fastest CPU and -j N uses the CPUs perfectly. Without sched_setaffinity,
with one CPU, or if pinning fails, nothing is pinned and no ceiling is given.
"""
import argparse
import datetime
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MIB = 1024 * 1024


def log(*a):
    print("bench:", *a, file=sys.stderr, flush=True)


def die(msg):
    log("error:", msg)
    sys.exit(1)


# ---------------------------------------------------------------- machine

def machine_info():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    return {
        "nproc": int(subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip() or os.cpu_count()),
        "cpu_model": model,
        "kernel": platform.release(),
        "os": platform.platform(),
        "memory_bytes": mem,
        "python": platform.python_version(),
    }


def cpu_busy():
    """(busy, steal) seconds of the whole machine so far, from /proc/stat."""
    with open("/proc/stat") as f:
        v = [int(x) for x in f.readline().split()[1:]]
    hz = os.sysconf("SC_CLK_TCK")
    idle = v[3] + (v[4] if len(v) > 4 else 0)
    steal = v[7] if len(v) > 7 else 0
    return (sum(v[:8]) - idle - steal) / hz, steal / hz


# ---------------------------------------------------------------- inputs

ID_RE = re.compile(rb'"id"\s*:\s*"((?:[^"\\]|\\.)*)"')


def prepare_corpus(src, work):
    """1x plain, 1x gz, 4x plain in WORK; return their paths and text bytes."""
    plain = os.path.join(work, "news-1x.jsonl")
    gz = os.path.join(work, "news-1x.jsonl.gz")
    x4 = os.path.join(work, "news-4x.jsonl")
    if src.endswith(".gz"):
        log("decompressing", src)
        with gzip.open(src, "rb") as i, open(plain, "wb") as o:
            shutil.copyfileobj(i, o, 1 << 20)
        shutil.copyfile(src, gz)
    else:
        shutil.copyfile(src, plain)
        log("compressing", src)
        with open(plain, "rb") as i, gzip.open(gz, "wb", compresslevel=6) as o:
            shutil.copyfileobj(i, o, 1 << 20)
    zst = os.path.join(work, "news-1x.jsonl.zst")
    log("compressing with zstd -3")
    subprocess.run(["zstd", "-q", "-3", "-f", plain, "-o", zst], check=True)
    log("counting text bytes and writing the 4x corpus (ids get ~2, ~3, ~4 in copies 2-4)")
    with open(plain, "rb") as f:
        lines = [l for l in f.read().split(b"\n") if l.strip()]
    text_bytes = title_bytes = 0
    rewritten = []  # per line: (before, after) the id's end, or None to re-encode
    objs = {}
    for n, line in enumerate(lines):
        o = json.loads(line)
        text_bytes += len(o["text"].encode("utf-8"))
        title_bytes += len((o.get("title") or "").encode("utf-8"))
        m = ID_RE.search(line)
        if m and json.loads(b'"' + m.group(1) + b'"') == o["id"]:
            rewritten.append((line[: m.end(1)], line[m.end(1):]))
        else:  # the first "id" key is not the record's: re-encode this one
            rewritten.append(None)
            objs[n] = o
    with open(x4, "wb") as out:
        for copy in range(1, 5):
            for n, line in enumerate(lines):
                if copy == 1:
                    out.write(line + b"\n")
                elif rewritten[n] is not None:
                    a, b = rewritten[n]
                    out.write(a + b"~%d" % copy + b + b"\n")
                else:
                    o = dict(objs[n])
                    o["id"] = "%s~%d" % (o["id"], copy)
                    out.write(json.dumps(o, ensure_ascii=False).encode("utf-8") + b"\n")
    return {
        "1x": {"path": plain, "text_bytes": text_bytes, "title_bytes": title_bytes,
               "file_bytes": os.path.getsize(plain), "documents": len(lines)},
        "1x.gz": {"path": gz, "text_bytes": text_bytes, "title_bytes": title_bytes,
                  "file_bytes": os.path.getsize(gz), "documents": len(lines)},
        "1x.zst": {"path": zst, "text_bytes": text_bytes, "title_bytes": title_bytes,
                   "file_bytes": os.path.getsize(zst), "documents": len(lines)},
        "4x": {"path": x4, "text_bytes": 4 * text_bytes, "title_bytes": 4 * title_bytes,
               "file_bytes": os.path.getsize(x4), "documents": 4 * len(lines)},
    }


WORD_RE = re.compile(r"^\w+(?:['’]\w+)*$")


def floor_words(lexicon, out):
    """The lexicon's single-word patterns for bench-floor: S/E/P word."""
    with open(lexicon, encoding="utf-8") as f:
        lex = json.load(f)
    n = 0
    with open(out, "w", encoding="utf-8") as o:
        for e in lex["entries"]:
            p = e["pattern"]
            kind = "S"
            if p.startswith("="):
                kind, p = "E", p[1:]
            elif p.endswith("*"):
                kind, p = "P", p[:-1]
            if not WORD_RE.match(p):  # phrases and hyphenated words: not in the floor
                continue
            o.write("%s %s\n" % (kind, p.lower().replace("’", "'")))
            n += 1
    return n


# ---------------------------------------------------------------- running

def run_once(argv, stdout_path, cpu=None):
    """Run ARGV; return wall s, user s, sys s, peak RSS bytes, others' cores, steal.

    CPU: pin the command (GNU time and its child, which inherits the mask) to
    that CPU; None: the mask of this process.

    Peak RSS comes from GNU time (%M), which forks the command from its own
    small process: wait4 here would count this big Python process, whose
    pages a forked child holds until it execs."""
    tfile = stdout_path + ".time"
    b0, s0 = cpu_busy()
    with open(stdout_path, "wb") as out:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", tfile] + argv, stdout=out,
                           stderr=subprocess.PIPE,
                           preexec_fn=None if cpu is None else (lambda: os.sched_setaffinity(0, {cpu})))
        wall = time.perf_counter() - t0
    b1, s1 = cpu_busy()
    if p.returncode != 0:
        die("%s exited with %d:\n%s" % (" ".join(argv), p.returncode,
                                          p.stderr.decode("utf-8", "replace")[-2000:]))
    with open(tfile) as f:
        _, user, sys_, rss_kib = f.read().split("\n")[-2].split()
    os.remove(tfile)
    cpu = float(user) + float(sys_)
    others = max(0.0, (b1 - b0) - cpu) / wall if wall > 0 else 0.0
    return {"wall_s": round(wall, 4), "user_s": float(user), "sys_s": float(sys_),
            "rss_bytes": int(rss_kib) * 1024, "others_cores": round(others, 2),
            "steal_s": round(s1 - s0, 2)}


def slant_counts(kind, path):
    """tokens and axis hits from one slant output."""
    tokens = hits = 0
    if kind == "compare":
        with open(path, encoding="utf-8") as f:
            r = json.load(f)
        tokens = r["summary"]["tokens"]
        for s in r["sources"]:
            for ax in s["axes"].values():
                hits += ax["hits"]["total"]
        d = r["meta"].get("design") or {}
        return tokens, hits, {"report_bytes": os.path.getsize(path), "pairs": d.get("pairs"),
                              "comparisons": d.get("comparisons"), "reason": d.get("reason")}
    else:
        with open(path, encoding="utf-8") as f:
            for line in f:
                d = json.loads(line)
                tokens += d["tokens"]
                for ax in d["axes"].values():
                    hits += ax["hits_positive"] + ax["hits_negative"]
    return tokens, hits, None


def measure_cores(floor, corpus, words, runs, nproc, out_dir):
    """Time the floor pinned to each CPU of this process's affinity mask.

    Returns the "cores" record: per CPU the median wall time and the speed
    relative to the fastest, the CPU to pin single-threaded runs to
    ("pinned_cpu", None if there is no pinning, with "note" saying why),
    and the ceiling of -j NPROC / -j 1."""
    cores = {"pinned_cpu": None, "note": "", "cpus": [], "runs_per_cpu": runs,
             "ceiling": None, "ceiling_threads": None,
             "measured_with": "floor (C), bundled lexicon's single words, 1x corpus"}
    if not (hasattr(os, "sched_getaffinity") and hasattr(os, "sched_setaffinity")):
        cores["note"] = "sched_setaffinity is not available: single-threaded runs not pinned"
        return cores
    cpus = sorted(os.sched_getaffinity(0))
    cores["affinity"] = cpus
    if len(cpus) < 2:
        cores["note"] = "one CPU (%s): single-threaded runs not pinned" % ",".join(map(str, cpus))
        return cores
    log("timing the floor on each CPU (%s), %d run%s each" % (",".join(map(str, cpus)), runs, "" if runs == 1 else "s"))
    times = {c: [] for c in cpus}
    stdout = os.path.join(out_dir, "cores-floor.out")
    try:
        for r in range(1, runs + 1):
            for c in cpus:  # rounds, like the commands: a change in load spreads over all CPUs
                res = run_once([floor, corpus, words], stdout, cpu=c)
                times[c].append(res)
                log("cores %d/%d  floor on CPU %-3d %7.2f s  others %.2f" % (r, runs, c, res["wall_s"], res["others_cores"]))
    except (OSError, subprocess.SubprocessError) as e:
        cores["note"] = "pinning failed (%s): single-threaded runs not pinned" % e
        log(cores["note"])
        return cores
    med = {c: statistics.median(x["wall_s"] for x in times[c]) for c in cpus}
    fastest = min(cpus, key=lambda c: (med[c], c))
    tf = med[fastest]
    for c in cpus:
        cores["cpus"].append({"cpu": c, "floor_median_s": round(med[c], 4), "speed": round(tf / med[c], 3),
                              "others_cores": round(statistics.median(x["others_cores"] for x in times[c]), 2),
                              "runs": times[c]})
    # -j N at best keeps the N fastest CPUs busy (all of them when N >= their number)
    n = max(1, min(nproc, len(cpus)))
    speeds = sorted((tf / med[c] for c in cpus), reverse=True)
    cores["pinned_cpu"] = fastest
    cores["ceiling"] = round(sum(speeds[:n]), 3)
    cores["ceiling_threads"] = nproc
    cores["note"] = "single-threaded runs (floor, python, -j 1) pinned to CPU %d, the fastest; -j N not pinned" % fastest
    return cores


def main():
    ap = argparse.ArgumentParser(prog="tools/bench", description="slant's benchmark suite (tools/bench sets up and builds, then runs this).",
                                 epilog=__doc__.split("\n\n", 1)[1], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                    help=argparse.SUPPRESS)
    ap.add_argument("--corpus", default=os.environ.get("SLANT_BENCH_CORPUS"),
                    help="JSON Lines corpus, .jsonl or .jsonl.gz (env SLANT_BENCH_CORPUS; "
                         "default REPO/../shared/bench/news-sample.jsonl.gz)")
    ap.add_argument("--afinn", default=os.environ.get("SLANT_BENCH_AFINN"),
                    help="AFINN term<TAB>weight list (env SLANT_BENCH_AFINN; "
                         "default REPO/../shared/bench/AFINN-en-165.txt)")
    ap.add_argument("--runs", type=int, default=None, help="runs per command (default 5; --quick: 3)")
    ap.add_argument("--budget", type=float, default=None,
                    help="seconds per command before its runs are cut (default 60; --quick: 20; 0: no cut)")
    ap.add_argument("--quick", action="store_true", help="1x corpus only, 3 runs, 20 s budget")
    ap.add_argument("--workdir", help="work directory (default: a new one under $TMPDIR or /tmp)")
    ap.add_argument("--json", help="results file (default WORKDIR/bench-results.json)")
    ap.add_argument("--keep", action="store_true", help="keep the prepared inputs and outputs in the work dir")
    ap.add_argument("--zlib-slant", help="a slant built with SLANT_ISAL=OFF: .gz through zlib too "
                                         "(tools/bench builds build-zlib/ and passes it)")
    a = ap.parse_args()
    runs = a.runs if a.runs is not None else (3 if a.quick else 5)
    budget = a.budget if a.budget is not None else (20.0 if a.quick else 60.0)
    min_runs = min(runs, 1 if a.quick else 3)
    if runs < 1:
        die("--runs must be at least 1")

    repo = os.path.abspath(a.repo)
    shared = os.path.join(os.path.dirname(repo), "shared", "bench")
    corpus = os.path.abspath(a.corpus or os.path.join(shared, "news-sample.jsonl.gz"))
    afinn = os.path.abspath(a.afinn or os.path.join(shared, "AFINN-en-165.txt"))
    for p in (corpus, afinn):
        if not os.path.isfile(p):
            die("missing input %s (--corpus, --afinn)" % p)
    work = os.path.abspath(a.workdir) if a.workdir else tempfile.mkdtemp(prefix="slant-bench.")
    os.makedirs(work, exist_ok=True)
    results_path = os.path.abspath(a.json) if a.json else os.path.join(work, "bench-results.json")
    t_start = time.time()
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    load_start = os.getloadavg()
    machine = machine_info()
    nproc = machine["nproc"]
    log("work dir", work)

    # A snapshot of the binary: the build dir may be rebuilt while we run.
    built = os.path.join(repo, "build", "slant")
    slant = os.path.join(work, "slant")
    shutil.copy2(built, slant)
    version = subprocess.run([slant, "--version"], capture_output=True, text=True).stdout.strip()
    slant_zlib = None
    if a.zlib_slant:
        slant_zlib = os.path.join(work, "slant-zlib")
        shutil.copy2(a.zlib_slant, slant_zlib)
        if "isa-l" not in version:
            slant_zlib = None  # the build itself inflates with zlib: nothing to compare
    git = subprocess.run(["git", "-C", repo, "describe", "--always", "--dirty"], capture_output=True, text=True)
    floor = os.path.join(work, "bench-floor")
    cc = os.environ.get("CC", "cc")
    subprocess.run([cc, "-O2", "-o", floor, os.path.join(repo, "tools", "bench-floor.c"), "-lstemmer"], check=True)
    python = "/usr/bin/python3"
    baseline = os.path.join(repo, "tools", "bench_baseline.py")

    inputs = prepare_corpus(corpus, work)
    sizes = ["1x"] if a.quick else ["1x", "4x"]

    lexicons = {}
    # a copy, like the binary: the working tree may change while we run
    lexicons["bundled"] = os.path.join(work, "us-japan-alliance.json")
    shutil.copyfile(os.path.join(repo, "lexicons", "us-japan-alliance.json"), lexicons["bundled"])
    lexicons["afinn"] = os.path.join(work, "afinn.json")
    log("importing", afinn)
    subprocess.run([slant, "lexicon", "import", afinn, "-o", lexicons["afinn"]], check=True,
                   stderr=subprocess.DEVNULL)
    lexicons["stress"] = os.path.join(work, "stress.json")
    log("generating the stress lexicon")
    subprocess.run([python, os.path.join(repo, "tools", "bench_stress_lexicon.py"), "--corpus", inputs["1x"]["path"],
                    "--seed", "1", "--entries", "10000", "-o", lexicons["stress"]], check=True)
    lexicons["bias"] = os.path.join(work, "news-bias-markers.json")
    shutil.copyfile(os.path.join(repo, "lexicons", "news-bias-markers.json"), lexicons["bias"])
    lexinfo = {}
    for name, path in lexicons.items():
        with open(path, encoding="utf-8") as f:
            n = len(json.load(f)["entries"])
        words = os.path.join(work, "floor-words-%s.txt" % name)
        lexinfo[name] = {"path": path, "bytes": os.path.getsize(path), "entries": n,
                         "floor_words": floor_words(path, words), "words_file": words}

    out_dir = os.path.join(work, "out")
    os.makedirs(out_dir, exist_ok=True)

    # ---- the speed of each CPU; the CPU for single-threaded runs
    cores = measure_cores(floor, inputs["1x"]["path"], lexinfo["bundled"]["words_file"], runs, nproc, out_dir)
    pin = cores["pinned_cpu"]
    ceiling = cores["ceiling"]
    if pin is None:
        log(cores["note"])

    # ---- the commands
    ms = []

    def add(lex, size, kind, threads, argv, label):
        mid = "%s/%s/%s%s" % (lex, size, kind, "" if threads is None else "-j%d" % threads)
        cpu = pin if threads is None or threads == 1 else None  # single-threaded: on the fastest CPU
        ms.append({"id": mid, "lexicon": lex, "input": size, "kind": kind, "threads": threads, "label": label,
                   "cpu": cpu, "argv": argv, "stdout": os.path.join(out_dir, mid.replace("/", "_") + ".out"),
                   "runs": []})

    for lex in lexicons:
        L = lexicons[lex]
        for size in sizes:
            inp = inputs[size]["path"]
            add(lex, size, "floor", None, [floor, inp, lexinfo[lex]["words_file"]], "floor (C)")
            if size == "1x" and lex != "bias":
                add(lex, size, "python", None, [python, baseline, "--lexicon", L, inp], "python baseline")
            for kind in ("score", "compare"):
                for j in (1, nproc):
                    if kind == "compare" and size == "4x" and j != 1:
                        continue  # the report dominates: -j N at 4x says nothing new
                    add(lex, size, kind, j, [slant, kind, "-l", L, "-j", str(j), inp,
                                             "-o", os.path.join(out_dir, "%s-%s-%s-j%d.json" % (lex, size, kind, j))],
                        "slant %s -j %d" % (kind, j))
                if size == "1x" and (kind == "score" or lex == "bundled"):
                    packed = [("1x.gz", slant, ""), ("1x.zst", slant, "")]
                    if slant_zlib is not None and lex == "bundled":
                        packed.append(("1x.gz", slant_zlib, "zlib"))
                    for packing, binary, via in packed:
                        name = packing + ("-" + via if via else "")
                        add(lex, name, kind, nproc,
                            [binary, kind, "-l", L, "-j", str(nproc), inputs[packing]["path"],
                             "-o", os.path.join(out_dir, "%s-%s-%s-j%d.json" % (lex, name, kind, nproc))],
                            "slant %s -j %d%s" % (kind, nproc, " (zlib)" if via else ""))

    # ---- rounds
    allowed = {}
    for r in range(1, runs + 1):
        for m in ms:
            if allowed.get(m["id"], runs) < r:
                continue
            res = run_once(m["argv"], m["stdout"], cpu=m["cpu"])
            m["runs"].append(res)
            if r == 1:
                if budget > 0 and res["wall_s"] * runs > budget:
                    allowed[m["id"]] = max(min_runs, min(runs, int(budget // max(res["wall_s"], 1e-9))))
                # counts from the first run
                if m["kind"] in ("floor", "python"):
                    with open(m["stdout"]) as f:
                        d = json.loads(f.read())
                    m["tokens"], m["hits"] = d["tokens"], d["hits"]
                    m["program_output"] = d
                else:
                    out = m["argv"][m["argv"].index("-o") + 1]
                    m["tokens"], m["hits"], report = slant_counts(m["kind"], out)
                    if report is not None:
                        m["report"] = report
            log("round %d/%d  %-34s %7.2f s  %7.1f MiB  others %.2f" % (
                r, runs, m["id"], res["wall_s"], res["rss_bytes"] / MIB, res["others_cores"]))

    # ---- medians
    for m in ms:
        inp = inputs[m["input"].replace("-zlib", "")]
        w = statistics.median(x["wall_s"] for x in m["runs"])
        m["median"] = {
            "wall_s": round(w, 4),
            "cpu_s": round(statistics.median(x["user_s"] + x["sys_s"] for x in m["runs"]), 3),
            "rss_bytes": int(statistics.median(x["rss_bytes"] for x in m["runs"])),
            "others_cores": round(statistics.median(x["others_cores"] for x in m["runs"]), 2),
        }
        m["text_bytes"] = inp["text_bytes"]
        m["mb_per_s"] = round(inp["text_bytes"] / 1e6 / w, 2)
        m["tokens_per_s"] = round(m["tokens"] / w)
        m["ns_per_token"] = round(w * 1e9 / m["tokens"], 1) if m["tokens"] else None
        m["n_runs"] = len(m["runs"])

    byid = {m["id"]: m for m in ms}

    def wall(mid):
        return byid[mid]["median"]["wall_s"] if mid in byid else None

    ratios = []

    def ratio(lex, name, value, op, target, note="", ceiling=None):
        if value is None:
            return
        ok = value >= target if op == ">=" else value <= target
        r = {"lexicon": lex, "name": name, "value": round(value, 3), "op": op, "target": target,
             "pass": ok, "note": note}
        if ceiling is not None:  # what the CPUs allow at most (see "cores")
            r["ceiling"] = ceiling
            r["of_ceiling"] = round(value / ceiling, 3)
        ratios.append(r)

    J = "-j %d" % nproc
    # the targets: score -j 1 at 0.8 of the floor, compare -j 1 (default
    # options) at 0.6, -j N at 1.8 x -j 1 where the CPUs allow it, .gz and .zst
    # within 10% of plain at -j N, a default report under 5 MB
    floor_target = {"score": 0.8, "compare": 0.6}
    for lex in lexicons:
        limit = 48 * MIB + lexinfo[lex]["bytes"]
        for kind in ("compare", "score"):
            k = "%s/1x/%s" % (lex, kind)
            f, py = wall("%s/1x/floor" % lex), wall("%s/1x/python" % lex)
            j1, jn = wall(k + "-j1"), wall(k + "-j%d" % nproc)
            ratio(lex, "%s -j 1 / floor (1x)" % kind, f / j1, ">=", floor_target[kind], "throughput")
            if "%s/4x/floor" % lex in byid:
                ratio(lex, "%s -j 1 / floor (4x)" % kind, wall("%s/4x/floor" % lex) / wall("%s/4x/%s-j1" % (lex, kind)),
                      ">=", floor_target[kind], "throughput")
            ratio(lex, "%s %s / -j 1 (1x)" % (kind, J), j1 / jn, ">=", 1.8, "speed-up", ceiling=ceiling)
            if py is not None:
                ratio(lex, "%s -j 1 / python (1x)" % kind, py / j1, ">=", 20, "throughput")
            for packing, what in (("1x.gz", ".gz"), ("1x.zst", ".zst"), ("1x.gz-zlib", ".gz (zlib)")):
                pid = "%s/%s/%s-j%d" % (lex, packing, kind, nproc)
                if pid in byid:
                    ratio(lex, "%s %s: %s / plain (1x)" % (kind, J, what), jn / wall(pid), ">=", 0.9,
                          "throughput" if "zlib" not in packing else "throughput; zlib is the fallback")
            if kind == "compare":
                rep = byid[k + "-j1"].get("report")
                if rep is not None:
                    ratio(lex, "compare report MB (1x, %s)" % rep["pairs"], rep["report_bytes"] / 1e6, "<=", 5,
                          "%s comparisons; %s" % (rep["comparisons"], rep["reason"]))
            rss = [(byid[mid]["median"]["rss_bytes"], mid) for mid in byid
                   if mid.startswith(lex + "/") and byid[mid]["kind"] == kind]
            worst = max(rss)
            ratio(lex, "%s peak RSS MiB, worst" % kind, worst[0] / MIB, "<=", round(limit / MIB, 2),
                  "48 MiB + lexicon %d KiB; worst is %s" % (lexinfo[lex]["bytes"] // 1024, worst[1]))
            a1, a4 = "%s/1x/%s-j1" % (lex, kind), "%s/4x/%s-j1" % (lex, kind)
            if a1 in byid and a4 in byid:
                ratio(lex, "%s -j 1 peak RSS 4x / 1x" % kind,
                      byid[a4]["median"]["rss_bytes"] / byid[a1]["median"]["rss_bytes"], "<=", 1.1,
                      "'the same': within 10%")

    load_end = os.getloadavg()
    elapsed = time.time() - t_start
    results = {
        "started": started,
        "elapsed_s": round(elapsed, 1),
        "commit": git.stdout.strip(),
        "slant_version": version,
        "machine": machine,
        "load_average": {"start": [round(x, 2) for x in load_start], "end": [round(x, 2) for x in load_end]},
        "options": {"runs": runs, "budget_s": budget, "min_runs": min_runs, "quick": a.quick, "threads": nproc,
                    "single_threaded_cpu": pin},
        "cores": cores,
        "corpus": {"source": corpus, **{k: {kk: vv for kk, vv in v.items() if kk != "path"} for k, v in inputs.items()}},
        "text_bytes_counted": "UTF-8 bytes of the 'text' fields; titles not counted",
        "lexicons": {k: {kk: vv for kk, vv in v.items() if kk not in ("words_file",)} for k, v in lexinfo.items()},
        "measurements": [{k: v for k, v in m.items() if k not in ("stdout",)} for m in ms],
        "ratios": ratios,
    }
    with open(results_path, "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")

    # ---- the table
    P = print
    P("slant benchmarks  %s  commit %s" % (started, results["commit"]))
    P("machine: %d cores (nproc), %s, Linux %s, %.1f GiB RAM; load average %s at start, %s at end"
      % (nproc, machine["cpu_model"], machine["kernel"], machine["memory_bytes"] / 2**30,
         "/".join("%.2f" % x for x in load_start), "/".join("%.2f" % x for x in load_end)))
    c1 = inputs["1x"]
    P("corpus: %s: %d documents, %.2f MB of text (the 'text' fields, UTF-8; titles %.2f MB more, not counted), "
      "%.2f MB JSONL, %.2f MB gz; 4x: the same 4 times, ids suffixed per copy"
      % (os.path.basename(corpus), c1["documents"], c1["text_bytes"] / 1e6, c1["title_bytes"] / 1e6,
         c1["file_bytes"] / 1e6, inputs["1x.gz"]["file_bytes"] / 1e6))
    P("slant: %s; zlib build: %s" % (version.replace("\n", "; "),
                                       "given" if slant_zlib else "none (--zlib-slant), or the build is zlib"))
    P("compressed: 1x .gz %.2f MB (as given or gzip -6), .zst %.2f MB (zstd -3)"
      % (inputs["1x.gz"]["file_bytes"] / 1e6, inputs["1x.zst"]["file_bytes"] / 1e6))
    P("lexicons: " + "; ".join("%s %d entries (%d KiB, %d single words in the floor)"
                               % (k, v["entries"], v["bytes"] // 1024, v["floor_words"]) for k, v in lexinfo.items()))
    P("pinning: %s" % cores["note"])
    if cores["cpus"]:
        P("cores: the floor (bundled lexicon, 1x) pinned to each CPU, median of %d run%s:"
          % (runs, "" if runs == 1 else "s"))
        for c in cores["cpus"]:
            P("  CPU %-3d %6.3f s  speed %.2f of the fastest%s%s" % (
                c["cpu"], c["floor_median_s"], c["speed"],
                "  (single-threaded runs pinned here)" if c["cpu"] == pin else "",
                "  others %.2f" % c["others_cores"] if c["others_cores"] > 0.2 else ""))
        P("  ceiling of -j %d / -j 1: %.2f (the speeds summed: -j 1 on CPU %d, -j %d on %s CPUs, perfectly parallel)"
          % (nproc, ceiling, pin, nproc,
             "all %d" % len(cores["cpus"]) if nproc >= len(cores["cpus"]) else "the %d fastest" % nproc))
    P("medians of %d runs (fewer where marked: a command over the %g s budget runs at least %d time%s); "
      "wall time, peak RSS of the process; score = per-document scores only, compare = default options "
      "(%s)" % (runs, budget, min_runs, "" if min_runs == 1 else "s",
                "bootstrap 1000, the design for the groups (report: MB and design), drivers"))
    P()
    hdr = "%-8s %-11s %-29s %4s %8s %8s %7s %7s %8s %9s %10s %6s  %s" % (
        "lexicon", "input", "command", "runs", "wall s", "MB/s", "Mtok/s", "ns/tok", "CPU s", "RSS MiB", "hits", "others",
        "report")
    P(hdr)
    P("-" * len(hdr))
    last = None
    for m in ms:
        if last is not None and m["lexicon"] != last:
            P()
        last = m["lexicon"]
        rep = m.get("report")
        P("%-8s %-11s %-29s %4s %8.2f %8.1f %7.2f %7.1f %8.2f %9.1f %10d %6.2f  %s" % (
            m["lexicon"], m["input"], m["label"], m["n_runs"], m["median"]["wall_s"], m["mb_per_s"],
            m["tokens_per_s"] / 1e6, m["ns_per_token"] or 0, m["median"]["cpu_s"], m["median"]["rss_bytes"] / MIB,
            m["hits"], m["median"]["others_cores"],
            "%.2f MB, %s (%d)" % (rep["report_bytes"] / 1e6, rep["pairs"], rep["comparisons"] or 0) if rep else ""))
    P()
    P("targets (from the issue: score -j 1 >= 0.8 x floor, compare -j 1 >= 0.6 x floor with default options, "
      "-j %d >= 1.8 x -j 1 where the CPUs allow it, .gz and .zst within 10%% of plain, report < 5 MB):" % nproc)

    def measured(r):
        v = r["value"]
        s = "%.0f" % v if v >= 100 else "%.3g" % v
        if r.get("ceiling") is not None:
            s += " (ceiling %.3g: %.0f%%)" % (r["ceiling"], 100 * r["of_ceiling"])
        return s

    mw = max([10] + [len(measured(r)) for r in ratios])
    fmt = "%-8s %-42s %" + str(mw) + "s %12s  %s"
    hdr = fmt % ("lexicon", "ratio", "measured", "target", "")
    P(hdr)
    P("-" * (len(hdr) + 6))
    last = None
    for r in ratios:
        if last is not None and r["lexicon"] != last:
            P()
        last = r["lexicon"]
        P(fmt % (r["lexicon"], r["name"], measured(r), "%s %g" % (r["op"], r["target"]),
                 "ok" if r["pass"] else "MISSED"))
    P()
    P("hits: axis hits after matching (floor: tokens that match a single-word pattern, categories included);")
    P("report: size of the compare -o file, the pair design (rest: each group against the rest) and comparisons;")
    P("others: cores used by other processes during the run (median; > 0.2: the machine was not quiet)")
    if ceiling is not None:
        P("ceiling: the most -j %d / -j 1 can reach on these CPUs (see cores); the %% is the measured ratio's share of it"
          % nproc)
        if any(r.get("of_ceiling", 0) > 1.05 for r in ratios):
            P("  (over 100%%: the CPUs' speeds changed after the cores were timed, the runs were disturbed, "
              "or -j %d does less work than -j 1)" % nproc)
    P("elapsed %.0f s; results: %s" % (elapsed, results_path))

    if not a.keep:
        for p in [inputs[k]["path"] for k in inputs] + [slant, floor] + ([slant_zlib] if slant_zlib else []):
            try:
                os.remove(p)
            except OSError:
                pass
        shutil.rmtree(out_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
