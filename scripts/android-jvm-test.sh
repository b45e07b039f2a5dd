#!/usr/bin/env bash
# Builds the workspace (debug), starts a demo county on loopback, and runs the
# presentation module's JVM tests with Maven (android/jvm/pom.xml): the pure presenter tests on
# the fake core and the real-core test through JNA against target/debug/libruhu_core.so, given
# the county's URL and the enrollment codes of w-001, w-002 and s-001 and the console's admin password. Stops the county after. Fails if any test was
# skipped. Maven downloads Kotlin, coroutines, JNA, JUnit and Turbine into ~/.m2 when missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v mvn >/dev/null; then
  run=()
  [ "$(id -u)" = 0 ] || run=(sudo)
  "${run[@]}" apt-get update -qq
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq maven
fi
# The same build as scripts/test.sh (features unify per build style: a `-p` build here would
# rebuild the workspace's dependencies). RUHU_PREBUILT names a target/debug folder already
# built (a second checkout sharing one build).
bin=${RUHU_PREBUILT:-target/debug}
[ -n "${RUHU_PREBUILT:-}" ] || cargo build -q --workspace --all-targets

dir=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# The walk enrolls a dozen phones from loopback within minutes (10 per address is the default).
"$bin/ruhu-county" --data-dir "$dir/county" demo --households 200 --listen "127.0.0.1:$port" --enroll-per-address 50 >"$dir/county.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
  grep -q "Press Ctrl-C" "$dir/county.log" && break
  kill -0 "$pid" 2>/dev/null || { cat "$dir/county.log" >&2; echo "the demo county did not start" >&2; exit 1; }
  sleep 0.2
done
grep -q "Press Ctrl-C" "$dir/county.log" || { cat "$dir/county.log" >&2; echo "the demo county did not start in time" >&2; exit 1; }
code=$(awk '$1 == "w-001" {print $5}' "$dir/county.log")
[ -n "$code" ] || { echo "no enrollment code for w-001 in the county's log" >&2; exit 1; }
# w-002's code for the household form's real-core test (each code enrolls one phone once).
code2=$(awk '$1 == "w-002" {print $5}' "$dir/county.log")
[ -n "$code2" ] || { echo "no enrollment code for w-002 in the county's log" >&2; exit 1; }
# s-001 (县级督导) accepts the case the grid worker reported, for the case screen's test.
codeS=$(awk '$1 == "s-001" {print $5}' "$dir/county.log")
[ -n "$codeS" ] || { echo "no enrollment code for s-001 in the county's log" >&2; exit 1; }

# The console's county admin (its password is fresh at every start), for the walk's console forms.
adminPw=$(awk '$1 == "admin" && $2 == "password" {print $3}' "$dir/county.log")
[ -n "$adminPw" ] || { echo "no console password for admin in the county's log" >&2; exit 1; }

reports=build/android-jvm/surefire-reports
# A clean build: classes of sources since deleted or changed must not linger between runs.
rm -rf build/android-jvm
mvn -B -q -f android/jvm/pom.xml -pl :presentation-jvm test \
  -Druhu.countyUrl="http://127.0.0.1:$port" -Druhu.enrollCode="$code" -Druhu.enrollCode2="$code2" -Druhu.enrollCodeSupervisor="$codeS" -Druhu.adminPassword="$adminPw" \
  -Druhu.libDir="$(cd "$bin" && pwd)" | tee "$dir/mvn.log"


python3 - "$reports" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
tests = skipped = failed = 0
for f in glob.glob(sys.argv[1] + "/TEST-*.xml"):
    r = ET.parse(f).getroot()
    tests += int(r.get("tests")); skipped += int(r.get("skipped"))
    failed += int(r.get("failures")) + int(r.get("errors"))
print(f"presentation JVM tests: {tests} run, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or skipped or tests == 0 else 0)
PY
