#!/usr/bin/env bash
# Static checks of the Android Gradle project, which this machine cannot build: the manifest,
# the network security config, the version catalog, the module list, the app's imports and
# string resources (scripts/android_static_check.py says what each one is). Then, unless
# ANDROID_STATIC_CHECK_SELFTEST=0, proves the check can fail: each fault planted in a copy of
# android/ must make it fail.
set -euo pipefail
cd "$(dirname "$0")/.."

python3 scripts/android_static_check.py android
# Android merges the ui module's string resources into the app's, the app's winning: a name in
# both would silently change a screen's words.
string_clash() { # the android/ directory
  comm -12 <(grep -ho 'string name="[a-z0-9_]*"' "$1"/ui/src/main/res/values/strings*.xml | sort -u) \
    <(grep -ho 'string name="[a-z0-9_]*"' "$1"/app/src/main/res/values/strings*.xml | sort -u)
}
clash=$(string_clash android)
if [ -n "$clash" ]; then
  echo "android-static-check: string names in both the ui and the app module: $clash" >&2
  exit 1
fi

[ "${ANDROID_STATIC_CHECK_SELFTEST:-1}" = 0 ] && exit 0

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
plant() { # name, then a command run inside the copy that plants one fault
  local name=$1; shift
  rm -rf "$tmp/android" && cp -r android "$tmp/android"
  (cd "$tmp/android" && eval "$*")
  if python3 scripts/android_static_check.py "$tmp/android" 2>"$tmp/err" >/dev/null; then
    echo "android-static-check self-test: planted fault '$name' was NOT caught" >&2
    exit 1
  fi
  echo "self-test: caught $name: $(head -n1 "$tmp/err" | sed 's/^android-static-check: //')"
}
plant "import from an undeclared library" \
  "sed -i '0,/^import /s//import com.squareup.okhttp3.OkHttpClient\nimport /' app/src/main/kotlin/app/ruhu/app/MainActivity.kt"
plant "import of a project class that does not exist" \
  "sed -i '0,/^import /s//import app.ruhu.presentation.nowhere.Missing\nimport /' app/src/main/kotlin/app/ruhu/app/MainActivity.kt"
plant "backup allowed" "sed -i 's/android:allowBackup=\"false\"/android:allowBackup=\"true\"/' app/src/main/AndroidManifest.xml"
plant "manifest not well-formed" "sed -i 's#</manifest>##' app/src/main/AndroidManifest.xml"
plant "module without a build file" "echo 'include(\":signature\")' >> settings.gradle.kts"
plant "alias missing from the catalog" "sed -i 's/libs.zxing.core/libs.zxing.android/' app/build.gradle.kts"
plant "catalog version ref undefined" "sed -i 's/version.ref = \"zxing\"/version.ref = \"zxingg\"/' gradle/libs.versions.toml"
plant "inline Compose BOM drifting from the catalog" "sed -i 's/compose-bom:2024.12.01/compose-bom:2024.09.00/' ui/build.gradle.kts"
plant "cleartext to a real host" "sed -i 's#<domain includeSubdomains=\"false\">localhost</domain>#<domain includeSubdomains=\"false\">county.example.cn</domain>#' app/src/main/res/xml/network_security_config.xml"
plant "string resource missing" "sed -i '/name=\"location_none\"/d' app/src/main/res/values/strings.xml"
plant "Google Play services" "echo 'gms = { module = \"com.google.android.gms:play-services-location\", version = \"21.3.0\" }' >> gradle/libs.versions.toml"
rm -rf "$tmp/android" && cp -r android "$tmp/android"
sed -i 's#</resources>#<string name="home_title">x</string></resources>#' "$tmp/android/app/src/main/res/values/strings.xml"
if [ -z "$(string_clash "$tmp/android")" ]; then
  echo "android-static-check self-test: planted fault 'string name in ui and app' was NOT caught" >&2
  exit 1
fi
echo "self-test: caught string name in ui and app"
echo "android-static-check self-test: every planted fault caught"
