#!/usr/bin/env python3
"""Write the seeds of fuzz-partial (tests/fuzz/seeds/partial/made-*.partial).

Each seed is what `slant compare --partial` writes for a small invented
corpus, with the lexicon that fuzz-partial.c holds (read from its source,
so that the seeds carry its sha256).  Run again when that lexicon or the
partial format changes:

    tests/fuzz/make-partial-seeds.py build/slant

Seeds found by fuzzing (found-*) are kept as they are.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))


def fixed_lexicon():
    src = open(os.path.join(HERE, "fuzz-partial.c"), encoding="utf-8").read()
    body = src[src.index("lexicon_text[] =") + len("lexicon_text[] ="):]
    body = body[:body.index(";\n")]
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', body)
    return "".join(parts).encode().decode("unicode_escape")


TEXTS = [
    "The treaty is a cornerstone of deterrence. Not very friendly words were said.",
    "Dependence on others is hostile to us. No missiles were mentioned under Article 5.",
    "A friendly exchange. Deterrence, deterrence and dependence! Missile tests went on.",
    "Nothing of note happened today.",
    "Very hostile remarks. The cornerstone stands.",
]


def jsonl(sources):
    lines = []
    for name, n in sources.items():
        for i in range(n):
            lines.append(json.dumps({"id": f"{name}-{i}", "source": name,
                                     "text": TEXTS[(i + len(name)) % len(TEXTS)]}))
    return "\n".join(lines) + "\n"


def main():
    slant = os.path.abspath(sys.argv[1])
    out_dir = os.path.join(HERE, "seeds", "partial")
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        lex = os.path.join(tmp, "lexicon.json")
        with open(lex, "w", encoding="utf-8") as f:
            f.write(fixed_lexicon())

        def write(name, text):
            path = os.path.join(tmp, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            return name

        write("few.jsonl", jsonl({"A": 2, "B": 1, "C": 3}))
        write("many.jsonl", jsonl({"A": 7, "D": 12}))
        write("bad.jsonl", jsonl({"E": 2}) + '{"id": 1}\n{"id": "x", "source": "S", "text": "\xe9t\xe9"\n'
              + '{"id": "E-0", "source": "E", "text": "again"}\n\n')
        write("tree/North/a.txt", TEXTS[0] + "\n")
        write("tree/North/b.txt", "---\ntitle: A title with deterrence\n---\n" + TEXTS[1] + "\n")
        write("tree/South/c.txt", TEXTS[2] + "\n")
        write("empty.jsonl", "")
        seeds = {
            "made-few-documents": ["--bootstrap", "20", "few.jsonl"],
            "made-many-documents": ["--bootstrap", "20", "many.jsonl"],
            "made-two-inputs": ["--bootstrap", "10", "--top", "3", "few.jsonl", "many.jsonl"],
            "made-skips": ["--bootstrap", "10", "bad.jsonl", "missing.jsonl"],
            "made-tree": ["--bootstrap", "10", "--seed", "7", "--level", "0.9", "tree"],
            "made-empty": ["--bootstrap", "10", "empty.jsonl"],
            "made-no-bootstrap": ["--bootstrap", "0", "--strict", "--max-document-bytes", "4096", "few.jsonl"],
            "made-default-options": ["few.jsonl"],
        }
        for name, args in seeds.items():
            p = subprocess.run([slant, "compare", "--partial", "-j", "1", "-l", lex] + args,
                               cwd=tmp, capture_output=True)
            if not p.stdout:
                sys.exit(f"{name}: no partial: {p.stderr.decode()}")
            with open(os.path.join(out_dir, name + ".partial"), "wb") as f:
                f.write(p.stdout)
            print(f"{name}.partial: {len(p.stdout)} bytes (exit {p.returncode})")


if __name__ == "__main__":
    main()
