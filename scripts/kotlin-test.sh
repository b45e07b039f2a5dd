#!/usr/bin/env bash
# Compiles the committed Kotlin bindings and their JUnit 4 suite with kotlinc and runs them on
# the JVM through JNA against target/debug/libruhu_core.so (as uniffi tests its own Kotlin).
# Installs kotlinc (npm), JNA and JUnit (Debian) when they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."

lib_dir=target/debug
[ -f "$lib_dir/libruhu_core.so" ] || { echo "missing $lib_dir/libruhu_core.so: run cargo build --workspace" >&2; exit 1; }

kotlinc=tools/node_modules/kotlin-compiler/bin/kotlinc-jvm
[ -x "$kotlinc" ] || (cd tools && npm ci --no-audit --no-fund)
if [ ! -f /usr/share/java/jna.jar ] || [ ! -f /usr/share/java/junit4.jar ] || [ ! -f /usr/share/java/hamcrest-core.jar ]; then
  run=()
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "need root (or sudo) to install libjna-java junit4" >&2; exit 1; }
    run=(sudo)
  fi
  "${run[@]}" apt-get update -qq
  "${run[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjna-java junit4
fi

kt_lib=tools/node_modules/kotlin-compiler/lib
cp="/usr/share/java/jna.jar:/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar"
cp="$cp:$kt_lib/kotlin-test.jar:$kt_lib/kotlin-test-junit.jar:$kt_lib/kotlinx-coroutines-core-jvm.jar"

out=build/kotlin
rm -rf "$out" && mkdir -p "$out"
tests=$(find android/bindings/src/test/kotlin -name '*.kt' | sort)
"$kotlinc" -nowarn -jvm-target 17 -cp "$cp" -d "$out/classes" \
  android/bindings/src/main/kotlin/uniffi/ruhu_core/ruhu_core.kt $tests

classes=$(grep -l '@Test' $tests | xargs -n1 basename | sed 's/\.kt$//' | sed 's/^/app.ruhu.bindings./')
java -Djna.library.path="$lib_dir" -cp "$out/classes:$cp:$kt_lib/kotlin-stdlib.jar" \
  org.junit.runner.JUnitCore $classes
