#!/usr/bin/env bash
# Builds the iPhone app for the simulator. Needs macOS with Xcode 16 (iOS 17 SDK or later),
# XcodeGen (`brew install xcodegen`), and what ../build-xcframework.sh needs (Rust with the
# targets aarch64-apple-ios, aarch64-apple-ios-sim, x86_64-apple-ios). Not for the Linux CI
# machine: there scripts/ios-test.sh compiles and tests the package (bindings and view models).
#
#   ios/App/build.sh             # xcframework, project, simulator build (unsigned)
set -euo pipefail
cd "$(dirname "$0")"

if [[ "$(uname -s)" != Darwin ]]; then
  echo "build.sh: the iPhone app builds on macOS with Xcode 16 and XcodeGen only" >&2
  exit 1
fi
for tool in xcodebuild xcodegen; do
  if ! command -v "$tool" >/dev/null; then
    echo "build.sh: $tool not found (Xcode 16 and XcodeGen are needed)" >&2
    exit 1
  fi
done

# The string table must be the Android app's words as committed.
python3 ../strings_from_android.py --check
python3 ../check_app.py

# The core's static library for device and simulator as RuhuCoreFFI.xcframework (ios/).
../build-xcframework.sh

# Ruhu.xcodeproj from project.yml (generated, not committed).
xcodegen generate --spec project.yml

xcodebuild \
  -project Ruhu.xcodeproj \
  -scheme Ruhu \
  -configuration Debug \
  -sdk iphonesimulator \
  -destination 'generic/platform=iOS Simulator' \
  -derivedDataPath build \
  CODE_SIGNING_ALLOWED=NO \
  build
echo "build.sh: built ios/App/build/Build/Products/Debug-iphonesimulator/Ruhu.app"
