#!/usr/bin/env bash
# The phone store benchmark: stripped library size, then open / search / save / RSS on stores of
# 10,000 and 100,000 households (RUHU_BENCH_SIZES=10000 for the small one only).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --workspace
lib=target/release/libruhu_core.so
mkdir -p build
strip -o build/libruhu_core.stripped.so "$lib"
printf 'core library (x86_64, release, stripped): %s bytes (unstripped %s)\n' \
  "$(stat -c %s build/libruhu_core.stripped.so)" "$(stat -c %s "$lib")"
cargo bench --workspace --bench store
