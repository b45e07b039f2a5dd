#!/usr/bin/env bash
# County merge throughput under load (tests/benches/load.rs): on the embedded default, then on a
# throwaway PostgreSQL on loopback with one and with two county instances.
# RUHU_LOAD_PHONES / RUHU_LOAD_DOCS size the load (default 32 phones x 100 households).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo bench --workspace --bench load
pg_dir=$(mktemp -d)
trap 'scripts/postgres.sh stop "$pg_dir"' EXIT
pg_url=$(scripts/postgres.sh start "$pg_dir")
RUHU_TEST_POSTGRES=$pg_url cargo bench --workspace --bench load
RUHU_TEST_POSTGRES=$pg_url RUHU_TEST_INSTANCES=2 cargo bench --workspace --bench load
