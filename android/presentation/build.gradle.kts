// The presenters (one package per feature: Presenter, State, Events) on the core's bindings.
// Plain Kotlin without Android imports, tested on the JVM by android/jvm/presentation/pom.xml from these
// same source folders. It is an Android library only because its dependency :bindings is one
// (a kotlin("jvm") module cannot depend on an Android library); should :bindings become a JVM
// module, this one becomes kotlin("jvm") with the same dependencies.
plugins {
    id("com.android.library")
    id("org.jetbrains.kotlin.android")
}

android {
    namespace = "app.ruhu.presentation"
    compileSdk = 35

    defaultConfig {
        minSdk = 26
    }

    compileOptions {
        sourceCompatibility = JavaVersion.VERSION_17
        targetCompatibility = JavaVersion.VERSION_17
    }

    testOptions {
        unitTests.all {
            // The real-core test needs a county and the host library (scripts/android-jvm-test.sh);
            // without them it fails with a message instead of passing.
            it.systemProperty("jna.library.path", rootDir.resolve("../target/debug").path)
            it.systemProperty("ruhu.countyUrl", providers.gradleProperty("ruhu.countyUrl").getOrElse(""))
            it.systemProperty("ruhu.enrollCode", providers.gradleProperty("ruhu.enrollCode").getOrElse(""))
        }
    }
}

kotlin {
    jvmToolchain(17)
}

dependencies {
    api(project(":bindings"))
    api("org.jetbrains.kotlinx:kotlinx-coroutines-core:1.9.0")

    testImplementation("junit:junit:4.13.2")
    testImplementation("org.jetbrains.kotlin:kotlin-test-junit:2.1.0")
    testImplementation("org.jetbrains.kotlinx:kotlinx-coroutines-test:1.9.0")
    testImplementation("app.cash.turbine:turbine:1.2.0")
    // Android unit tests run on the host JVM: JNA's jar carries the host's native dispatch.
    testImplementation("net.java.dev.jna:jna:5.15.0")
}
