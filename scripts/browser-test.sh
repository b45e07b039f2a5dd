#!/usr/bin/env bash
# Browser tests of the county console: installs Debian's Chromium (and CJK fonts, so the
# screenshots show Chinese) when missing, playwright-core from npm, then starts the demo county
# on a free loopback port with a headless phone beside it and runs tests/browser/console.mjs.
# Screenshots of the main pages are kept in target/browser-artifacts.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}
if [ ! -x /usr/bin/chromium ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
# CJK fonts only make the screenshots readable; the tests read the pages' text, not pixels.
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null ||
    echo "fonts-noto-cjk not installed: screenshots will show boxes for Chinese" >&2
fi
(cd tests/browser && npm ci --no-audit --no-fund --silent)
cargo build -q -p ruhu-county -p ruhu-phone
cargo build -q -p ruhu-domain --example sample_photo

dir=$(mktemp -d)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
target/debug/ruhu-county --data-dir "$dir/county" demo --households 120 --listen "127.0.0.1:$port" \
  >"$dir/demo.log" 2>"$dir/demo.err" &
pid=$!
for _ in $(seq 1 150); do grep -q "Press Ctrl-C" "$dir/demo.log" && break; sleep 0.2; done
grep -q "Press Ctrl-C" "$dir/demo.log" || { cat "$dir/demo.err" >&2; exit 1; }
target/debug/examples/sample_photo "$dir/id.jpg"

artifacts=target/browser-artifacts
rm -rf "$artifacts"
RUHU_URL="http://127.0.0.1:$port" \
RUHU_ARTIFACTS="$PWD/$artifacts" \
RUHU_PHONE="$PWD/target/debug/ruhu-phone" \
RUHU_PHONE_STORE="$dir/phone.db" \
RUHU_PHOTO="$dir/id.jpg" \
RUHU_CODE=$(awk '$1 == "w-001" {print $5}' "$dir/demo.log") \
RUHU_ADMIN_PASSWORD=$(awk '$1 == "admin" && $2 == "password" {print $3}' "$dir/demo.log") \
RUHU_OFFICER_PASSWORD=$(awk '$1 == "xiangzhen" && $2 == "password" {print $3}' "$dir/demo.log") \
  node tests/browser/console.mjs
