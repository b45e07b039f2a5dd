// The ui module for the Android build: Compose (Material 3) screens that render state and send
// events, from src/main/kotlin. The same directory is compiled on this machine by pom.xml against
// Compose Multiplatform for desktop and tested there (src/desktopTest/kotlin, which Gradle does
// not compile: those tests drive Skia directly). The screens render the presenters' states, so
// this module depends on :presentation (on this machine: the reactor android/jvm/pom.xml).
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
    id("org.jetbrains.kotlin.plugin.compose")
}

android {
    namespace = "app.ruhu.ui"
    compileSdk = 35

    defaultConfig {
        minSdk = 26
    }

    buildFeatures {
        compose = true
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    implementation(project(":presentation"))
    val composeBom = platform("androidx.compose:compose-bom:2024.12.01")
    implementation(composeBom)
    implementation("androidx.compose.runtime:runtime")
    implementation("androidx.compose.foundation:foundation")
    implementation("androidx.compose.ui:ui")
    implementation("androidx.compose.material3:material3")
}
