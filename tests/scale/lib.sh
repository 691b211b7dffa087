# tests/scale/lib.sh: what the scale-out tests share (sourced, POSIX sh).
#
# Each test makes a synthetic corpus (no real text) cut into shards of
# unequal size, one of them empty, and defines
#
#     run_sharded OUT [COMPARE_OPTION...]
#
# which scores the shards on its engine (Slurm, Dask, GNU parallel over
# ssh, pipes) with `slant compare --partial COMPARE_OPTION...` and merges
# the partials into OUT, returning non-zero when something failed (it runs
# as a condition, where set -e does not stop it).  check_designs then
# checks, for every line of DESIGNS, that OUT equals one `slant compare
# COMPARE_OPTION...` over the shards in order, byte for byte.  A new pair
# design is one more line of DESIGNS.
#
# Needs $slant (the binary) and $work (an empty folder, the working
# directory).  A test that cannot run here calls skip REASON: exit 77,
# which ctest reports as skipped (SKIP_RETURN_CODE).

# The compare options each engine is checked with, one run a line: every
# pair design, the groupings and the matched design.  ALL_DESIGNS are run
# where a run is cheap (streams, GNU parallel on this machine); the
# engines that start jobs (Slurm, Dask, ssh) run DESIGNS.
ALL_DESIGNS='
--seed 1
--seed 7 --bootstrap 200 --level 0.9 --top 3
--pairs rest
--reference B
--pairs A,B;F,C
--pairs none
--groups A,C,F
--group-by label.stance
--match label.event
--group-by label.stance --match label.event --bootstrap 300
--voice own
--voice quoted --pairs rest
'
DESIGNS='
--seed 1
--pairs rest --seed 7 --bootstrap 200 --level 0.9 --top 3
--group-by label.stance --match label.event
'

passed=0
failed=0

skip() {
    echo "skipped: $*"
    exit 77
}

fail() {
    echo "FAILED: $*" >&2
    failed=$((failed + 1))
}

ok() {
    passed=$((passed + 1))
}

# die MESSAGE: a failure that ends the test (the closing line, exit 1).
die() {
    fail "$1"
    finish || true
    exit 1
}

# A synthetic corpus: 6 sources of 1 to 120 documents (both bootstrap
# units, documents and sentences, cross shard boundaries; some sentences in
# quotation marks, for --voice), written to
# all.jsonl (231 documents), and its shards shard00.jsonl ... shard05.jsonl:
# 1, 0, 97, 13, 80 and 40 lines, in order.  shards.txt lists them.
make_corpus() {
    python3 - <<'PY'
import json, random
rng = random.Random(20191904)
qrng = random.Random(20191905)  # quotation marks: the words stay as they were
words = ("the alliance deterrence cooperation dependence reliance on america sovereignty "
         "entanglement not very somewhat shared defense washington shadow japan china "
         "cyber attack treaty article ministers met friday said strengthen ties "
         "dragged into cold war mentality non-independent mutual defense").split()
sources = {"A": 120, "B": 40, "C": 7, "D": 3, "E": 1, "F": 60}
docs = []
for src, n in sources.items():
    for i in range(n):
        sents = []
        for _ in range(rng.randint(1, 8)):
            sent = " ".join(rng.choice(words) for _ in range(rng.randint(3, 15))).capitalize() + "."
            if qrng.random() < 0.3:
                sent = qrng.choice(['"%s"', "\u201c%s\u201d"]) % sent
            sents.append(sent)
        labels = {"event": "e%d" % rng.randint(1, 12),
                  "stance": rng.choice(["critical", "neutral", "supportive"])}
        docs.append({"id": f"{src}-{i}", "source": src, "text": " ".join(sents), "labels": labels})
rng.shuffle(docs)
lines = [json.dumps(d) + "\n" for d in docs]
with open("all.jsonl", "w") as f:
    f.writelines(lines)
sizes = [1, 0, 97, 13, 80]
sizes.append(len(lines) - sum(sizes))
at = 0
with open("shards.txt", "w") as names:
    for i, n in enumerate(sizes):
        with open(f"shard{i:02d}.jsonl", "w") as f:
            f.writelines(lines[at:at + n])
        at += n
        names.write(f"shard{i:02d}.jsonl\n")
PY
}

# single OUT [COMPARE_OPTION...]: one run over the shards in order.
single() {
    out=$1
    shift
    # shellcheck disable=SC2046
    "$slant" compare -j 1 "$@" $(cat shards.txt) > "$out" || test $? -eq 1
}

# check_designs NAME [DESIGN_LIST]: run_sharded against single for every
# line of DESIGN_LIST (default $DESIGNS).
check_designs() {
    name=$1
    list=${2:-$DESIGNS}
    while read -r opts; do
        [ -n "$opts" ] || continue
        # shellcheck disable=SC2086
        single single.json $opts
        # shellcheck disable=SC2086
        if ! run_sharded merged.json $opts; then
            fail "$name ($opts): the sharded run failed"
        elif ! cmp -s single.json merged.json; then
            fail "$name ($opts): the merged report differs from one run"
        else
            echo "ok: $name ($opts): merged == one run, byte for byte"
            ok
        fi
        rm -f merged.json
    done <<EOF
$list
EOF
}

# The closing line ctest's log and CI read; the exit status.
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
