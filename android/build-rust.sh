#!/usr/bin/env bash
# Builds libruhu_core.so for the Android ABIs the app ships, into bindings/src/main/jniLibs.
# Needs the Android NDK (ANDROID_NDK_HOME) and cargo-ndk (`cargo install cargo-ndk`), and the
# Rust targets (`rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android`).
# None of these exist on the CI machine; Gradle runs this before every Android build.
set -euo pipefail
cd "$(dirname "$0")/.."
# The bundled C (SQLCipher and its OpenSSL, ring's C) for size as well, as the app profile does
# for Rust: OpenSSL's own build asks for -O3, and the cc crate puts these flags last. Measured
# on x86_64 (scripts/bench.sh): 12.38 MB stripped without, 11.96 MB with.
export CFLAGS_aarch64_linux_android=-Os CFLAGS_armv7_linux_androideabi=-Os CFLAGS_x86_64_linux_android=-Os
cargo ndk \
  -t arm64-v8a -t armeabi-v7a -t x86_64 \
  --platform 26 \
  -o android/bindings/src/main/jniLibs \
  build --profile app -p ruhu-core
