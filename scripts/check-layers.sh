#!/usr/bin/env bash
# Holds the crates to their layers: each workspace member's library and binaries are checked on
# their own (so a feature or dependency that only another member brings in cannot make them
# compile), and the county's dependency tree must hold no phone crate (store, engine, FFI).
# Tests, benches and examples are left to the workspace build (clippy and the test run): their
# dev-dependencies unify features again, so checking them alone proved nothing more and cost
# minutes on a cold CI machine.
set -euo pipefail
cd "$(dirname "$0")/.."

members=$(cargo metadata --no-deps --format-version 1 |
  python3 -c 'import json,sys; print("\n".join(p["name"] for p in json.load(sys.stdin)["packages"]))')
for m in $members; do
  echo "cargo check -p $m"
  cargo check -q -p "$m"  # its library and binaries
done

# What each layer may reach, by the normal (non-dev) dependency tree.
forbidden() { # crate, pattern of crates it must not depend on
  local found
  found=$(cargo tree -q -p "$1" -e normal --prefix none | awk '{print $1}' | sort -u | grep -xE "$2" || true)
  if [ -n "$found" ]; then
    echo "layering: $1 depends on $(echo "$found" | tr '\n' ' ')" >&2
    exit 1
  fi
}
# The SQLite plumbing is shared by phone and county, so it reaches no other Ruhu crate.
forbidden ruhu-sqlite 'ruhu-(domain|proto|store|engine|core|county|phone|tests)'
forbidden ruhu-domain 'ruhu-(proto|sqlite|store|engine|core|county)|rusqlite|reqwest|uniffi|tokio'
forbidden ruhu-store 'ruhu-(engine|core|county)|reqwest|uniffi'
forbidden ruhu-engine 'ruhu-(core|county)|uniffi'
forbidden ruhu-county 'ruhu-(store|engine|core|phone)|uniffi'
# The headless phone runs on the engine, as the FFI does, not through the FFI.
forbidden ruhu-phone 'ruhu-(core|county)|uniffi'
echo "layers hold"
