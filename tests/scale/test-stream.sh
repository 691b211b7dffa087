#!/bin/sh
# Streaming shards: `compare --partial` writes its partial to standard
# output and reads JSON Lines from standard input; `merge` reads partials
# from files, a folder, standard input (concatenated) and lists of paths,
# finds the lexicon the partials name, and refuses broken streams.  Every
# way gives the bytes of one run (lib.sh: shards of unequal size, one
# empty; every line of DESIGNS).
# usage: test-stream.sh SLANT_BINARY
set -eu
slant=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
make_corpus

# partials to standard output, one after another in one stream; or -o
partials_to_stdout() {
    : > all.partials
    while read -r s; do
        "$slant" compare --partial -j 1 "$@" "$s" >> all.partials 2> /dev/null || [ $? -eq 1 ] || return 1
    done < shards.txt
}
partials_to_folder() {
    rm -rf parts && mkdir parts
    while read -r s; do
        "$slant" compare --partial -j 1 "$@" -o "parts/$s.partial" "$s" 2> /dev/null || [ $? -eq 1 ] || return 1
    done < shards.txt
}

run_sharded() {
    out=$1
    shift
    case $mode in
    stdin) partials_to_stdout "$@" && "$slant" merge - < all.partials > "$out" ;;
    pipe) partials_to_stdout "$@" && cat all.partials | "$slant" merge - > "$out" ;;
    file) partials_to_stdout "$@" && "$slant" merge all.partials > "$out" ;;
    folder) partials_to_folder "$@" && "$slant" merge parts > "$out" ;;
    files) partials_to_folder "$@" && "$slant" merge $(sed 's|^|parts/|; s|$|.partial|' shards.txt) > "$out" ;;
    list) partials_to_folder "$@" && sed 's|^|parts/|; s|$|.partial|' shards.txt > list.txt &&
        "$slant" merge --list list.txt > "$out" ;;
    list-stdin) partials_to_folder "$@" &&
        sed 's|^|parts/|; s|$|.partial|' shards.txt | "$slant" merge --list - > "$out" ;;
    esac
}
for mode in stdin pipe file folder files list list-stdin; do
    check_designs "merge $mode" "$ALL_DESIGNS"
done

# compare reading standard input: each shard's input is named "-", so a
# merge equals one run over standard input in all but meta.inputs
while read -r s; do
    "$slant" compare --partial -j 1 - < "$s" 2> /dev/null || [ $? -eq 1 ]
done < shards.txt > stdin.partials
"$slant" merge - < stdin.partials > merged-stdin.json
while read -r s; do cat "$s"; done < shards.txt | "$slant" compare -j 1 - > single-stdin.json
if python3 - <<'PY'
import json
a = json.load(open("single-stdin.json")); b = json.load(open("merged-stdin.json"))
ins = b["meta"]["inputs"]
assert [i["path"] for i in ins] == ["-"] * 6, ins
assert [i["documents"] for i in ins] == [1, 0, 97, 13, 80, 40], ins
del a["meta"]["inputs"], b["meta"]["inputs"]
assert a == b, "stdin shards merged differ from one run over stdin"
PY
then echo "ok: compare --partial - (standard input) merges as one run over standard input"; ok
else fail "compare --partial -"; fi

# ---- the lexicon the partials name ----
mkdir -p p2/lex
cp "$SLANT_DATA_DIR/tests/data/cli/lexicon.json" p2/lex/custom.json
cp shard0*.jsonl p2/
(
    cd p2
    for s in shard00 shard02 shard03; do
        "$slant" compare --partial -j 1 --lexicon lex/custom.json -o "$s.partial" "$s.jsonl"
    done
    "$slant" compare -j 1 --lexicon lex/custom.json shard00.jsonl shard02.jsonl shard03.jsonl > ../single-lex.json
)
# merged from the partials' folder, the path is found as given
(cd p2 && "$slant" merge shard00.partial shard02.partial shard03.partial) > merged-lex.json
if cmp -s single-lex.json merged-lex.json; then echo "ok: lexicon found at the path as given"; ok
else fail "lexicon at the path as given"; fi
# merged from elsewhere, the path is found under the partials' folder
"$slant" merge p2/shard00.partial p2/shard02.partial p2/shard03.partial > merged-lex2.json
if cmp -s single-lex.json merged-lex2.json; then echo "ok: lexicon found under the partial's folder"; ok
else fail "lexicon under the partial's folder"; fi
# the bundled lexicon is found under the data directory from anywhere
"$slant" compare --partial -j 1 -o bundled.partial shard02.jsonl
"$slant" compare -j 1 shard02.jsonl > single-bundled.json
if grep -q '"path": "lexicons/us-japan-alliance.json"' bundled.partial &&
    "$slant" merge bundled.partial | cmp -s - single-bundled.json; then
    echo "ok: the bundled lexicon found under the data directory"; ok
