#!/usr/bin/env bash
# Coverage-guided fuzzing (fuzz/, cargo-fuzz + libFuzzer on the nightly toolchain): runs each
# target for a set time, keeps its corpus under fuzz/corpus/<target> (merged and minimized: only
# inputs that add coverage stay), and prints executions and crashes per target. Crashing inputs
# are kept in fuzz/artifacts/<target>/ (not committed): turn each into a regression test.
#
#   scripts/fuzz.sh [seconds per target, default 300] [target ...]   (default: every target)
#   scripts/fuzz.sh --seed    writes the seed inputs (tests/src/fuzzing/seeds.rs) into the corpus
#
# Needs `rustup toolchain install nightly` and `cargo install cargo-fuzz`. Set CARGO_TARGET_DIR
# to build elsewhere than fuzz/target (a tmpfs, say). The stable corpus
# regression test is tests/tests/fuzz_corpus.rs (part of `cargo test --workspace`).
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(sync_request enroll_request document_changes document_edits bundle photo roster)

if [[ "${1:-}" == "--seed" ]]; then
    cargo test --workspace --test fuzz_corpus -- --ignored write_seed_corpus
    exit 0
fi

seconds=${1:-300}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")

command -v cargo-fuzz >/dev/null || { echo "cargo-fuzz missing: cargo install cargo-fuzz" >&2; exit 1; }
# No sanitizer: the targets are safe Rust; libFuzzer still catches panics, aborts, stack
# overflows, leaks of time (-timeout) and memory (-rss_limit_mb).
(cd fuzz && cargo +nightly fuzz build -s none)
bin=${CARGO_TARGET_DIR:-fuzz/target}/x86_64-unknown-linux-gnu/release

printf '%-18s %8s %12s %8s %8s\n' target seconds executions corpus crashes
status=0
for t in "${targets[@]}"; do
    corpus=fuzz/corpus/$t
    artifacts=fuzz/artifacts/$t
    work=$(mktemp -d)
    mkdir -p "$corpus" "$artifacts"
    count_findings() { find "$artifacts" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) | wc -l; }
    before=$(count_findings)
    log=$work/run.log
    # New inputs go to a scratch folder first; the merge below keeps those that add coverage.
    # Fork mode (one child at a time) goes on past a crash, keeping each crashing input.
    mkdir -p "$work/new"
    "$bin/$t" "$work/new" "$corpus" -fork=1 -ignore_crashes=1 -max_total_time="$seconds" \
        -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/" >"$log" 2>&1 < /dev/null || true
    execs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
    mkdir -p "$work/merged"
    "$bin/$t" -merge=1 -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$artifacts/" \
        "$work/merged" "$corpus" "$work/new" >"$work/merge.log" 2>&1 < /dev/null || true
    if [[ -n "$(ls -A "$work/merged")" ]]; then
        rm -rf "$corpus"
        mv "$work/merged" "$corpus"
    fi
    crashes=$(( $(count_findings) - before ))
    printf '%-18s %8s %12s %8s %8s\n' "$t" "$seconds" "${execs:-?}" "$(ls "$corpus" | wc -l)" "$crashes"
    if [[ "$crashes" -gt 0 ]]; then
        status=1
        grep -E 'panicked at|ERROR: libFuzzer|overflowed its stack' "$log" | sort | uniq -c | head -n 5 | sed 's/^/    /' || true
    fi
    rm -rf "$work"
done
echo "corpus size: $(du -sh fuzz/corpus | cut -f1)"
exit $status
