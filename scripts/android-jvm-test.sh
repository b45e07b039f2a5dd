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
. scripts/lib/demo-county.sh
cleanup() {
  stop_demo_county
  rm -rf "$dir"
}
trap cleanup EXIT
# w-002 is a second phone of the same county (the household form's real-core test); s-001
# (县级督导) accepts the case the grid worker reported, for the case screen's test.
start_demo_county "$dir" "$bin"

reports=build/android-jvm/surefire-reports
# A clean build: classes of sources since deleted or changed must not linger between runs.
rm -rf build/android-jvm
mvn -B -q -f android/jvm/pom.xml -pl :presentation-jvm test \
  -Druhu.countyUrl="$county_url" -Druhu.enrollCode="$code_w001" -Druhu.enrollCode2="$code_w002" -Druhu.enrollCodeSupervisor="$code_s001" -Druhu.adminPassword="$admin_password" \
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
