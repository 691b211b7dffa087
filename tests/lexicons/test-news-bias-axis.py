#!/usr/bin/env python3
"""The 'loaded' axis of lexicons/news-bias-markers.json is its categories' twin.

usage: test-news-bias-axis.py SOURCE_DIR

The lexicon's summary score is the axis 'loaded' (codebook
lexicons/news-bias-markers.md, section 2).  Its loaded pole must hold exactly
one twin of every entry of the loaded-language categories, its measured pole
one twin of every entry of the categories of attributed, anchored reporting,
and nothing else: an entry added to a category without its twin, or a twin
left behind when an entry is removed, would change the score without anyone
saying so.  A twin has the category entry's pattern and weight, and its note
is the category entry's note after "Loaded pole, twin of the CATEGORY entry. "
(or "Measured pole, ...").  The axis must not negate (negation_window 0, no
negators): a negated loaded word is still loaded language.

The last line printed is "N passed, N failed"; the exit status is 1 when
something failed.
"""

import json
import os
import sys

LEXICON = "lexicons/news-bias-markers.json"
AXIS = "loaded"
POLES = {
    "loaded": ("subjective", "labels", "editorializing", "puffery", "weasel", "report-loaded"),
    "measured": ("report-neutral", "news-anchors"),
}
PREFIX = {"loaded": "Loaded pole", "measured": "Measured pole"}


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    with open(os.path.join(sys.argv[1], LEXICON), encoding="utf-8") as f:
        lex = json.load(f)
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"FAIL {what}")

    axes = {a["id"]: a for a in lex.get("axes", [])}
    check(AXIS in axes and axes[AXIS]["positive"] == "loaded" and axes[AXIS]["negative"] == "measured",
          f"axis '{AXIS}' with poles 'loaded' (positive) and 'measured' (negative)")
    mods = lex.get("modifiers", {})
    check(mods.get("negation_window") == 0 and not mods.get("negators"),
          "modifiers: negation_window 0 and no negators")
    categories = {c["id"] for c in lex["categories"]}
    for pole, cats in POLES.items():
        for c in cats:
            check(c in categories, f"category '{c}' of the {pole} pole exists")

    pole_of = {c: pole for pole, cats in POLES.items() for c in cats}
    want = {}
    for e in lex["entries"]:
        c = e.get("category")
        if c in pole_of:
            pole = pole_of[c]
            key = (pole, e["pattern"])
            check(key not in want, f"'{e['pattern']}' is in one {pole}-pole category only "
                                   f"({c} and {want.get(key, ('', ''))[0]})")
            want[key] = (c, e)
    have = {}
    for e in lex["entries"]:
        if e.get("axis") != AXIS:
            continue
        key = (e.get("pole"), e["pattern"])
        check(key not in have, f"axis entry '{e['pattern']}' ({e.get('pole')}) once")
        have[key] = e
    for key, (c, e) in sorted(want.items()):
        twin = have.get(key)
        if twin is None:
            check(False, f"{c} entry '{key[1]}' has a twin on the {key[0]} pole")
            continue
        note = f"{PREFIX[key[0]]}, twin of the {c} entry. {e.get('note', '')}"
        check(twin.get("weight", 1) == e.get("weight", 1) and twin.get("note") == note,
              f"twin of {c} entry '{key[1]}': same weight, note '{note[:60]}...'")
    for key in sorted(set(have) - set(want)):
        check(False, f"axis entry '{key[1]}' ({key[0]}) is the twin of a {key[0]}-pole category entry")

    print(f"{len(want)} category entries, {len(have)} axis entries")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
