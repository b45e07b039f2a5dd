#!/usr/bin/env bash
# Builds RuhuCoreFFI.xcframework from the core's static library for iOS devices and the
# simulator, with the generated C header and module map. Needs macOS with Xcode and the Rust
# targets aarch64-apple-ios, aarch64-apple-ios-sim and x86_64-apple-ios.
set -euo pipefail
cd "$(dirname "$0")/.."
for target in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios; do
  # The bundled C (SQLCipher, OpenSSL) for size as well, as the app profile does for Rust.
  env "CFLAGS_${target//-/_}=-Os" cargo build --profile app -p ruhu-core --target "$target"
done
out=ios/build
rm -rf "$out" ios/RuhuCoreFFI.xcframework
mkdir -p "$out/sim"
lipo -create \
  target/aarch64-apple-ios-sim/app/libruhu_core.a \
  target/x86_64-apple-ios/app/libruhu_core.a \
  -output "$out/sim/libruhu_core.a"
headers=ios/Sources/RuhuCoreFFI/include
xcodebuild -create-xcframework \
  -library target/aarch64-apple-ios/app/libruhu_core.a -headers "$headers" \
  -library "$out/sim/libruhu_core.a" -headers "$headers" \
  -output ios/RuhuCoreFFI.xcframework
