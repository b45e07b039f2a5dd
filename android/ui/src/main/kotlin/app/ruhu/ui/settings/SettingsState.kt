// What the settings screen shows and what the worker can do there. The presentation module has
// no settings presenter yet; these belong there once it does (the app keeps the two switches in
// its preferences; 退出本县 calls the core's wipe after the confirmation).
package app.ruhu.ui.settings

/** The settings screen. */
data class SettingsState(
    /** 长辈版: larger text and targets. */
    val elderMode: Boolean = false,
    /** 高对比度. */
    val highContrast: Boolean = false,
    /** The app's version as shown (e.g. "1.0.0（42）"). */
    val version: String = "",
    /** The worker this phone is enrolled for, if any. */
    val workerName: String? = null,
    /** Whether the 退出本县 confirmation is on screen. */
    val confirmingLeave: Boolean = false,
    /** Whether the wipe is under way. */
    val leaving: Boolean = false,
)

/** Events of the settings screen. */
sealed interface SettingsEvents {
    /** 长辈版 switched. */
    data class ElderModeChanged(val on: Boolean) : SettingsEvents

    /** 高对比度 switched. */
    data class HighContrastChanged(val on: Boolean) : SettingsEvents

    /** 退出本县 tapped: show the confirmation. */
    data object LeaveCounty : SettingsEvents

    /** 确认清除 on the confirmation: wipe this phone's data. */
    data object ConfirmLeave : SettingsEvents

    /** 取消 on the confirmation. */
    data object CancelLeave : SettingsEvents
}
