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
           (difflib) puts against the term, at any of the places the reference has it.
And: findings on the references per 100 paragraphs that are not about a term the reference
lacks. The reference is used only to measure. Figures are also given per system.

Set TERMLINT_WMT25_DUMP to a file name to get one JSON line per (paragraph, term) pair (output,
reference, term, the finding's fix, and which of found/fixed/located it passed), for reading the
misses.
"""
import collections
import difflib
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


def located_words(output, reference, term):
    """Character ranges of the output that a word alignment puts against the term in the
    reference, one per place the reference has the term (any of them is a correct
    location), or an empty list."""
    low, want = fold(reference), fold(term)
    places, at = [], low.find(want)
    while at >= 0:
        places.append((at, at + len(term)))
        at = low.find(want, at + 1)
    if not places:
        return []
    ref_words, out_words = [], []
    for words, text in ((ref_words, reference), (out_words, output)):
        i = 0
        for w in text.split():
            i = text.index(w, i)
            words.append((i, i + len(w), w.lower().strip(".,;:()\"'")))
            i += len(w)
    sm = difflib.SequenceMatcher(None, [w for _, _, w in ref_words], [w for _, _, w in out_words],
                                 autojunk=False)
    opcodes = sm.get_opcodes()
    ranges = []
    for span in places:
        ref_idx = [k for k, (s, e, _) in enumerate(ref_words) if s < span[1] and span[0] < e]
        hits = []
        for tag, i1, i2, j1, j2 in opcodes:
            if any(i1 <= k < i2 for k in ref_idx) and j2 > j1:
                hits.append((out_words[j1][0], out_words[j2 - 1][1]))
        if hits:
            ranges.append((min(h[0] for h in hits), max(h[1] for h in hits)))
    return ranges


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
          f"({100 * totals['located'] / max(totals['fixed'], 1):.1f}% of fixed)")


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
        stage, replaced, confidence = pair_stage(found, i, hyp, rf, ens, term, o)
        for passed in ("found", "fixed", "located")[:stage]:
            totals[passed] += 1
        if dump:
            dump.write(json.dumps({"run": run_name, "line": i, "term": term, "source": zh,
                                   "stage": ["missed", "found", "fixed", "located"][stage],
                                   "replaced": replaced, "confidence": confidence,
                                   "output": hyp, "reference": rf},
                                  ensure_ascii=False) + "\n")
    return totals


def pair_stage(found, i, hyp, rf, ens, term, o):
    """How far one pair gets: 0 missed, 1 found, 2 fixed, 3 located; the words the fix
    replaces (or None); the finding's confidence (or None)."""
    hit = [f for f in found.get(i, []) if same_term((f["suggestions"] or [""])[0], term)]
    if not hit:
        return 0, None, None
    f = hit[0]
    confidence = f.get("confidence")
    if not f["fix"]:
        return 1, None, confidence
    edits = f["fix"]["edits"]
    # Offsets are bytes into the whole target file: make them line-local.
    base = len("\n".join(o[:i]).encode()) + (1 if i else 0)
    b = hyp.encode()
    e0 = edits[0]
    a, z_ = e0["start"] - base, e0["end"] - base
    replaced = b[a:z_].decode(errors="replace") if 0 <= a <= z_ <= len(b) else None
    if a == z_ or (a == 0 and z_ == len(b)):
        return 1, replaced, confidence
    fixed = (b[:a] + e0["content"].encode() + b[z_:]).decode()
    if fold(e0["content"]).rstrip("s") not in fold(fixed) or \
            not same_term(e0["content"], term):
        return 1, replaced, confidence
    if chrf(fixed, rf) < chrf(hyp, rf):
        return 1, replaced, confidence
    char_a = len(b[:a].decode())
    char_z = len(b[:z_].decode())
    want = []
    for x in ens:
        want = located_words(hyp, rf, x)
        if want:
            break
    if any(char_a < w[1] and w[0] < char_z for w in want):
        return 3, replaced, confidence
    return 2, replaced, confidence


if __name__ == "__main__":
    main()
