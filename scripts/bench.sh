#!/usr/bin/env bash
# The phone benchmarks: the core library's stripped size as the apps build it (the `app`
# profile, the phone's crates alone, so the county's dependencies do not join in), then the
# store benchmark: open, 我的走访, search, saves and RSS on stores of 10,000 and 100,000
# households (RUHU_BENCH_SIZES=500,5000 for the app's figures).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --profile app -p ruhu-core --lib
lib=target/app/libruhu_core.so
mkdir -p build
strip -o build/libruhu_core.stripped.so "$lib"
printf 'core library (x86_64, app profile, stripped): %s bytes (unstripped %s)\n' \
  "$(stat -c %s build/libruhu_core.stripped.so)" "$(stat -c %s "$lib")"
cargo bench --workspace --bench store
