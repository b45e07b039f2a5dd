// Root build file: the plugins every module uses, with their versions from the version catalog
// (gradle/libs.versions.toml), applied in the modules themselves.
plugins {
    alias(libs.plugins.android.application) apply false
    alias(libs.plugins.android.library) apply false
    alias(libs.plugins.kotlin.android) apply false
    alias(libs.plugins.kotlin.compose) apply false
}
