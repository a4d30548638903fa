#!/usr/bin/env python3
"""Measures source.missing-term on WMT25 terminology Track 2 (zh->en), years 2016, 2018, 2020.

The data (CC BY-NC 4.0, github.com/wmt-conference/wmt25-terminology) is not in this repository:
set TERMLINT_WMT25 to a folder holding `references/track2/full_data_<year>.jsonl` and
`submissions/track2/<system>/<system>.<year>.zhen.<run>.jsonl` (the repository's `ranking/`
folder). Without it the script says so and exits 0. Years 2022 and 2024 are held out: never
read here.

    TERMLINT_WMT25=/path/to/ranking python3 scripts/wmt25_track2.py [path/to/termlint]

Figures, over the (paragraph, term) pairs where the source has the term, the reference has it
and the system output does not (the issue's acceptance, #13):
  found    a finding in the paragraph with the term as first suggestion;
  fixed    its fix replaces some words (not an insertion, not the whole paragraph), puts the
           term in, and does not lower chrF against the reference;
  located  the fix replaces words that a word alignment of the output with the reference
           puts against the term, at any of the places the reference has it. The issue does
           not name its aligner; three are reported, the first as "located":
           reordered  difflib's matcher, and where it leaves the term's words in a deleted
                      block (the output moved or reworded that part of the sentence, so
                      difflib puts no output word against the term at all), the words the
                      weighted alignment pairs with the term's words, or else the words
                      between its aligned neighbours;
           difflib    difflib's matcher alone: it takes the longest run of equal words
                      first, so "the ... of" can pull a term against words a sentence away,
                      and a moved term is against nothing;
           weighted   the alignment that pairs the most content words in order, then
                      follows words a translation moved, and counts every output word
                      between the term's aligned neighbours as against it.
           scripts/wmt25_baselines.py judges the issue's two naive locators (a random run,
           "located about one time in six"; a fuzzy match, "0.67") with each aligner, so
           the aligners can be compared with the issue's figures on any data.
And: findings on the references per 100 paragraphs that are not about a term the reference
lacks. The reference is used only to measure. Figures are also given per system.

Set TERMLINT_WMT25_DUMP to a file name to get one JSON line per (paragraph, term) pair (output,
reference, term, the finding's fix, and which of found/fixed/located it passed), for reading the
misses.
"""
import collections
import difflib
import functools
import json
import os
import subprocess
import sys
import tempfile

YEARS = ["2016", "2018", "2020"]
RUNS = ["proper", "noterm"]


def chrf(hyp, ref, n=6, beta=2.0):
    def grams(s, k):
        s = s.replace(" ", "")
        return collections.Counter(s[i:i + k] for i in range(len(s) - k + 1))
    precisions, recalls = [], []
    for k in range(1, n + 1):
        h, r = grams(hyp, k), grams(ref, k)
        if not h or not r:
            continue
        match = sum((h & r).values())
        precisions.append(match / sum(h.values()))
        recalls.append(match / sum(r.values()))
    if not precisions:
        return 0.0
    p, r = sum(precisions) / len(precisions), sum(recalls) / len(recalls)
    return 0.0 if p + r == 0 else (1 + beta**2) * p * r / (beta**2 * p + r)


TYPESET = str.maketrans({"\u2019": "'", "\u2018": "'", "\u2010": "-", "\u2011": "-",
                         "\u00a0": " "})


def fold(text):
    """Lower case, and typeset apostrophes, hyphens and spaces as typed: "People’s" in the
    glossary is "People's" in an output. One character for one, so offsets hold."""
    return text.lower().translate(TYPESET)


def same_term(suggestion, term):
    """The term, or the term inflected for number as the words it replaces ask."""
    a, b = fold(suggestion), fold(term)
    return a == b or a.rstrip("s") == b.rstrip("s") or a == b + "es"


def paragraphs(text):
    return [line for line in text.split("\n") if line.strip()]


def glossary(terms, path):
    """One entry per English term (its first rendering), with every source form."""
    by_term = collections.OrderedDict()
    for zh, ens in terms.items():
        if not ens or not zh.strip():
            continue
        en = ens[0].strip()
        if not en or "\t" in en or "|" in en or "|" in zh:
            continue
        by_term.setdefault(en.lower(), [en, []])[1].append(zh.strip())
    with open(path, "w") as f:
        f.write("term\tsource\tkind\tcase\n")
        for en, zhs in by_term.values():
            f.write(f"{en}\t{'|'.join(zhs)}\tterm\tignore\n")
    return {zh: ens for zh, ens in terms.items()}


