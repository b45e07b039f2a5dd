#!/usr/bin/env bash
# Runs every test of the project on a fresh Debian machine with Rust: installs what is missing
# (JNA and JUnit from Debian, kotlinc from npm), then formatting, clippy, the Rust tests
# (unit, kill -9 durability, disk full, the fault schedules on SQLite and on PostgreSQL with two
# instances), the bindings-are-current check, the Kotlin suite on the JVM, the
# Python test, the iPhone app's Swift (compiled and tested in a Debian 13 root with Swift), and
# the walk-through of a visit.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

# Each step's start says how long the run has taken so far, so a slow step shows in CI's log.
step() { printf '\n== %s == (at %dm%02ds)\n' "$*" $((SECONDS / 60)) $((SECONDS % 60)); }

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

step "layers: each crate built on its own, the county with no path to the phone's crates"
scripts/check-layers.sh

step "Rust tests (county store on its embedded default, SQLite)"
cargo build --workspace --all-targets
cargo test --workspace

tmp_dirs=()
pids=()
pg_dir=""
s3_dir=""
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -n "$pg_dir" ] && scripts/postgres.sh stop "$pg_dir"
  [ -n "$s3_dir" ] && scripts/s3.sh stop "$s3_dir"
  for d in "${tmp_dirs[@]}"; do rm -rf "$d"; done
}
trap cleanup EXIT

step "county store on PostgreSQL: the sync suite, then two instances sharing one database"
pg_dir=$(mktemp -d)
pg_url=$(scripts/postgres.sh start "$pg_dir")
end_to_end=(--test sync --test interrupted --test concurrent --test photos --test cases --test console --test roster
  --test refusals --test hostile_content --test hostile_cases --test hostile_http)
# The county's store-interface suite and schema upgrade tests (lib tests), on PostgreSQL.
RUHU_TEST_POSTGRES=$pg_url cargo test --workspace --lib
RUHU_TEST_POSTGRES=$pg_url cargo test --workspace "${end_to_end[@]}"
RUHU_TEST_POSTGRES=$pg_url RUHU_TEST_INSTANCES=2 cargo test --workspace "${end_to_end[@]}"
# The fault schedules' fixed seeds on two instances sharing PostgreSQL, which they also crash
# (immediate shutdown) and restart mid-run.
RUHU_TEST_POSTGRES=$pg_url RUHU_TEST_INSTANCES=2 RUHU_TEST_PG_RESTART="$PWD/scripts/postgres.sh crash $pg_dir" \
  cargo test --workspace --test faults fixed_fault_schedules
# One at a time: the restart test stops the server under the pg_dump test's feet.
RUHU_TEST_POSTGRES=$pg_url RUHU_TEST_PG_RESTART="$PWD/scripts/postgres.sh restart $pg_dir" \
  cargo test --workspace --test postgres -- --ignored --test-threads=1

step "photo files in S3-compatible storage (moto on loopback): embedded store, then two instances on PostgreSQL"
s3_dir=$(mktemp -d)
s3_url=$(scripts/s3.sh start "$s3_dir")
RUHU_TEST_S3=$s3_url cargo test --workspace --test photos
RUHU_TEST_S3=$s3_url RUHU_TEST_POSTGRES=$pg_url RUHU_TEST_INSTANCES=2 cargo test --workspace --test photos

step "bindings"
scripts/bindings.sh --check debug

step "Kotlin on the JVM"
scripts/kotlin-test.sh

step "Android presentation on the JVM: presenters on the real core and a demo county"
scripts/android-jvm-test.sh

step "Android screens on the desktop JVM (Compose Multiplatform)"
scripts/compose-check.sh

step "Android app module: read statically (no SDK here), and its JVM-testable parts"
scripts/android-static-check.sh
scripts/android-app-jvm-test.sh

step "iPhone app: bindings and view models compiled and tested in Swift (Debian 13 root) on the real core and a demo county"
python3 ios/check_app.py
python3 -m unittest discover -s ios -p 'check_app_test.py'
python3 ios/strings_from_android.py --check
scripts/ios-test.sh
ios/App/Typecheck/typecheck.sh

step "Python"
scripts/python-test.sh

step "walk-through of a visit"
target/debug/examples/visit >/dev/null
echo "walk-through ran"

# The demo county, on each engine, answers a headless phone.
demo_run() {
  local label=$1; shift
  step "demo county ($label) answers a headless phone"
  local dir port pid code phone
  dir=$(mktemp -d)
  tmp_dirs+=("$dir")
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  target/debug/ruhu-county --data-dir "$dir/county" "$@" demo --households 200 --listen "127.0.0.1:$port" >"$dir/demo.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 150); do grep -q "Press Ctrl-C" "$dir/demo.log" && break; sleep 0.2; done
  code=$(awk '$1 == "w-001" {print $5}' "$dir/demo.log")
  phone=(target/debug/ruhu-phone --store "$dir/phone.db")
  "${phone[@]}" enroll --server "http://127.0.0.1:$port" --code "$code"
  "${phone[@]}" sync
  "${phone[@]}" list | grep -q 前进村
  "${phone[@]}" record-visit --name 邢春花 --birth 1972-03-04 --sex f --village 370599100200 \
    --village-name 前进村 --grid G01-1 --address 9组2号 --wage-yuan 9000 >/dev/null
  "${phone[@]}" sync | grep -q "1 document(s) sent"
  household=$("${phone[@]}" list --query 邢春花 | awk '{print $1}')
  target/debug/examples/sample_photo "$dir/house.jpg"
  "${phone[@]}" photo "$household" "$dir/house.jpg" --caption 房屋正面 | grep -q "camera time"
  "${phone[@]}" sync | grep -q "2 photo file(s) sent"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  echo "demo on $label served a phone"
}
demo_run SQLite
RUHU_DATABASE_URL=$pg_url demo_run PostgreSQL

step "the console in Chromium (playwright-core) against the demo county and a headless phone"
scripts/browser-test.sh

printf '\nall tests passed (in %dm%02ds)\n' $((SECONDS / 60)) $((SECONDS % 60))
