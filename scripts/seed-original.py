#!/usr/bin/env python3
"""Writes an approximation of the seed article's original: article.txt with every annotated
garble undone (each row's phrase, at its nth whole-word occurrence, replaced by its correction;
`keep` rows are left alone). The real original also differs in words the annotations do not
list, so this is the easy case of a same-language check: only the garbles were changed.

    python3 scripts/seed-original.py > corpus/seed/original-reconstructed.txt
    cargo run --release -- eval corpus/seed/article.txt -a corpus/seed/annotations.tsv \\
        -g corpus/glossaries/fentanyl-policy.toml --source corpus/seed/original-reconstructed.txt
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    seed = os.path.join(ROOT, "corpus", "seed")
    with open(os.path.join(seed, "article.txt"), encoding="utf-8") as f:
        text = f.read()
    edits = []
    with open(os.path.join(seed, "annotations.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip() and not line.startswith("#")]
    for phrase, nth, correction, kind, *_ in rows[1:]:
        if kind == "keep":
            continue
        pattern = r"(?<!\w)" + re.escape(phrase) + r"(?!\w)"
        match = list(re.finditer(pattern, text))[int(nth) - 1]
        edits.append((match.start(), match.end(), correction))
    out, at = [], 0
    for start, end, correction in sorted(edits):
        if start >= at:
            out += [text[at:start], correction]
            at = end
    out.append(text[at:])
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
