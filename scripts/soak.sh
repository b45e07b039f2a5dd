#!/usr/bin/env bash
# The fault soak: N fault schedules (default 1,000) with fresh seeds, half on the embedded store
# and half on PostgreSQL with two county instances, each with a fault-injecting proxy between
# four phones and the county, kills of phones, instances and PostgreSQL, and the checker at the
# end. Writes the report (schedules, faults by kind, kills, edits acknowledged / lost /
# duplicated, time to converge p50/p95, failing seeds) to soak-report.md or the file given.
#
#   scripts/soak.sh [N] [report file]        e.g. scripts/soak.sh 1000 soak-report.md
#
# Release build; installs PostgreSQL from Debian when missing (scripts/postgres.sh) and runs it
# on loopback for the length of the soak. RUHU_SOAK_JOBS sets how many schedules run at once
# (default 4).
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000}
report=${2:-soak-report.md}

cargo build --release -p ruhu-county -p ruhu-tests --bins

pg_dir=$(mktemp -d)
trap 'scripts/postgres.sh stop "$pg_dir"' EXIT
pg_url=$(scripts/postgres.sh start "$pg_dir")

RUHU_TEST_POSTGRES=$pg_url RUHU_TEST_PG_RESTART="$PWD/scripts/postgres.sh crash $pg_dir" \
  target/release/ruhu-soak --schedules "$n" --jobs "${RUHU_SOAK_JOBS:-4}" --report "$report"
