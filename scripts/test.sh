#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian machine with Rust: installs what is missing
# (JNA and JUnit from Debian, kotlinc from npm), then formatting, clippy, the Rust tests
# (unit, kill -9 durability), the bindings-are-current check, the Kotlin suite on the JVM, the
# Python test, and the walk-through of a visit.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

step() { printf '\n== %s ==\n' "$*"; }

step "prerequisites"
missing=()
[ -f /usr/share/java/jna.jar ] || missing+=(libjna-java)
[ -f /usr/share/java/junit4.jar ] || missing+=(junit4)
command -v java >/dev/null || missing+=(default-jre-headless)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi
if [ ! -x tools/node_modules/kotlin-compiler/bin/kotlinc-jvm ]; then
  (cd tools && npm ci --no-audit --no-fund)
fi

step "format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings

step "Rust tests"
cargo build --workspace --all-targets
cargo test --workspace

step "bindings"
scripts/bindings.sh --check debug

step "Kotlin on the JVM"
scripts/kotlin-test.sh

step "Python"
scripts/python-test.sh

step "walk-through of a visit"
target/debug/examples/visit >/dev/null
echo "walk-through ran"

printf '\nall tests passed\n'
