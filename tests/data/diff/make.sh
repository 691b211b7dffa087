#!/bin/sh
# tests/data/diff/make.sh [SLANT]: regenerate the reports and score outputs
# the golden cases of `slant diff` compare (tests/golden/cases/diff-*), from
# the invented fixtures: the events x outlets corpus (tests/data/events), the
# CLI test lexicon (tests/data/cli/lexicon.json), and beside this script
#   lexicon-weight.json   that lexicon with one weight changed ('dependence' 1 -> 2)
#   moved/lexicon.json    that lexicon byte for byte, at another path
#   extra-outlet.jsonl    two documents of a fourth outlet
# Run from the top of the repository (paths in the reports are relative);
# read what changed before committing it.
set -eu
slant=${1:-build/slant}
lex=tests/data/cli/lexicon.json
events=tests/data/events/events.jsonl
d=tests/data/diff
"$slant" compare -l $lex $events > $d/base.json
"$slant" compare -l $d/lexicon-weight.json $events > $d/weight.json
"$slant" compare -l $d/moved/lexicon.json $events > $d/moved.json
"$slant" compare -l $lex $events $d/extra-outlet.jsonl > $d/added.json
"$slant" score -l $lex $events > $d/score-base.jsonl
"$slant" score -l $d/lexicon-weight.json $events > $d/score-weight.jsonl
"$slant" score -l $lex $events $d/extra-outlet.jsonl > $d/score-added.jsonl
"$slant" compare --partial -l $lex $events > $d/events.partial
