#!/usr/bin/env bash
# Builds libruhu_core.so for the Android ABIs the app ships, into bindings/src/main/jniLibs.
# Needs the Android NDK (ANDROID_NDK_HOME) and cargo-ndk (`cargo install cargo-ndk`), and the
# Rust targets (`rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android`).
# None of these exist on the CI machine; Gradle runs this before every Android build.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo ndk \
  -t arm64-v8a -t armeabi-v7a -t x86_64 \
  --platform 26 \
  -o android/bindings/src/main/jniLibs \
  build --profile app -p ruhu-core
