#!/usr/bin/env bash
# Builds the Compose screens of android/ui on the desktop JVM with Maven (Compose Multiplatform
# for desktop from Maven Central, see android/ui/pom.xml) and runs their tests headless: each
# screen's preview states rendered at 360×800 dp in normal and elder mode, written as PNGs to
# build/compose-screens/, with the semantics checks (labelled clickables, 48/60 dp targets) and
# the theme's WCAG contrast. Installs Maven, a JDK and the CJK fonts from Debian when missing;
# Maven puts its downloads in ~/.m2.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

missing=()
command -v mvn >/dev/null || missing+=(maven)
command -v javac >/dev/null || missing+=(openjdk-17-jdk-headless)
# Without a CJK font the screenshots show boxes instead of Chinese.
[ -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# Both builds compile the whole of android/ui/src/main/kotlin (Gradle by its default source set,
# Maven by <sourceDirs>); a source anywhere else would be built by one and not the other. Both
# read the words from android/ui/src/main/res/values/strings*.xml: Gradle through aapt2's R,
# Maven through R and stringResource written from the same files by android/ui/desktop_strings.py.
stray=$(find android/ui/src -type f \( -name '*.kt' -o -name '*.java' \) \
  -not -path 'android/ui/src/main/kotlin/*' -not -path 'android/ui/src/desktopTest/kotlin/*')
if [ -n "$stray" ]; then
  echo "sources outside src/main/kotlin and src/desktopTest/kotlin (the two builds would drift):" >&2
  echo "$stray" >&2
  exit 1
fi

# Every word a screen shows is a string resource; Chinese in a Kotlin literal outside the preview
# files fails here. The check is shown to fail first, on a copy with one such literal planted.
python3 android/ui/chinese_literals.py android/ui/src/main/kotlin
planted=$(mktemp -d)
trap 'rm -rf "$planted"' EXIT
cp -r android/ui/src/main/kotlin "$planted/kotlin"
sed -i 's/^fun HomeView(/private val planted = "刷新"\n\nfun HomeView(/' "$planted/kotlin/app/ruhu/ui/home/HomeView.kt"
if python3 android/ui/chinese_literals.py "$planted/kotlin" 2>/dev/null; then
  echo "chinese_literals.py self-test: a planted Chinese literal was NOT caught" >&2
  exit 1
fi
echo "chinese_literals.py: no Chinese literal outside previews (a planted one is caught)"

# A clean build: classes of sources since deleted or changed must not linger between runs.
rm -rf build/compose-screens build/android-ui
# The reactor builds the presentation module first (its classes only: its tests need a county
# and run in scripts/android-jvm-test.sh), then the screens on its states.
mvn -B -q -f android/jvm/pom.xml -pl :ruhu-ui-desktop-check -am test -Druhu.skipPresentationTests=true
reports=build/android-ui/surefire-reports
grep -ho '<testsuite [^>]*' "$reports"/TEST-*.xml |
  sed -E 's/.* name="([^"]*)".* tests="([0-9]+)".* errors="([0-9]+)".* skipped="([0-9]+)".* failures="([0-9]+)".*/\1: \2 tests, \5 failures, \3 errors, \4 skipped/'
echo "screenshots in build/compose-screens:"
ls build/compose-screens
