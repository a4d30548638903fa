#!/usr/bin/env python3
"""Calibrates the "fixed" and "located" measures of scripts/wmt25_track2.py with two naive
locators, as the issue (#13) states them: a random run of words as long as the term ("passes
fixed about half the time and located about one time in six") and a plain fuzzy string match
("passes 0.78 and 0.67"). Each replaces its run with the term and is judged exactly as
termlint's fixes are (chrF against the reference must not drop; the run must overlap the
words an alignment of output and reference puts against the term, with each of the
measure's aligners). The aligner whose figures come closest to the issue's is the fairest
reading of its "located".

    TERMLINT_WMT25=... TERMLINT_WMT25_DUMP=pairs.jsonl python3 scripts/wmt25_track2.py
    python3 scripts/wmt25_baselines.py pairs.jsonl

The dump holds every (paragraph, term) pair the figures count, whatever termlint found, so
the baselines are measured on the same pairs. The random runs are seeded: same figures on
every run.
"""
import collections
import difflib
import importlib.util
import json
import os
import random
import sys

spec = importlib.util.spec_from_file_location(
    "wmt25_track2", os.path.join(os.path.dirname(os.path.abspath(__file__)), "wmt25_track2.py"))
measure = importlib.util.module_from_spec(spec)
spec.loader.exec_module(measure)


def word_spans(text):
    """(start, end) of each whitespace-separated word of `text`."""
    spans, at = [], 0
    for word in text.split():
        at = text.index(word, at)
        spans.append((at, at + len(word)))
        at += len(word)
    return spans


def stage(pair, start, end, aligner):
    """1 not fixed, 2 fixed, 3 fixed and located: `pair`'s output with characters
    start..end replaced by the term, judged as wmt25_track2.pair_stage judges a fix (at the
    first of the term's English forms the reference has), with any of its aligners."""
    hyp, ref, term = pair["output"], pair["reference"], pair["term"]
    if start == end or (start == 0 and end == len(hyp)):
        return 1
    if measure.chrf(hyp[:start] + term + hyp[end:], ref) < measure.chrf(hyp, ref):
        return 1
    located = measure.is_located(hyp, ref, pair.get("forms") or [term], (start, end), aligner)
    return 3 if located else 2


def random_run(pair, words, rng):
    n = len(pair["term"].split())
    k = rng.randrange(len(words) - n + 1)
    return words[k][0], words[k + n - 1][1]


def fuzzy_match(pair, words, _rng):
    """The run of as many words as the term, one fewer or one more, whose characters are
    most like the term's (difflib's ratio, lower case)."""
    term, hyp = pair["term"].lower(), pair["output"]
    n = len(pair["term"].split())
    best, run = -1.0, None
    for m in (n - 1, n, n + 1):
        for k in range(len(words) - m + 1) if m >= 1 else ():
            a, b = words[k][0], words[k + m - 1][1]
            score = difflib.SequenceMatcher(None, term, hyp[a:b].lower()).ratio()
            if score > best:
                best, run = score, (a, b)
    return run


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    pairs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8")]
    rng = random.Random(7)
    for name, locate in (("random run", random_run), ("fuzzy match", fuzzy_match)):
        counted = fixed = 0
        located = collections.Counter()
        for pair in pairs:
            words = word_spans(pair["output"])
            if len(words) < len(pair["term"].split()):
                continue
            counted += 1
            run = locate(pair, words, rng)
            for aligner in measure.ALIGNERS:
                s = stage(pair, *run, aligner)
                fixed += s >= 2 and aligner == "difflib"
                located[aligner] += s == 3
        shares = ", ".join(f"{aligner} {100 * located[aligner] / max(fixed, 1):.1f}%"
                           for aligner in measure.ALIGNERS)
        print(f"{name}: pairs {counted}, fixed {100 * fixed / counted:.1f}%, located of fixed: "
              f"{shares}")


if __name__ == "__main__":
    main()
