#!/usr/bin/env python3
"""How many held-out spun phrases the shipped lexicon can reach at all.

Derivation (issue #3) finds a spun phrase only when every word the paraphraser replaced is
linked to the term's word by the lexicon. This script measures that ceiling on the held-out
split, independent of termlint's scoring: a row `tortured -> expected` is *reachable* when
each replaced word (aligned as `build-lexicon.py` aligns rows for mining) is, in one step,
  - a WordNet synonym, or linked by similar-to, also-see, hypernym, hyponym or derivation
    (not antonymy),
  - listed by Moby under the word, or the word under it (either direction),
  - or a substitution mined from the mining split (`spins-mine.tsv`).
Inflections are undone crudely (plural, -ing, -ed, -er, -ly) and generously, so the ceiling
is if anything too high. Two steps are left out on purpose: Moby's two-step neighbourhood of
a common word holds thousands of words, so nothing found there is evidence.

Usage (from the repository root; needs the pip package `zstandard`):

    python3 scripts/spun-ceiling.py [--found FINDINGS.jsonl] [--folds]

--found: termlint's findings on corpus/eval/spun/tortured.txt (`--format jsonl`): rows found
  are counted as reachable too (termlint reaches a few more through prefixes and stand-ins).
--folds: also the ceiling when mining from nine tenths of all rows and holding out the tenth,
  for each tenth: what a larger mining split would give.
"""

from __future__ import annotations

import argparse
import collections
import difflib
import importlib.util
import json
import os
import sys

import zstandard

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LEXICON = os.path.join(ROOT, "corpus", "lexicon")
SPUN = os.path.join(ROOT, "corpus", "eval", "spun")

# The tokeniser, aligner and split of build-lexicon.py, so rows are read as mining reads them.
_spec = importlib.util.spec_from_file_location("build_lexicon", os.path.join(ROOT, "scripts", "build-lexicon.py"))
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)


def data_lines(name: str) -> list[str]:
    with open(os.path.join(LEXICON, name), "rb") as f:
        text = zstandard.ZstdDecompressor().stream_reader(f).read().decode("utf-8")
    return [l for l in text.split("\n") if l and not l.startswith("#")]


class Lexicon:
    def __init__(self) -> None:
        self.senses: dict[str, set[str]] = collections.defaultdict(set)
        self.links: dict[str, list[str]] = {}
        for line in data_lines("wordnet.tsv.zst"):
            synset, _pos, lemmas, links = line.split("\t")[:4]
            # Opposites are no synonyms: termlint never derives them.
            self.links[synset] = [t for r, t in (l.split(":", 1) for l in links.split()) if r != "ant"]
            for lemma in lemmas.split("|"):
                self.senses[lemma.lower().replace("_", " ")].add(synset)
        lines = data_lines("moby.tsv.zst")
        words = [l.lower() for l in lines if "\t" not in l]
        self.moby: dict[str, set[str]] = collections.defaultdict(set)
        for line in lines:
            if "\t" in line:
                root, synonyms = line.split("\t")
                self.moby[words[int(root)]].update(words[int(i)] for i in synonyms.split())

    def linked(self, a: str, b: str) -> bool:
        """Whether b is one lexicon step from a (or from a base form of it)."""
        for x in bases(a):
            for y in bases(b):
                if y in self.moby.get(x, ()) or x in self.moby.get(y, ()):
                    return True
                sx, sy = self.senses.get(x, set()), self.senses.get(y, set())
                if sx & sy or any(t in sy for s in sx for t in self.links[s]):
                    return True
        return False


def bases(word: str) -> set[str]:
    if " " in word:
        return {word}
    out = {word}
    for suffix, replacement in [("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"),
                                ("ed", ""), ("ed", "e"), ("d", ""), ("er", ""), ("ly", "")]:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.add(word[: -len(suffix)] + replacement)
    return out


def mined_pairs(rows: list[tuple[str, str]]) -> set[tuple[str, str]]:
    """The substitutions build-lexicon.py mines from these rows (before its filters)."""
    known = set()
    for tortured, expected in rows:
        te, tt = build.tokens(expected), build.tokens(tortured)
        if len(te) == len(tt):
            known.update((e, t) for e, t in zip(te, tt) if e != t)
    pairs = set()
    for tortured, expected in rows:
        pairs.update(build.aligned_pairs(build.tokens(expected), build.tokens(tortured), known))
    return pairs


def reachable(lexicon: Lexicon, mined: set, tortured: str, expected: str) -> bool:
    te, tt = build.tokens(expected), build.tokens(tortured)
    step = lambda e, t: e == t or (e, t) in mined or lexicon.linked(e, t)  # noqa: E731
    if len(te) == len(tt):
        return all(step(e, t) for e, t in zip(te, tt))
    matcher = difflib.SequenceMatcher(None, te, tt, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        e, t = te[i1:i2], tt[j1:j2]
        if op == "equal":
            continue
        if not e or not t:
            return False  # a word dropped or added: no substitution explains it
        if len(e) == len(t):
            if not all(step(x, y) for x, y in zip(e, t)):
                return False
        elif not step(" ".join(e), " ".join(t)):
            return False
    return True


def read_rows(name: str) -> list[tuple[str, str]]:
    with open(os.path.join(SPUN, name), encoding="utf-8") as f:
        lines = [l.rstrip("\n").split("\t") for l in f][1:]
    return [(t, e) for t, e in lines]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--found", help="termlint check --format jsonl output on tortured.txt")
    parser.add_argument("--folds", action="store_true", help="also ten mine/hold-out folds")
    args = parser.parse_args()
    lexicon = Lexicon()
    mine, held = read_rows("mine.tsv"), read_rows("holdout.tsv")
    mined = mined_pairs(mine)
    reach = [reachable(lexicon, mined, t, e) for t, e in held]
    unmined = sum(reachable(lexicon, set(), t, e) for t, e in held)
    changed_length = sum(len(build.tokens(t)) != len(build.tokens(e)) for t, e in held)
    n = len(held)
    print(f"held-out rows: {n}; rows whose word count changes: {changed_length}")
    print(f"reachable in one lexicon step: {sum(reach)} = {sum(reach) / n:.3f} "
          f"(without mined substitutions: {unmined} = {unmined / n:.3f})")
    if args.found:
        # tortured.txt holds held-out row i on line i (make-spun-eval.py).
        with open(args.found, encoding="utf-8") as f:
            found_lines = {json.loads(l)["line"] for l in f if l.strip()}
        found = [i + 1 in found_lines for i in range(n)]
        union = sum(r or f for r, f in zip(reach, found))
        print(f"found by termlint: {sum(found)} = {sum(found) / n:.3f}; of them outside the reach: "
              f"{sum(f and not r for r, f in zip(reach, found))}")
        print(f"ceiling (reachable or found): {union} = {union / n:.3f}")
    if args.folds:
        everything = mine + held
        reached = total = 0
        for fold in range(10):
            test = [r for r in everything if build.split_bucket(r[1]) == fold]
            pairs = mined_pairs([r for r in everything if build.split_bucket(r[1]) != fold])
            hits = sum(reachable(lexicon, pairs, t, e) for t, e in test)
            print(f"fold {fold}: {hits}/{len(test)} = {hits / len(test):.3f}")
            reached, total = reached + hits, total + len(test)
        print(f"ten folds, mining nine tenths: {reached}/{total} = {reached / total:.3f}")


if __name__ == "__main__":
    sys.exit(main())
