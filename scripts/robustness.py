#!/usr/bin/env python3
"""How much bare-glossary detection depends on how a glossary is written (issue #14).

Scores the bare seed glossary and its rewritten versions in corpus/glossaries/robustness/
(no notes, notes reworded by another hand, other forms of the entries, merged with 210 terms of
computing, and one written from scratch for the seed by someone else) on:
  - the seed article: term+sense rows found (the issue's figure), keep rows flagged, findings
    outside annotated rows;
  - clean text, where every finding is a false alarm: corpus/onbeat/ (stories of the beat),
    corpus/clean/ (WordNet example sentences) and corpus/clean-beat/ (White House texts of the
    beat), as findings per 1,000 words.

Usage: python3 scripts/robustness.py [--termlint PATH] [GLOSSARY...]
Builds nothing: give the binary (default target/release/termlint; run `cargo build --release`).
"""

import argparse
import glob
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLEAN_SETS = {
    "onbeat": "corpus/onbeat/*.txt",
    "clean": "corpus/clean/*.txt",
    "clean-beat": "corpus/clean-beat/*.txt",
}


def run(binary, args):
    out = subprocess.run([binary, *args], cwd=ROOT, capture_output=True, text=True)
    if out.returncode == 2:
        sys.exit(f"termlint {' '.join(args)} failed:\n{out.stderr}")
    return out.stdout


def seed_figures(binary, glossary):
    report = json.loads(
        run(
            binary,
            [
                "eval",
                "corpus/seed/article.txt",
                "-a",
                "corpus/seed/annotations.tsv",
                "-g",
                glossary,
                "--format",
                "json",
            ],
        )
    )
    classes = report["classes"]
    rows = sum(classes[c]["rows"] for c in ("term", "sense"))
    found = sum(classes[c]["flagged"] for c in ("term", "sense"))
    outside = report["findings"] - report["true_findings"]
    return found, rows, report["keep_flagged"], outside


def clean_rate(binary, glossary, pattern):
    files = sorted(glob.glob(os.path.join(ROOT, pattern)))
    words = sum(len(open(f, encoding="utf-8").read().split()) for f in files)
    rel = [os.path.relpath(f, ROOT) for f in files]
    lines = run(binary, ["check", *rel, "-g", glossary, "--format", "jsonl", "--fail-level", "none"])
    findings = len([line for line in lines.splitlines() if line.strip()])
    return findings, 1000.0 * findings / words


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--termlint", default=os.path.join(ROOT, "target/release/termlint"))
    parser.add_argument("glossaries", nargs="*")
    args = parser.parse_args()
    glossaries = args.glossaries or ["corpus/glossaries/seed-bare.tsv"] + sorted(
        os.path.relpath(p, ROOT)
        for p in glob.glob(os.path.join(ROOT, "corpus/glossaries/robustness/*.tsv"))
    )
    header = ["glossary", "term+sense", "keep", "outside"] + [
        f"{name} /1000" for name in CLEAN_SETS
    ]
    print("\t".join(header))
    for glossary in glossaries:
        found, rows, keep, outside = seed_figures(args.termlint, glossary)
        cells = [os.path.basename(glossary), f"{found}/{rows} = {found / rows:.2f}", str(keep), str(outside)]
        for pattern in CLEAN_SETS.values():
            count, rate = clean_rate(args.termlint, glossary, pattern)
            cells.append(f"{count} = {rate:.2f}")
        print("\t".join(cells))


if __name__ == "__main__":
    main()
