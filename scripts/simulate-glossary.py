#!/usr/bin/env python3
"""Dev aid: check a termlint glossary and simulate its matching in Python.

This is NOT termlint. It approximates the documented matching semantics so a glossary author can
see what an entry would catch before the Rust engine exists or without building it:

- text normalised (curly quotes -> straight, en/em dashes -> '-');
- whole-word matches only (no letter or digit right before/after);
- `case`: smart (uppercase in the pattern must match, lowercase matches any case), exact, ignore;
- variants and cue words inflected: -s/-es/-ies, possessive 's, -ed/-d, -ing (last word of a
  multi-word variant only);
- `context`: a cue must occur in the same sentence or the sentence before;
- `unless`: an occurrence of the phrase (case-insensitive) overlapping the match vetoes it;
- overlapping candidates: leftmost-longest over all raw variant matches, then filters
  (`--filter-first` filters before choosing, the other plausible engine design).

Usage:
  scripts/simulate-glossary.py check GLOSSARY
  scripts/simulate-glossary.py seed GLOSSARY [--article A --annotations T]
  scripts/simulate-glossary.py text GLOSSARY FILE...        (findings in arbitrary text)
  scripts/simulate-glossary.py lines GLOSSARY TSV COLUMN    (each cell of a TSV column as a text)
"""
import argparse
import re
import sys
import tomllib

ALLOWED_TOP = {"name", "description", "entry"}
ALLOWED_KEYS = {"term", "variants", "kind", "case", "context", "unless", "severity", "fix", "note"}
KINDS = {"name", "org", "chem", "term", "phrase"}
CASES = {"smart", "exact", "ignore"}
SEVERITIES = {"error", "warning", "info"}
FIXES = {"safe", "suggest"}

WORD = r"[^\W_]"  # a letter or digit


def normalise(text):
    table = {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
        "\u00a0": " ",
    }
    # one-to-one replacement keeps byte offsets comparable in character terms
    return "".join(table.get(c, c) for c in text)


def inflections(word):
    forms = {word, word + "'s", word + "s'"}
    low = word.lower()
    if re.search(r"[^aeiou]y$", low):
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    elif re.search(r"(s|x|z|ch|sh)$", low):
        forms |= {word + "es", word + "ed", word + "ing"}
    else:
        forms.add(word + "s")
        if low.endswith("e"):
            forms |= {word + "d", word[:-1] + "ing"}
        else:
            forms |= {word + "ed", word + "ing"}
    return forms


def phrase_forms(phrase):
    parts = phrase.split(" ")
    if not re.search(r"[A-Za-z]$", parts[-1]):
        return {phrase}
    return {" ".join(parts[:-1] + [f]) for f in inflections(parts[-1])}


def pattern(text, case):
    out = []
    for c in text:
        if case == "smart" and c.isalpha() and c.islower():
            out.append("[%s%s]" % (c, c.upper()))
        elif c == " ":
            out.append(r"\s+")
        else:
            out.append(re.escape(c))
    body = "".join(out)
    pre = "(?<!%s)" % WORD if re.match(WORD, text[0]) else ""
    post = "(?!%s)" % WORD if re.search(WORD + "$", text) else ""
    flags = re.I if case == "ignore" else 0
    return re.compile(pre + body + post, flags)


def forms_regex(forms, case):
    return [pattern(f, case) for f in sorted(forms, key=len, reverse=True)]


ABBREV = re.compile(r"(?:\b(?:U\.S|U\.K|U\.N|Mr|Mrs|Ms|Dr|St|Sen|Rep|Gov|Gen|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec|No|vs|etc|Inc|Corp|Ltd|Co)|\b[A-Z])\.$")


def sentences(text):
    """Return a list of (start, end) sentence spans."""
    spans, start = [], 0
    for m in re.finditer(r"[.!?]+[\"')\]]*(?=\s)|\n\s*\n|\n", text):
        end = m.end()
        if text[m.start()] == "." and ABBREV.search(text[max(0, m.start() - 6):m.start() + 1]):
            continue
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


