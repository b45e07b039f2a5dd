// Ruhu Android build. Needs the Android SDK and NDK (not available on the CI machine, which
// compiles and tests :presentation and :ui on the desktop JVM instead: scripts/android-jvm-test.sh,
// scripts/compose-check.sh; and the bindings by scripts/kotlin-test.sh). See README.md.
pluginManagement {
    repositories {
        google()
        mavenCentral()
        gradlePluginPortal()
    }
}

dependencyResolutionManagement {
    repositoriesMode.set(RepositoriesMode.FAIL_ON_PROJECT_REPOS)
    repositories {
        google()
        mavenCentral()
    }
}

rootProject.name = "ruhu"
include(":bindings")
include(":presentation")
include(":ui")
include(":app")
