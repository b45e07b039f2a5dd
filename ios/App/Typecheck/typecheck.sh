#!/usr/bin/env bash
# A rough type-check of the SwiftUI app (ios/App/Sources) on the Linux machine, where there is no
# Xcode, SwiftUI or UIKit: the app's files are type-checked against small stand-ins of the Apple
# frameworks it uses (stubs/: SwiftUI, UIKit, AVFoundation, CoreLocation, BackgroundTasks, os,
# written from their documented signatures for the parts the app uses) and against the real
# bindings (RuhuCore) and view models (RuhuViewModels), compiled from ios/Sources here.
#
# What it catches: a view model API that is not there or is called with the wrong labels or types,
# a missing import, an actor-isolation error, a result-builder or closure that does not type-check.
# What it cannot: a stub that disagrees with the real SDK (it says nothing about the SDK itself),
# anything in StoreKey.swift (Security; shim.swift stands in), and linking. Xcode remains the judge.
#
#   ios/App/Typecheck/typecheck.sh      # in the Debian 13 Swift root of scripts/swift-root.sh
# RUHU_SWIFT_ROOT names the root (default /var/cache/ruhu/swift-trixie). Runs chroot: needs root.
set -euo pipefail
cd "$(dirname "$0")/../.."
ios=$(pwd)

root=${RUHU_SWIFT_ROOT:-/var/cache/ruhu/swift-trixie}
toolchain=/usr/libexec/swift
if [ ! -x "$root$toolchain/bin/swift-frontend" ]; then
  echo "typecheck: no Swift root at $root (scripts/swift-root.sh makes it)" >&2
  exit 2
fi
run=()
[ "$(id -u)" = 0 ] || run=(sudo)

work=$("${run[@]}" mktemp -d "$root/tmp/ruhu-app-typecheck.XXXXXX")
trap '"${run[@]}" rm -rf "$work"' EXIT
inside=/tmp/$(basename "$work")
"${run[@]}" mkdir -p "$work/mods" "$work/vm"
"${run[@]}" cp -r "$ios/App/Sources" "$ios/App/Typecheck/stubs" "$ios/App/Typecheck/shim.swift" "$work/"
"${run[@]}" cp -r "$ios/Sources/RuhuCoreFFI/include" "$work/ffi"
"${run[@]}" cp "$ios/Sources/RuhuCore/ruhu_core.swift" "$work/"
"${run[@]}" cp -r "$ios/Sources/RuhuViewModels" "$work/vm/"

# swift-frontend straight (the driver wants /proc, which this root has only during test runs).
frontend() {
  "${run[@]}" chroot "$root" env \
    LD_LIBRARY_PATH="$toolchain/lib/swift/linux:$toolchain/lib:$toolchain/lib/swift/host" \
    "$toolchain/bin/swift-frontend" "$@" \
    -resource-dir "$toolchain/lib/swift" -plugin-path "$toolchain/lib/swift/host/plugins" \
    -swift-version 5 -I "$inside/mods" -I "$inside/ffi"
}
module() { # name, files...
  local name=$1
  shift
  frontend -emit-module -parse-as-library -module-name "$name" \
    -emit-module-path "$inside/mods/$name.swiftmodule" "$@"
}

for stub in UIKit SwiftUI AVFoundation CoreLocation BackgroundTasks os; do
  module "$stub" "$inside/stubs/$stub.swift"
done
module RuhuCore "$inside/ruhu_core.swift"
mapfile -t vm < <(cd "$work" && find vm -name '*.swift' | sort | sed "s|^|$inside/|")
module RuhuViewModels "${vm[@]}"

mapfile -t app < <(cd "$work" && find Sources -name '*.swift' ! -name StoreKey.swift | sort | sed "s|^|$inside/|")
if frontend -typecheck -module-name Ruhu "$inside/shim.swift" "${app[@]}" 2>&1 | sed "s|$inside/|ios/App/|g"; then
  echo "typecheck: ${#app[@]} app files type-check against the stubs and the real view models"
else
  echo "typecheck: the app does not type-check (see above)" >&2
  exit 1
fi
