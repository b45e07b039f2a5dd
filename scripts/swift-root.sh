#!/usr/bin/env bash
# Makes (once) and prints the path of a Debian 13 (trixie) root with Swift 6.0 (Debian's
# `swiftlang`: swiftc, SwiftPM, Foundation, Observation, XCTest), in which the iOS view models
# and the generated bindings are compiled and tested on this Linux machine (Debian 12 has no
# Swift; trixie's needs trixie's glibc). About 4 minutes and 2.5 GB the first time, all from
# Debian's packages; later runs on the same machine reuse it.
#
#   scripts/swift-root.sh            # prints the root's path
# RUHU_SWIFT_ROOT sets where it lives (default /var/cache/ruhu/swift-trixie).
set -euo pipefail

root=${RUHU_SWIFT_ROOT:-/var/cache/ruhu/swift-trixie}
packages=(swiftlang libc6-dev libstdc++-14-dev libgcc-14-dev)
stamp="$root/.ruhu-swift-ready"
want="${packages[*]}"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "$root"
  exit 0
fi

run=()
[ "$(id -u)" = 0 ] || run=(sudo)

if ! command -v debootstrap >/dev/null; then
  "${run[@]}" apt-get update -qq >&2
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >&2
fi

# The mirror this machine's apt already uses.
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

proc_mounted=no
cleanup() { [ "$proc_mounted" = yes ] && "${run[@]}" umount "$root/proc" 2>/dev/null || true; }
trap cleanup EXIT

if [ ! -x "$root/usr/bin/apt-get" ]; then
  # A root left half-made by an interrupted run is started again.
  "${run[@]}" rm -rf "$root"
  "${run[@]}" mkdir -p "$(dirname "$root")"
  echo "making a Debian 13 root for Swift in $root (from $mirror)" >&2
  "${run[@]}" debootstrap --variant=minbase --include=ca-certificates trixie "$root" "$mirror" >&2
fi
"${run[@]}" cp /etc/resolv.conf "$root/etc/resolv.conf"
if ! mountpoint -q "$root/proc"; then
  "${run[@]}" mount -t proc proc "$root/proc"
  proc_mounted=yes
fi
"${run[@]}" chroot "$root" apt-get update -qq >&2
"${run[@]}" chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  --no-install-recommends "${packages[@]}" >&2
"${run[@]}" chroot "$root" swift --version >&2
echo "$want" | "${run[@]}" tee "$stamp" >/dev/null
echo "$root"
