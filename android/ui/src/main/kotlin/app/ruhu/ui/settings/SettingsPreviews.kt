// Preview data for the settings screen (fictional worker): each state the screen can be in.
package app.ruhu.ui.settings

import app.ruhu.presentation.settings.Leaving
import app.ruhu.presentation.settings.SettingsState

/** A named preview of the settings screen: its state, and whether the first confirmation is open. */
data class SettingsPreview(val state: SettingsState, val asking: Boolean = false)

/** The named preview states of the settings screen. */
fun settingsPreviewStates(): Map<String, SettingsPreview> = mapOf(
    "normal" to SettingsPreview(SettingsState(version = "1.0.0（42）", workerName = "张丽华")),
    "elder-on" to SettingsPreview(SettingsState(elderMode = true, version = "1.0.0（42）", workerName = "张丽华")),
    "confirm-leave" to SettingsPreview(SettingsState(version = "1.0.0（42）", workerName = "张丽华"), asking = true),
    "confirm-loss" to SettingsPreview(SettingsState(version = "1.0.0（42）", leaving = Leaving.ConfirmLoss(documents = 3u, photos = 7u))),
    "wiping" to SettingsPreview(SettingsState(version = "1.0.0（42）", leaving = Leaving.Working)),
)