def check(termlint, gloss, src, tgt, tmp):
    sp, tp = os.path.join(tmp, "src.txt"), os.path.join(tmp, "tgt.txt")
    open(sp, "w").write("\n".join(src) + "\n")
    open(tp, "w").write("\n".join(tgt) + "\n")
    out = subprocess.run([termlint, "check", tp, "--source", sp, "-g", gloss, "--format", "jsonl",
                          "--fail-level", "none"], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"termlint failed: {out.stderr}")
    by_line = collections.defaultdict(list)
    for line in out.stdout.splitlines():
        f = json.loads(line)
        by_line[f["line"] - 1].append(f)
    return by_line


def term_places(reference, term):
    """Character ranges where the reference has the term (case and typesetting aside)."""
    low, want = fold(reference), fold(term)
    places, at = [], low.find(want)
    while at >= 0:
        places.append((at, at + len(term)))
        at = low.find(want, at + 1)
    return places


def word_spans(text):
    """(start, end, word) of each whitespace-separated word of `text`."""
    spans, at = [], 0
    for word in text.split():
        at = text.index(word, at)
        spans.append((at, at + len(word), word))
        at += len(word)
    return spans


def located_words(output, reference, term, aligner="reordered"):
    """Character ranges of the output that a word alignment puts against the term in the
    reference, one per place the reference has the term (any of them is a correct
    location), or an empty list. `aligner` is a key of `ALIGNERS`."""
    places = term_places(reference, term)
    if not places:
        return []
    ref_words, out_words = word_spans(reference), word_spans(output)
    against = ALIGNERS[aligner]
    ranges = []
    for a, z in places:
        ref_idx = [k for k, (s, e, _) in enumerate(ref_words) if s < z and a < e]
        js = against(reference, output, ref_idx)
        if js:
            ranges.append((out_words[min(js)][0], out_words[max(js)][1]))
    return ranges


def difflib_against(reference, output, ref_idx):
    """Output word indices of the difflib opcodes that cover the reference words `ref_idx`."""
    ref_words = [w.lower().strip(".,;:()\"'") for _, _, w in word_spans(reference)]
    out_words = [w.lower().strip(".,;:()\"'") for _, _, w in word_spans(output)]
    sm = difflib.SequenceMatcher(None, ref_words, out_words, autojunk=False)
    js = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if any(i1 <= k < i2 for k in ref_idx):
            js += range(j1, j2)
    return js


FUNCTION_WORDS = set("""a an the of in on at to for from by with and or but as is are was were be
been being this that these those it its their his her our we they which who whom whose than then
also such not no into over under about per via""".split())


def align_key(word):
    """What two words must share to be aligned: lower case without the punctuation around
    them or a possessive, and only the first five letters of a longer word (so "authority"
    meets "authorities", "regulatory" meets "regulation")."""
    w = fold(word).strip(".,;:()\"'“”‘’[]!?")
    if w.endswith("'s"):
        w = w[:-2]
    return w[:5] if len(w) > 5 and w.isalpha() else w


@functools.lru_cache(maxsize=4096)
def weighted_alignment(reference, output):
    """Aligns the two texts' words: first the in-order alignment that pairs the most equal
    words (a content word counts 1, a function word 0.1, so "the" and "of" cannot pull the
    alignment across the paragraph as difflib's longest block can); then each content word
    of the reference still alone goes to the equal output word still alone nearest to where
    its aligned neighbours put it (within 30 words), for clauses a translation turned around.
    Returns the two maps reference word index -> output word index."""
    rk = [align_key(w) for _, _, w in word_spans(reference)]
    ok = [align_key(w) for _, _, w in word_spans(output)]
    n, m = len(rk), len(ok)
    at = collections.defaultdict(set)
    for j, w in enumerate(ok):
        at[w].add(j)
    weight = [0.1 if not w or w in FUNCTION_WORDS else 1.0 for w in rk]
    rows = [[0.0] * (m + 1)]
    for i in range(n):
        prev, cur, js = rows[-1], [0.0] * (m + 1), at.get(rk[i], ())
        for j in range(1, m + 1):
            best = prev[j] if prev[j] >= cur[j - 1] else cur[j - 1]
            if j - 1 in js and prev[j - 1] + weight[i] > best:
                best = prev[j - 1] + weight[i]
            cur[j] = best
        rows.append(cur)
    in_order, i, j = {}, n, m
    while i > 0 and j > 0:
        if rk[i - 1] == ok[j - 1] and abs(rows[i][j] - rows[i - 1][j - 1] - weight[i - 1]) < 1e-9:
            in_order[i - 1] = j - 1
            i, j = i - 1, j - 1
        elif rows[i - 1][j] >= rows[i][j - 1]:
            i -= 1
        else:
            j -= 1
    anchors = sorted(in_order.items())
    taken = set(in_order.values())
    moved = {}
    for i in range(n):
        if i in in_order or weight[i] < 1:
            continue
        free = [j for j in at.get(rk[i], ()) if j not in taken]
        if not free:
            continue
        left = max((p for p in anchors if p[0] < i), default=(-1, -1))
        right = min((p for p in anchors if p[0] > i), default=(n, m))
        expect = left[1] + (right[1] - left[1]) * (i - left[0]) / max(right[0] - left[0], 1)
        j = min(free, key=lambda c: abs(c - expect))
        if abs(j - expect) <= 30:
            moved[i] = j
            taken.add(j)
    return in_order, moved


