#!/bin/sh
# A corpus split into shards, scored shard by shard through GNU parallel
# with `slant compare --partial`, then `slant merge`d, must give the very
# bytes of one run over the shards in order; also from standard input, as
# Hadoop Streaming or Spark's pipe would feed it.
# usage: test-shards.sh SLANT_BINARY
set -eu
slant=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# The synthetic corpus of tests/scale/lib.sh (no real text): 6 sources, 1 to
# 120 documents each, so both bootstrap units (sentences, documents) are
# exercised across shards; cut here into 4 shards of about equal size.
. "$here/../scale/lib.sh"
make_corpus
rm -f shard*.jsonl shards.txt
split -n l/4 -d --additional-suffix=.jsonl all.jsonl shard
ls shard*.jsonl > shards.txt
test "$(wc -l < shards.txt)" -eq 4

# shellcheck disable=SC2046
"$slant" compare -j 1 $(cat shards.txt) > single.json
parallel --will-cite -j 2 "\"$slant\" compare --partial -j 1 -o {}.partial {}" :::: shards.txt
# shellcheck disable=SC2046
"$slant" merge $(sed 's/$/.partial/' shards.txt) > merged.json
cmp single.json merged.json

# a different thread count and a different shard order in the pool change nothing
# every pair design, grouping and the matched design, through GNU parallel
# (the options reach compare through a variable: "A,B;F,C" is no command list)
cat > partial.sh <<'SH'
# shellcheck disable=SC2086
"$SLANT" compare --partial -j 1 $OPTS -o "$1.pd" "$1" || test $? -eq 1
SH
while read -r opts; do
    [ -n "$opts" ] || continue
    # shellcheck disable=SC2086,SC2046
    "$slant" compare -j 1 $opts $(cat shards.txt) > single-d.json || test $? -eq 1
    SLANT=$slant OPTS=$opts parallel --will-cite -j 2 --env SLANT --env OPTS "sh partial.sh {}" :::: shards.txt
    # shellcheck disable=SC2046
    "$slant" merge $(sed 's/$/.pd/' shards.txt) > merged-d.json || test $? -eq 1
    cmp single-d.json merged-d.json || { echo "FAIL: $opts: merged != one run" >&2; exit 1; }
    echo "ok: $opts: merged through GNU parallel == one run"
done <<EOF
$ALL_DESIGNS
EOF

parallel --will-cite -j 2 --shuf "\"$slant\" compare --partial -j 2 -o {}.partial2 {}" :::: shards.txt
# shellcheck disable=SC2046
"$slant" merge $(sed 's/$/.partial2/' shards.txt) > merged2.json
cmp single.json merged2.json

# standard input, as a streaming framework feeds each shard
for s in $(cat shards.txt); do "$slant" compare --partial - < "$s" > "$s.stdin.partial"; done
cat shards.txt | while read -r s; do cat "$s"; done | "$slant" compare - > single-stdin.json
# shellcheck disable=SC2046
"$slant" merge $(sed 's/$/.stdin.partial/' shards.txt) > merged-stdin.json
# one run over stdin has one input '-', the merge has four: compare all but meta.inputs
python3 - <<'PY'
import json
a = json.load(open("single-stdin.json")); b = json.load(open("merged-stdin.json"))
del a["meta"]["inputs"], b["meta"]["inputs"]
assert a == b, "stdin shards merged differ from a single stdin run"
PY

# partials of different parameters or lexicons are refused
"$slant" compare --partial --seed 7 -o odd.partial shard00.jsonl
if "$slant" merge shard01.jsonl.partial odd.partial > /dev/null 2> err.txt; then
    echo "merge accepted partials made with different seeds" >&2; exit 1
fi
grep -q "other parameters" err.txt
# and so are partials that counted other hits (--voice)
"$slant" compare --partial --voice own -o own.partial shard00.jsonl
if "$slant" merge shard01.jsonl.partial own.partial > /dev/null 2> err3.txt; then
    echo "merge accepted partials made with different voices" >&2; exit 1
fi
grep -q "made with --voice own, the first partial with --voice all" err3.txt

# a file that is no partial (a report, say) is refused with exit 1, naming it
status=0
"$slant" merge single.json > /dev/null 2> err2.txt || status=$?
test "$status" -eq 1
grep -q "single.json: not a slant partial result" err2.txt
echo "7 passed, 0 failed"
