#!/usr/bin/env bash
# The phone benchmarks: the core library's stripped size as the apps build it (the `app`
# profile, the phone's crates alone, so the county's dependencies do not join in), then the
# store benchmark: open, 我的走访, search, saves and RSS on stores of 10,000 and 100,000
# households (RUHU_BENCH_SIZES=500,5000 for the app's figures).
set -euo pipefail
cd "$(dirname "$0")/.."
# The Android library's size, estimated on x86_64: the app profile, its C at -Os as
# android/build-rust.sh builds it, linked as the NDK links it (lld, relocations packed the
# Android way, see core/ffi/build.rs), in its own target folder
# (other flags: the workspace's build stays as it is). --target keeps the flags off the build
# scripts, which run here and which glibc could not load packed.
if ! command -v ld.lld >/dev/null; then
  run=(); [ "$(id -u)" = 0 ] || run=(sudo)
  "${run[@]}" apt-get update -qq
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq lld
fi
host=x86_64-unknown-linux-gnu
CARGO_TARGET_DIR=target/android-estimate CFLAGS_x86_64_unknown_linux_gnu=-Os \
  RUSTFLAGS="-C link-arg=-fuse-ld=lld -C link-arg=-Wl,--pack-dyn-relocs=android" \
  cargo build --profile app -p ruhu-core --lib --target "$host"
lib=target/android-estimate/$host/app/libruhu_core.so
mkdir -p build
strip -o build/libruhu_core.stripped.so "$lib"
printf 'core library (x86_64, app profile, linked as for Android, stripped): %s bytes (unstripped %s)\n' \
  "$(stat -c %s build/libruhu_core.stripped.so)" "$(stat -c %s "$lib")"
cargo bench --workspace --bench store