def paired_against(reference, output, ref_idx):
    """Output word indices the weighted alignment pairs with the reference words `ref_idx`,
    or, when it pairs none of them, the output words between their aligned neighbours."""
    in_order, moved = weighted_alignment(reference, output)
    paired = [x[k] for x in (in_order, moved) for k in ref_idx if k in x]
    return paired or weighted_against(reference, output, ref_idx)


def reordered_against(reference, output, ref_idx):
    """difflib's words against the reference words `ref_idx`, or where difflib puts none
    against them (they lie in a deleted block), the weighted alignment's (`paired_against`)."""
    return difflib_against(reference, output, ref_idx) or paired_against(reference, output, ref_idx)


def weighted_against(reference, output, ref_idx):
    """Output word indices against the reference words `ref_idx`: those aligned with them,
    and the output words between the aligned words on either side of them."""
    in_order, moved = weighted_alignment(reference, output)
    k1, k2 = ref_idx[0], ref_idx[-1]
    left = max((i for i in in_order if i < k1), default=None)
    right = min((i for i in in_order if i > k2), default=None)
    lo = in_order[left] + 1 if left is not None else 0
    hi = in_order[right] - 1 if right is not None else len(output.split()) - 1
    js = [x[k] for x in (in_order, moved) for k in ref_idx if k in x]
    return js + list(range(lo, hi + 1))


ALIGNERS = {"reordered": reordered_against, "difflib": difflib_against,
            "weighted": weighted_against}


def main():
    root = os.environ.get("TERMLINT_WMT25")
    if not root or not os.path.isdir(root):
        print("TERMLINT_WMT25 is not set to the WMT25 `ranking` folder: skipped")
        return
    termlint = sys.argv[1] if len(sys.argv) > 1 else "target/release/termlint"
    totals = collections.Counter()
    per_system = collections.defaultdict(collections.Counter)
    dump_path = os.environ.get("TERMLINT_WMT25_DUMP")
    dump = open(dump_path, "w") if dump_path else None
    with tempfile.TemporaryDirectory() as tmp:
        for year in YEARS:
            docs = [json.loads(l) for l in open(f"{root}/references/track2/full_data_{year}.jsonl")]
            terms = docs[0]["proper"]
            gloss = os.path.join(tmp, f"g{year}.tsv")
            glossary(terms, gloss)
            src, ref = [], []
            for d in docs:
                z, e = paragraphs(d["zh"]), paragraphs(d["en"])
                if len(z) == len(e):
                    src += z
                    ref += e
            # The references themselves: every finding about a term they have is false.
            found = check(termlint, gloss, src, ref, tmp)
            false = 0
            for i, fs in found.items():
                for f in fs:
                    sug = fold((f["suggestions"] or [""])[0])
                    if not sug or sug in fold(ref[i]):
                        false += 1
            totals["ref_paragraphs"] += len(ref)
            totals["ref_false"] += false
            for system in sorted(os.listdir(f"{root}/submissions/track2")):
                for run in RUNS:
                    path = f"{root}/submissions/track2/{system}/{system}.{year}.zhen.{run}.jsonl"
                    if not os.path.exists(path):
                        continue
                    outs = [json.loads(l) for l in open(path)]
                    s, o, r = [], [], []
                    for d, out in zip(docs, outs):
                        z, e, h = paragraphs(d["zh"]), paragraphs(d["en"]), paragraphs(out["en"])
                        if len(z) == len(e) == len(h):
                            s += z; r += e; o += h
                        else:
                            totals["skipped_paragraphs"] += len(z)
                    found = check(termlint, gloss, s, o, tmp)
                    for i, (zs, hyp, rf) in enumerate(zip(s, o, r)):
                        passed = pair_figures(found, i, zs, hyp, rf, terms, o, dump,
                                              f"{system}.{year}.{run}")
                        totals.update(passed)
                        per_system[system].update(passed)
    report("all systems", totals)
    print(f"references: {totals['ref_false']} false findings in {totals['ref_paragraphs']} paragraphs "
          f"({100 * totals['ref_false'] / max(totals['ref_paragraphs'], 1):.2f} per 100)")
    print(f"paragraphs skipped (output not paragraph-aligned): {totals['skipped_paragraphs']}")
    for system, figures in sorted(per_system.items()):
        report(system, figures)
    if dump:
        dump.close()