class Entry:
    def __init__(self, d):
        self.d = d
        self.term = d["term"]
        self.case = d.get("case", "smart")
        self.variants = d.get("variants", [])
        self.vregex = [(v, forms_regex(phrase_forms(v), self.case)) for v in self.variants]
        self.cues = [forms_regex(phrase_forms(c), "smart") for c in d.get("context", [])]
        self.unless = [pattern(u, "ignore") for u in d.get("unless", [])]


def load(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


def check(data):
    errors = []
    for k in data:
        if k not in ALLOWED_TOP:
            errors.append("unknown top-level key %r" % k)
    if not data.get("name"):
        errors.append("missing name")
    terms = {}
    for i, e in enumerate(data.get("entry", [])):
        where = "entry %d (%s)" % (i, e.get("term"))
        for k in e:
            if k not in ALLOWED_KEYS:
                errors.append("%s: unknown key %r" % (where, k))
        t = e.get("term", "")
        if not t.strip():
            errors.append("%s: empty term" % where)
        if t.lower() in terms:
            errors.append("%s: duplicate term (also entry %d)" % (where, terms[t.lower()]))
        terms[t.lower()] = i
        if e.get("kind", "term") not in KINDS:
            errors.append("%s: bad kind" % where)
        if e.get("case", "smart") not in CASES:
            errors.append("%s: bad case" % where)
        if e.get("severity", "error") not in SEVERITIES:
            errors.append("%s: bad severity" % where)
        if e.get("fix", "safe") not in FIXES:
            errors.append("%s: bad fix" % where)
        vs = e.get("variants", [])
        if len({v.lower() for v in vs}) != len(vs):
            errors.append("%s: duplicate variant" % where)
        for v in vs:
            if not v.strip():
                errors.append("%s: empty variant" % where)
            if pattern(v, "ignore").search(t):
                errors.append("%s: term contains its own variant %r" % (where, v))
            if v.lower() == t.lower():
                errors.append("%s: variant equals term" % where)
        for key in ("variants", "context", "unless"):
            if key in e and not isinstance(e[key], list):
                errors.append("%s: %s must be a list" % (where, key))
    for i, e in enumerate(data.get("entry", [])):
        for v in e.get("variants", []):
            j = terms.get(v.lower())
            if j is not None and j != i:
                errors.append("entry %d (%s): variant %r equals the term of entry %d" % (i, e["term"], v, j))
    return errors


def find(entries, text, filter_first=False):
    text = normalise(text)
    sents = sentences(text)

    def sentence_index(pos):
        for k, (a, b) in enumerate(sents):
            if a <= pos < b:
                return k
        return len(sents) - 1

    raw = []
    lowered = text.lower()
    for e in entries:
        for v, regs in e.vregex:
            # cheap prefilter: inflection only changes the last two letters or appends
            if v.lower()[: max(1, len(v) - 2)] not in lowered:
                continue
            for r in regs:
                for m in r.finditer(text):
                    raw.append((m.start(), m.end(), e, v))

    def passes(c):
        s, t, e, v = c
        for u in e.unless:
            for m in u.finditer(text):
                if m.start() < t and s < m.end():
                    return False
        if e.cues:
            k = sentence_index(s)
            a = sents[k - 1][0] if k > 0 else (sents[k][0] if sents else 0)
            b = sents[k][1] if sents else len(text)
            window = text[a:b]
            # the match itself is not its own cue
            window = window[: s - a] + " " * (t - s) + window[t - a:]
            if not any(r.search(window) for regs in e.cues for r in regs):
                return False
        return True

    if filter_first:
        raw = [c for c in raw if passes(c)]
    raw.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    chosen, last_end = [], -1
    for c in raw:
        if c[0] >= last_end:
            chosen.append(c)
            last_end = c[1]
    if not filter_first:
        chosen = [c for c in chosen if passes(c)]
    return text, [(s, t, e.term, v, text[s:t], e.d.get("severity", "error")) for s, t, e, v in chosen]


def whole_word_occurrences(text, phrase):
    r = re.compile(r"(?<![\w])" + re.escape(phrase) + r"(?![\w])")
    return [(m.start(), m.end()) for m in r.finditer(text)]


def cmd_seed(entries, args):
    raw = open(args.article, encoding="utf-8").read()
    text, findings = find(entries, raw, args.filter_first)
    rows = []
    for line in open(args.annotations, encoding="utf-8"):
        if line.startswith("#") or line.startswith("phrase\t") or not line.strip():
            continue
        phrase, nth, corr, cls = line.rstrip("\n").split("\t")
        occ = whole_word_occurrences(text, normalise(phrase))
        span = occ[int(nth) - 1] if len(occ) >= int(nth) else None
        rows.append((phrase, int(nth), corr, cls, span))
    used = set()
    by_class = {}
    print("== annotation rows ==")
    for phrase, nth, corr, cls, span in rows:
        hits = [i for i, f in enumerate(findings) if span and f[0] < span[1] and span[0] < f[1]]
        used.update(hits)
        ok = bool(hits) != (cls == "keep")
        by_class.setdefault(cls, [0, 0])
        by_class[cls][0] += ok
        by_class[cls][1] += 1
        mark = "ok  " if ok else "MISS" if cls != "keep" else "FALSE"
        via = "; ".join("%r->%r" % (findings[i][4], findings[i][2]) for i in hits)
        print("%s %-6s %-32s #%d  %s" % (mark, cls, phrase, nth, via))
    print("== findings outside annotated rows ==")
    for i, f in enumerate(findings):
        if i not in used:
            print("  %r -> %r  [%s]" % (f[4], f[2], f[5]))
    print("== summary ==")
    for cls, (good, n) in sorted(by_class.items()):
        label = "not flagged" if cls == "keep" else "caught"
        print("  %-6s %d/%d %s" % (cls, good, n, label))
    core = [by_class.get(c, [0, 0]) for c in ("name", "chem", "term", "sense")]
    print("  name+chem+term+sense caught: %d/%d" % (sum(c[0] for c in core), sum(c[1] for c in core)))
    print("  findings outside rows: %d" % (len(findings) - len(used)))


def cmd_text(entries, args):
    total = 0
    words = 0
    for path in args.files:
        try:
            raw = open(path, encoding="utf-8", errors="replace").read()
        except OSError as err:
            print("skip %s: %s" % (path, err), file=sys.stderr)
            continue
        words += len(raw.split())
        text, findings = find(entries, raw, args.filter_first)
        for s, t, term, v, m, sev in findings:
            ctx = text[max(0, s - 60):t + 60].replace("\n", " ")
            print("%s: %r -> %r [%s]  ...%s..." % (path, m, term, sev, ctx))
        total += len(findings)
    print("== %d findings in %d files, %d words ==" % (total, len(args.files), words))


def cmd_lines(entries, args):
    total = n = 0
    with open(args.tsv, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        col = header.index(args.column)
        for line in f:
            cells = line.rstrip("\n").split("\t")
            if len(cells) <= col:
                continue
            n += 1
            text, findings = find(entries, cells[col], args.filter_first)
            for s, t, term, v, m, sev in findings:
                print("%r: %r -> %r [%s]" % (cells[col], m, term, sev))
            total += len(findings)
    print("== %d findings in %d cells ==" % (total, n))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--filter-first", action="store_true", help="apply context/unless before leftmost-longest")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("check")
    p.add_argument("glossary")
    p = sub.add_parser("seed")
    p.add_argument("glossary")
    p.add_argument("--article", default="/work/shared/seed/article.txt")
    p.add_argument("--annotations", default="/work/shared/seed/annotations.tsv")
    p = sub.add_parser("text")
    p.add_argument("glossary")
    p.add_argument("files", nargs="+")
    p = sub.add_parser("lines")
    p.add_argument("glossary")
    p.add_argument("tsv")
    p.add_argument("column")
    args = ap.parse_args()

    data = load(args.glossary)
    errors = check(data)
    if args.cmd == "check":
        n = len(data.get("entry", []))
        nv = sum(len(e.get("variants", [])) for e in data.get("entry", []))
        print("%d entries, %d variants" % (n, nv))
        for err in errors:
            print("ERROR", err)
        sys.exit(1 if errors else 0)
    if errors:
        for err in errors:
            print("ERROR", err, file=sys.stderr)
        sys.exit(2)
    entries = [Entry(e) for e in data["entry"]]
    {"seed": cmd_seed, "text": cmd_text, "lines": cmd_lines}[args.cmd](entries, args)


if __name__ == "__main__":
    main()