else fail "bundled lexicon"; fi
# an absolute path
"$slant" compare --partial -j 1 --lexicon "$work/p2/lex/custom.json" -o abs.partial shard02.jsonl
"$slant" compare -j 1 --lexicon "$work/p2/lex/custom.json" shard02.jsonl > single-abs.json
if (cd / && "$slant" merge "$work/abs.partial") | cmp -s - single-abs.json; then
    echo "ok: lexicon at an absolute path"; ok
else fail "absolute lexicon path"; fi
# the lexicon changed since: refused, saying to pass --lexicon (exit 4)
printf ' ' >> p2/lex/custom.json
status=0
(cd p2 && "$slant" merge shard00.partial > /dev/null 2> ../err.txt) || status=$?
if [ "$status" -eq 4 ] && grep -q "^slant: error: shard00.partial: made with lexicon 'lex/custom.json' (sha256 [0-9a-f]*\.\.\.), but no file with that sha256 is at 'lex/custom.json', .*; pass --lexicon FILE$" err.txt; then
    echo "ok: a lexicon whose sha256 differs is refused"; ok
else fail "changed lexicon: status $status, $(cat err.txt)"; fi
# --lexicon still decides when given (and is checked by sha256)
cp "$SLANT_DATA_DIR/tests/data/cli/lexicon.json" other.json
if (cd p2 && "$slant" merge --lexicon ../other.json shard00.partial shard02.partial shard03.partial) > merged-lex3.json &&
    python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); [m.update(path="x") for r in (a,b) for m in [r["meta"]["lexicon"]]+r["meta"]["lexicons"]]; assert a==b' single-lex.json merged-lex3.json &&
    grep -q '"path":	"../other.json"' merged-lex3.json; then
    echo "ok: --lexicon overrides the path the partials name"; ok
else fail "--lexicon"; fi

# ---- broken streams and arguments ----
# expect STATUS MESSAGE_REGEX COMMAND...: the exit status and stderr
expect() {
    want=$1 re=$2
    shift 2
    status=0
    "$@" > /dev/null 2> err.txt || status=$?
    if [ "$status" -eq "$want" ] && grep -q -- "$re" err.txt; then ok
    else fail "$*: status $status (want $want), stderr: $(cat err.txt)"; fi
}
partials_to_stdout
head -c -20 all.partials > truncated.partials
awk '/^\{"slant_partial"/ && n++ == 1 { print "," } { print }' all.partials > comma.partials
: > empty.partial
mkdir -p nothing
expect 1 '^slant: error: comma.partials:[0-9]*:1: not a slant partial result: .,. where a partial (.{.) should start$' \
    "$slant" merge comma.partials
expect 1 '^slant: error: -:[0-9]*: a partial that does not end (a truncated stream?)$' \
    sh -c '"$1" merge - < truncated.partials' sh "$slant"
expect 1 '^slant: error: empty.partial: not a slant partial result: it holds no partial$' \
    "$slant" merge empty.partial
expect 4 "^slant: error: 'nothing' holds no \*.partial file$" "$slant" merge nothing
expect 4 "^slant: error: cannot read 'missing.partial': " "$slant" merge missing.partial
expect 2 "^slant: error: merge: standard input ('-') can be read only once$" \
    sh -c 'echo - | "$1" merge --list -' sh "$slant"
expect 2 '^slant: error: merge: give PARTIALs or --list, not both$' \
    "$slant" merge --list list.txt all.partials
expect 1 '^slant: error: single.json: not a slant partial result' "$slant" merge single.json
echo "ok: broken streams and arguments refused with their status and message"

# ---- shard order changes nothing (README: "Sharded runs") ----
# each group's documents are taken in the order of their id hashes, and
# inputs and skips are listed by name: merged in any order, and one run
# over the shards in any order, give the same bytes
partials_to_folder
rev=$(sed 's|^|parts/|; s|$|.partial|' shards.txt | sort -r)
# shellcheck disable=SC2086
"$slant" merge $rev > merged-rev.json
# shellcheck disable=SC2046
"$slant" compare -j 1 $(sort -r shards.txt) > single-rev.json
"$slant" merge parts > merged-fwd.json
# shellcheck disable=SC2046
"$slant" compare -j 1 $(cat shards.txt) > single-fwd.json
shuf_list=$(sed 's|^|parts/|; s|$|.partial|' shards.txt | awk 'NR % 2 == 0' ; sed 's|^|parts/|; s|$|.partial|' shards.txt | awk 'NR % 2 == 1')
# shellcheck disable=SC2086
"$slant" merge $shuf_list > merged-shuf.json
if cmp -s merged-rev.json single-rev.json && cmp -s merged-fwd.json merged-rev.json &&
   cmp -s single-fwd.json merged-fwd.json && cmp -s merged-shuf.json merged-fwd.json; then
    echo "ok: shard order changes nothing: merged in three orders and one run in two, the same bytes"; ok
else fail "shard order"; fi

finish
