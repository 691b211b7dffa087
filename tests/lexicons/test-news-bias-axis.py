#!/usr/bin/env python3
"""The 'loaded' axis of lexicons/news-bias-markers.json is made of its categories.

usage: test-news-bias-axis.py SOURCE_DIR

The lexicon's summary score is the axis 'loaded' (codebook
lexicons/news-bias-markers.md, section 2).  Its loaded pole takes every entry
of the loaded-language categories, its measured pole every entry of the
categories of attributed, anchored reporting, by the axis's
positive_categories and negative_categories; no entry names the axis itself,
so the axis cannot drift from the categories.  A word stands in one category
of each pole at most (twice, the axis would hold it twice: a stem collision).
The axis must not negate (negation_window 0): a negated loaded word is still
loaded language.  The lexicon names the axis's logit as its summary score.

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
    axis = axes.get(AXIS, {})
    check(axis.get("positive") == "loaded" and axis.get("negative") == "measured",
          f"axis '{AXIS}' with poles 'loaded' (positive) and 'measured' (negative)")
    check(axis.get("positive_categories") == list(POLES["loaded"]),
          f"the loaded pole takes {', '.join(POLES['loaded'])}")
    check(axis.get("negative_categories") == list(POLES["measured"]),
          f"the measured pole takes {', '.join(POLES['measured'])}")
    mods = lex.get("modifiers", {})
    check(mods.get("negation_window") == 0, "modifiers: negation_window 0")
    summary = lex.get("summary", {})
    check(summary.get("axis") == AXIS and summary.get("score") == "logit",
          "the summary score is the axis logit")
    categories = {c["id"] for c in lex["categories"]}
    for pole, cats in POLES.items():
        for c in cats:
            check(c in categories, f"category '{c}' of the {pole} pole exists")
    check(not [e for e in lex["entries"] if e.get("axis")], "no entry names an axis")

    pole_of = {c: pole for pole, cats in POLES.items() for c in cats}
    seen = {}
    n = 0
    for e in lex["entries"]:
        c = e.get("category")
        if c in pole_of:
            n += 1
            key = (pole_of[c], e["pattern"].lower())
            check(key not in seen, f"'{e['pattern']}' is in one {key[0]}-pole category only "
                                   f"({c} and {seen.get(key)})")
            seen[key] = c
    print(f"{n} category entries on the axis's poles")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
