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

step "demo county answers a headless phone"
demo_dir=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
target/debug/ruhu-county --data-dir "$demo_dir/county" demo --households 200 --listen "127.0.0.1:$port" >"$demo_dir/demo.log" 2>&1 &
demo_pid=$!
trap 'kill $demo_pid 2>/dev/null || true; rm -rf "$demo_dir"' EXIT
for _ in $(seq 1 100); do grep -q "Press Ctrl-C" "$demo_dir/demo.log" && break; sleep 0.2; done
code=$(awk '$1 == "w-001" {print $5}' "$demo_dir/demo.log")
phone=(target/debug/ruhu-phone --store "$demo_dir/phone.db")
"${phone[@]}" enroll --server "http://127.0.0.1:$port" --code "$code"
"${phone[@]}" sync
"${phone[@]}" list | grep -q 前进村
"${phone[@]}" record-visit --name 邢春花 --birth 1972-03-04 --sex f --village 370599100200 \
  --village-name 前进村 --grid G01-1 --address 9组2号 --wage-yuan 9000 >/dev/null
"${phone[@]}" sync | grep -q "1 document(s) sent"
kill $demo_pid

printf '\nall tests passed\n'
