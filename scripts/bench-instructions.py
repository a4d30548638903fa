#!/usr/bin/env python3
"""Instruction counts of the source-aware bench (#13), each check counted alone by callgrind.

Timings on a shared machine are noisy; instruction counts are not. This runs the bench
binary (`benches/source_aware.rs`) under callgrind, one dump per measured check (the bench
calls each through `one_check`), and prints each row's instructions per check (the median
of the runs after the warm-up) and its ratio to the monolingual check above it.

    CARGO_PROFILE_BENCH_DEBUG=line-tables-only cargo bench --bench source_aware --no-run
    python3 scripts/bench-instructions.py target/release/deps/source_aware-HASH [--only WORD]

Rayon runs on one thread, so the counts do not depend on scheduling. Instructions understate
the wall-clock ratio where the monolingual check runs at a higher rate (automata) than the
source-aware code (allocation, hashing).
"""
import os
import re
import subprocess
import sys
import tempfile

RUNS = 2


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    bench, extra = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory() as folder:
        out = os.path.join(folder, "cg.out")
        command = [
            "valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
            "--toggle-collect=source_aware::one_check",
            "--dump-after=source_aware::one_check",
            bench, "--runs", str(RUNS), "--no-commands", *extra,
        ]
        env = dict(os.environ, RAYON_NUM_THREADS="1")
        printed = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        dumps = sorted(
            (f for f in os.listdir(folder) if re.fullmatch(r"cg\.out\.\d+", f)),
            key=lambda f: int(f.rsplit(".", 1)[1]),
        )
        counts = [instructions(os.path.join(folder, f)) for f in dumps]
    rows = [line for line in printed.stdout.splitlines() if re.search(r"\d+\.\d+x$", line)]
    if len(counts) != len(rows) * (RUNS + 1):
        sys.exit(f"{len(counts)} dumps for {len(rows)} rows of {RUNS + 1} checks each")
    print(f"{'check':<34} {'instructions':>14} {'x mono':>8}")
    mono = None
    for i, row in enumerate(rows):
        label = row[:34].strip()
        per_run = sorted(counts[i * (RUNS + 1) + 1:(i + 1) * (RUNS + 1)])
        count = per_run[len(per_run) // 2]
        if label == "monolingual":
            mono = count
        print(f"{label:<34} {count:>14,} {count / mono:>7.2f}x")


def instructions(path):
    """The instruction total of one callgrind dump."""
    with open(path) as dump:
        for line in dump:
            if line.startswith(("summary:", "totals:")):
                return int(line.split()[1])
    sys.exit(f"{path}: no instruction total")


if __name__ == "__main__":
    main()
