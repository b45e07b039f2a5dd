#!/usr/bin/env bash
# Generates the Kotlin, Swift and Python bindings from the built (unstripped) core library,
# in library mode. Kotlin and Swift are committed (the Android and iOS builds use them as they
# are); `--check` fails when the committed copies are not what the current core generates.
#
#   scripts/bindings.sh [--check | --generate-only] [debug|release]
# --generate-only writes build/bindings/ and touches nothing committed.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=write
case "${1:-}" in
  --check) mode=check; shift ;;
  --generate-only) mode=generate; shift ;;
esac
profile=${1:-debug}
lib=target/$profile/libruhu_core.so
[ -f "$lib" ] || { echo "missing $lib: run cargo build --workspace first" >&2; exit 1; }

out=build/bindings
rm -rf "$out"
cargo run -q -p uniffi-bindgen -- generate "$lib" \
  --language kotlin --language swift --language python --out-dir "$out" --no-format >/dev/null

# Where each committed copy lives.
kotlin_dst=android/bindings/src/main/kotlin/uniffi/ruhu_core/ruhu_core.kt
swift_dst=ios/Sources/RuhuCore/ruhu_core.swift
header_dst=ios/Sources/RuhuCoreFFI/include/ruhu_coreFFI.h
modulemap_dst=ios/Sources/RuhuCoreFFI/include/module.modulemap

pairs=(
  "$out/uniffi/ruhu_core/ruhu_core.kt:$kotlin_dst"
  "$out/ruhu_core.swift:$swift_dst"
  "$out/ruhu_coreFFI.h:$header_dst"
  "$out/ruhu_coreFFI.modulemap:$modulemap_dst"
)

[ "$mode" = generate ] && exit 0

status=0
for pair in "${pairs[@]}"; do
  src=${pair%%:*}
  dst=${pair#*:}
  if [ "$mode" = write ]; then
    mkdir -p "$(dirname "$dst")"
    cp "$src" "$dst"
  elif ! cmp -s "$src" "$dst"; then
    echo "out of date: $dst (run scripts/bindings.sh and commit)" >&2
    status=1
  fi
done
[ "$mode" = check ] && [ $status = 0 ] && echo "bindings are current"
exit $status
