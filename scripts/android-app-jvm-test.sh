#!/usr/bin/env bash
# Runs the app module's plain-JVM tests (android/app/src/test/kotlin: the QR decoder) with
# kotlinc and JUnit 4, against ZXing core from Maven Central (Maven and JUnit come from the earlier steps of scripts/test.sh). The rest of android/app needs the
# Android SDK and is checked by reading (scripts/android-static-check.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

kt=tools/node_modules/kotlin-compiler
[ -x "$kt/bin/kotlinc-jvm" ] || (cd tools && npm ci --no-audit --no-fund)
zxing="$HOME/.m2/repository/com/google/zxing/core/3.5.3/core-3.5.3.jar"
[ -f "$zxing" ] || mvn -q dependency:get -Dartifact=com.google.zxing:core:3.5.3
for jar in /usr/share/java/junit4.jar /usr/share/java/hamcrest-core.jar; do
  [ -f "$jar" ] || { echo "missing $jar (apt-get install junit4)" >&2; exit 1; }
done
cp="$zxing:/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar"

out=build/android-app-jvm
rm -rf "$out" && mkdir -p "$out"
# The app files with no Android imports, and their tests.
sources="android/app/src/main/kotlin/app/ruhu/app/camera/QrDecoder.kt"
tests=$(find android/app/src/test/kotlin -name '*.kt' | sort)
"$kt/bin/kotlinc-jvm" -nowarn -jvm-target 17 -cp "$cp" -d "$out" $sources $tests
classes=$(for t in $tests; do grep -q '@Test' "$t" && echo "$t"; done |
  sed 's#^android/app/src/test/kotlin/##; s#\.kt$##; s#/#.#g')
java -cp "$out:$cp:$kt/lib/kotlin-stdlib.jar" org.junit.runner.JUnitCore $classes