def report(name, totals):
    pairs = max(totals["pairs"], 1)
    print(f"{name}: pairs {totals['pairs']}, found {totals['found']} "
          f"({100 * totals['found'] / pairs:.1f}%), fixed {totals['fixed']} "
          f"({100 * totals['fixed'] / pairs:.1f}%), located {totals['located']} "
          f"({100 * totals['located'] / max(totals['fixed'], 1):.1f}% of fixed; by difflib "
          f"alone {totals['located_difflib']}, "
          f"{100 * totals['located_difflib'] / max(totals['fixed'], 1):.1f}%; by the weighted "
          f"alignment {totals['located_weighted']}, "
          f"{100 * totals['located_weighted'] / max(totals['fixed'], 1):.1f}%)")


def pair_figures(found, i, zs, hyp, rf, terms, o, dump, run_name):
    """The figures one output paragraph adds: for each term its source has, the reference
    has and the output lacks."""
    totals = collections.Counter()
    for zh, ens in terms.items():
        if not zh.strip() or zh not in zs or not ens:
            continue
        forms = [fold(x) for x in ens if x.strip()]
        if not any(x in fold(rf) for x in forms):
            continue
        if any(x in fold(hyp) for x in forms):
            continue
        totals["pairs"] += 1
        term = ens[0].strip()
        stage, replaced, confidence, span = pair_stage(found, i, hyp, rf, ens, term, o)
        for passed in ("found", "fixed", "located")[:stage]:
            totals[passed] += 1
        others = {aligner: span is not None and is_located(hyp, rf, ens, span, aligner)
                  for aligner in ("difflib", "weighted")}
        for aligner, located in others.items():
            totals[f"located_{aligner}"] += located
        if dump:
            dump.write(json.dumps({"run": run_name, "line": i, "term": term, "source": zh,
                                   "stage": ["missed", "found", "fixed", "located"][stage],
                                   "replaced": replaced, "span": span, "confidence": confidence,
                                   "forms": ens,
                                   "located_difflib": others["difflib"],
                                   "located_weighted": others["weighted"],
                                   "output": hyp, "reference": rf},
                                  ensure_ascii=False) + "\n")
    return totals


def pair_stage(found, i, hyp, rf, ens, term, o):
    """How far one pair gets: 0 missed, 1 found, 2 fixed, 3 located; the words the fix
    replaces (or None); the finding's confidence (or None); the characters of the output the
    fix replaces, once it is fixed (or None)."""
    hit = [f for f in found.get(i, []) if same_term((f["suggestions"] or [""])[0], term)]
    if not hit:
        return 0, None, None, None
    f = hit[0]
    confidence = f.get("confidence")
    if not f["fix"]:
        return 1, None, confidence, None
    edits = f["fix"]["edits"]
    # Offsets are bytes into the whole target file: make them line-local.
    base = len("\n".join(o[:i]).encode()) + (1 if i else 0)
    b = hyp.encode()
    e0 = edits[0]
    a, z_ = e0["start"] - base, e0["end"] - base
    replaced = b[a:z_].decode(errors="replace") if 0 <= a <= z_ <= len(b) else None
    if a == z_ or (a == 0 and z_ == len(b)):
        return 1, replaced, confidence, None
    fixed = (b[:a] + e0["content"].encode() + b[z_:]).decode()
    if fold(e0["content"]).rstrip("s") not in fold(fixed) or \
            not same_term(e0["content"], term):
        return 1, replaced, confidence, None
    if chrf(fixed, rf) < chrf(hyp, rf):
        return 1, replaced, confidence, None
    char_a = len(b[:a].decode())
    char_z = len(b[:z_].decode())
    if is_located(hyp, rf, ens, (char_a, char_z), "reordered"):
        return 3, replaced, confidence, (char_a, char_z)
    return 2, replaced, confidence, (char_a, char_z)


def is_located(hyp, rf, ens, span, aligner):
    """Whether the output characters `span` overlap the words the alignment puts against the
    term (its first English form the reference has)."""
    want = []
    for x in ens:
        want = located_words(hyp, rf, x, aligner)
        if want:
            break
    return any(span[0] < w[1] and w[0] < span[1] for w in want)


if __name__ == "__main__":
    main()
