#!/usr/bin/env bash
# The iPhone app's Swift, compiled and tested on this Linux machine: the generated bindings, the
# view models (RuhuViewModels) and their tests (XCTest), against the host-built core and a demo
# county on loopback, in a Debian 13 root with Debian's Swift 6.0 (scripts/swift-root.sh makes it
# once and keeps it). The SwiftUI app (ios/App) needs Xcode and is not compiled here.
#
#   scripts/ios-test.sh              # build, start a demo county, swift test; fails on any skip
#   scripts/ios-test.sh --bench      # instead: the benchmark executable (ruhu-ios-bench, release)
#                                    # on a phone holding a 500-household demo county
# RUHU_PREBUILT names a target/debug folder already built (a second checkout sharing one build).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

bench=no
[ "${1:-}" = --bench ] && bench=yes

root=$(scripts/swift-root.sh)
bin=${RUHU_PREBUILT:-target/debug}
[ -n "${RUHU_PREBUILT:-}" ] || cargo build -q --workspace --all-targets
lib=$(cd "$bin" && pwd)
if [ "$bench" = yes ]; then
  # The library as phones get it (the app profile, as scripts/bench.sh builds it for its size);
  # RUHU_BENCH_LIB names a folder holding one already built.
  if [ -n "${RUHU_BENCH_LIB:-}" ]; then
    lib=$(cd "$RUHU_BENCH_LIB" && pwd)
  else
    host=$(rustc -vV | awk '/^host:/ {print $2}')
    cargo build -q --profile app -p ruhu-core --lib --target "$host"
    lib=$(cd "target/$host/app" && pwd)
  fi
fi

run=()
[ "$(id -u)" = 0 ] || run=(sudo)

dir=$(mktemp -d)
mounts=()
. scripts/lib/demo-county.sh
cleanup() {
  stop_demo_county
  local m
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    m=${mounts[$i]}
    "${run[@]}" umount "$m" 2>/dev/null || "${run[@]}" umount -l "$m" 2>/dev/null || true
  done
  rm -rf "$dir"
}
trap cleanup EXIT

# One run at a time uses the root (they share its /proc); a second checkout's run waits here.
exec 9>"$root.lock"
flock 9

# The sources and the library seen from inside the root, under a folder named after this
# checkout, built into the root's own scratch folder of this checkout, which later runs reuse.
key=$(printf %s "$repo" | sha1sum | cut -c1-10)
mount_in() {
  "${run[@]}" mkdir -p "$root$2"
  "${run[@]}" mount "${@:3}" "$1" "$root$2"
  mounts+=("$root$2")
}
mountpoint -q "$root/proc" || mount_in proc /proc -t proc
mount_in "$repo/ios" "/ruhu/$key/ios" --bind
mount_in "$lib" "/ruhu/$key/lib" --bind
mount_in "$dir" "/ruhu/$key/run" --bind
"${run[@]}" cp /etc/resolv.conf "$root/etc/resolv.conf"

scratch=/var/cache/ruhu-swift-build/$key
# Debian's libswiftObservation.so (swiftlang 6.0.3) names swift::threading::fatal, which no
# library of the package exports (it is called only to die on a broken lock); the linker is told
# to let a shared library's unresolved name be, and the loader binds it lazily, never here.
linkflags="-Xlinker -L/ruhu/$key/lib -Xlinker --allow-shlib-undefined"
in_root() {
  "${run[@]}" chroot "$root" env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/root LANG=C.UTF-8 \
    LD_LIBRARY_PATH="/ruhu/$key/lib" TMPDIR="/ruhu/$key/run" "$@"
}

if [ "$bench" = yes ]; then
  # The county supervisor's phone (s-001) holds every household of the county.
  start_demo_county "$dir" "$bin" 500
  in_root env RUHU_COUNTY_URL="$county_url" RUHU_ENROLL_CODE="$code_s001" \
    sh -c "cd /ruhu/$key/ios && swift run -c release --scratch-path $scratch $linkflags ruhu-ios-bench"
  exit 0
fi
start_demo_county "$dir" "$bin"
# Camera bytes for the photo steps (XCTest on Linux has no image encoder): a different scene each.
for i in $(seq 1 8); do "$bin/examples/sample_photo" "$dir/photo-$i.jpg" "$i" 800 600; done

# The county and its codes reach the tests through the environment (the root shares this
# machine's loopback).
set +e
in_root env RUHU_COUNTY_URL="$county_url" RUHU_ENROLL_CODE_W001="$code_w001" \
  RUHU_ENROLL_CODE_W002="$code_w002" RUHU_ENROLL_CODE_S001="$code_s001" \
  RUHU_ADMIN_PASSWORD="$admin_password" RUHU_PHOTOS_DIR="/ruhu/$key/run" \
  sh -c "cd /ruhu/$key/ios && swift test --scratch-path $scratch $linkflags 2>&1" | tee "$dir/swift-test.log"
status=${PIPESTATUS[0]}
set -e

# XCTest's last summary counts every test; a skipped test is a failure here.
python3 - "$dir/swift-test.log" "$status" <<'PY'
import re, sys
log = open(sys.argv[1], encoding="utf-8", errors="replace").read()
runs = re.findall(r"Executed (\d+) tests?, with (?:(\d+) tests? skipped and )?(\d+) failures?", log)
if not runs:
    print("swift test printed no summary", file=sys.stderr)
    sys.exit(1)
tests, skipped, failed = (int(x or 0) for x in runs[-1])
print(f"iOS Swift tests: {tests} run, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or skipped or tests == 0 or sys.argv[2] != "0" else 0)
PY

