#!/usr/bin/env python3
"""Speed of the source-aware check on real MT output (#13): WMT25 Track 2 systems' files.

For every system and run (`proper`, `noterm`) of years 2016, 2018 and 2020, writes the source,
the system's output (paragraph-aligned documents only, one paragraph per line) and the year's
glossary as `scripts/wmt25_track2.py` builds them, then runs the bench's `--pair` row on them:
the monolingual check of the output against the check with `--source`. Rayon runs on one
thread, so the two are compared on the same footing.

    cargo bench --bench source_aware --no-run
    TERMLINT_WMT25=/path/to/ranking python3 scripts/wmt25_speed.py \\
        target/release/deps/source_aware-HASH [--instructions]

By default each figure is the bench's median time; `--instructions` counts instructions with
callgrind instead (`scripts/bench-instructions.py`, about two minutes a file; unlike times,
counts do not depend on the machine's load). Prints one row per file and the median ratio.

The bench times the check alone, in a process that has loaded everything once. What a user
waits for is the whole command, which also reads the lexicons and prepares the glossary
(the same for both checks) and, with a Chinese source, the CC-CEDICT dictionary. `--cli`
times that instead, with the release binary (one thread, median of five runs each):

    TERMLINT_WMT25=/path/to/ranking python3 scripts/wmt25_speed.py \
        --cli target/release/termlint
Years 2022 and 2024 are held out: never read here (set WMT25_SPEED_YEARS=2022,2024 to
measure them once they may be).
"""
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wmt25_track2 as track2  # noqa: E402


def bitexts(root, folder, years):
    """Writes each system run's source, output and glossary; yields (name, src, tgt, glossary)."""
    for year in years:
        docs = [json.loads(l) for l in open(f"{root}/references/track2/full_data_{year}.jsonl")]
        gloss = os.path.join(folder, f"glossary-{year}.tsv")
        track2.glossary(docs[0]["proper"], gloss)
        for system in sorted(os.listdir(f"{root}/submissions/track2")):
            for run in track2.RUNS:
                path = f"{root}/submissions/track2/{system}/{system}.{year}.zhen.{run}.jsonl"
                if not os.path.exists(path):
                    continue
                outs = [json.loads(l) for l in open(path)]
                source, output = [], []
                for d, out in zip(docs, outs):
                    z, e = track2.paragraphs(d["zh"]), track2.paragraphs(d["en"])
                    h = track2.paragraphs(out["en"])
                    if len(z) == len(e) == len(h):
                        source += z
                        output += h
                name = f"{system}.{year}.{run}"
                src, tgt = (os.path.join(folder, f"{name}.{side}") for side in ("zh", "en"))
                open(src, "w").write("\n".join(source) + "\n")
                open(tgt, "w").write("\n".join(output) + "\n")
                yield name, src, tgt, gloss


def measure(bench, src, tgt, gloss, instructions):
    """(monolingual, source-aware) figures of the bench's --pair row."""
    args = ["--only", "pair", "--pair", src, tgt, gloss]
    if instructions:
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-instructions.py")
        out = subprocess.run([sys.executable, script, bench, *args], capture_output=True,
                             text=True, check=True).stdout
    else:
        # The check alone: without the bench's whole-command rows, which would come last.
        env = dict(os.environ, RAYON_NUM_THREADS="1")
        out = subprocess.run([bench, "--runs", "5", "--no-commands", *args],
                             capture_output=True, text=True, check=True, env=env).stdout
    rows = [l for l in out.splitlines() if re.search(r"\d+\.\d+x$", l)]
    figure = lambda row: float(row[34:].split()[0].replace(",", ""))  # noqa: E731
    # The last two rows are the pair's: its monolingual check, then with --source.
    return figure(rows[-2]), figure(rows[-1])


def command_time(termlint, src, tgt, gloss, runs=5):
    """(monolingual, source-aware) median seconds of the whole `termlint check` command."""
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    mono = [termlint, "check", tgt, "--glossary", gloss, "--format", "json"]
    aware = [*mono, "--source", src]
    times = {"mono": [], "aware": []}
    for _ in range(runs):
        # Taken in turns, so a change in the machine's load falls on both alike.
        for key, command in (("mono", mono), ("aware", aware)):
            start = time.perf_counter()
            done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE, text=True)
            times[key].append(time.perf_counter() - start)
            # 0: nothing found, 1: findings (the linters' convention); anything else failed.
            if done.returncode not in (0, 1):
                sys.exit(f"{' '.join(command)} failed: {done.stderr}")
    return statistics.median(times["mono"]) * 1000, statistics.median(times["aware"]) * 1000


def main():
    root = os.environ.get("TERMLINT_WMT25")
    if not root or not os.path.isdir(root) or len(sys.argv) < 2:
        print(__doc__ if len(sys.argv) < 2 else "TERMLINT_WMT25 is not set: skipped")
        return
    cli = sys.argv[1] == "--cli"
    if cli and len(sys.argv) < 3:
        sys.exit(__doc__)
    bench = sys.argv[2] if cli else sys.argv[1]
    instructions = "--instructions" in sys.argv[2:]
    years = os.environ.get("WMT25_SPEED_YEARS", ",".join(track2.YEARS)).split(",")
    unit = "instructions" if instructions else "ms"
    print(f"{'file':<42} {'mono ' + unit:>18} {'--source':>16} {'ratio':>7}")
    ratios = []
    with tempfile.TemporaryDirectory() as folder:
        for name, src, tgt, gloss in bitexts(root, folder, years):
            if cli:
                mono, source = command_time(bench, src, tgt, gloss)
            else:
                mono, source = measure(bench, src, tgt, gloss, instructions)
            ratios.append(source / mono)
            print(f"{name:<42} {mono:>18,.1f} {source:>16,.1f} {source / mono:>6.2f}x", flush=True)
    print(f"{len(ratios)} files: median {statistics.median(ratios):.2f}x, "
          f"max {max(ratios):.2f}x, min {min(ratios):.2f}x")


if __name__ == "__main__":
    main()
