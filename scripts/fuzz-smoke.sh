#!/usr/bin/env bash
# A short smoke run of every fuzz target (FUZZ_SECONDS each, 30 by default), starting from the
# seed corpora in fuzz/corpus/. Not part of .ci/run: run it by hand after touching the parsers,
# the checker or fix application. See docs/fuzzing.md.
#
# cargo-fuzz needs nightly features; on the stable toolchain RUSTC_BOOTSTRAP=1 unlocks them.
# The targets are built without a sanitizer (-s none): termlint is safe Rust, so what we look
# for are panics, and they run several times faster that way.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds="${FUZZ_SECONDS:-30}"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(glossary_parse check fix_apply)
export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install cargo-fuzz
fi
nice -n 19 cargo fuzz build -s none -O
for target in "${targets[@]}"; do
    # New inputs go to a fresh scratch corpus, so the committed seeds stay small and the run
    # starts from the seeds only (a long run's corpus in work/ takes minutes to replay).
    work="$(mktemp -d)"
    echo "== $target: ${seconds}s"
    nice -n 19 cargo fuzz run -s none -O "$target" "$work" "corpus/$target" -- \
        -max_total_time="$seconds" -max_len=4096 -print_final_stats=1
    rm -rf "$work"
done
echo "fuzz smoke: no crash in ${#targets[@]} targets"
