// Ruhu Android build. Needs the Android SDK and NDK (not available on the CI machine, which
// tests the same Kotlin bindings on the JVM instead: scripts/kotlin-test.sh).
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
