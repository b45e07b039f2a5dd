// The settings screen: 长辈版 and 高对比度 switches, the app's version, and 退出本县, which wipes
// this phone's data only after a confirmation that says so in words.
package app.ruhu.ui.settings

import androidx.compose.runtime.Composable
import androidx.compose.ui.Modifier
import app.ruhu.ui.common.BodyText
import app.ruhu.ui.common.DetailText
import app.ruhu.ui.common.PrimaryButton
import app.ruhu.ui.common.ProblemBox
import app.ruhu.ui.common.ScreenColumn
import app.ruhu.ui.common.SecondaryButton
import app.ruhu.ui.common.SectionTitle
import app.ruhu.ui.common.SwitchRow

/** The settings screen for [state]; [onEvent] takes what the worker does. */
@Composable
fun SettingsView(state: SettingsState, onEvent: (SettingsEvents) -> Unit, modifier: Modifier = Modifier) {
    ScreenColumn(title = "设置", modifier = modifier) {
        if (state.confirmingLeave) {
            ProblemBox("退出本县会清除本机上的全部资料：农户、案件、照片和没同步的记录。没同步的记录会丢失。")
            BodyText("确定要退出本县吗？")
            PrimaryButton("确认清除", onClick = { onEvent(SettingsEvents.ConfirmLeave) }, danger = true, enabled = !state.leaving)
            SecondaryButton("取消", onClick = { onEvent(SettingsEvents.CancelLeave) })
            if (state.leaving) BodyText("正在清除…")
            return@ScreenColumn
        }
        SwitchRow("长辈版", state.elderMode, { onEvent(SettingsEvents.ElderModeChanged(it)) }, detail = "字更大，按钮更大")
        SwitchRow("高对比度", state.highContrast, { onEvent(SettingsEvents.HighContrastChanged(it)) }, detail = "颜色更分明")
        SectionTitle("关于")
        state.workerName?.let { BodyText("登记人：$it") }
        DetailText("版本 ${state.version}")
        SectionTitle("退出本县")
        DetailText("换人使用或离开本县时用。")
        PrimaryButton("退出本县并清除资料", onClick = { onEvent(SettingsEvents.LeaveCounty) }, danger = true)
    }
}

/** The named preview states of the settings screen. */
fun settingsPreviewStates(): Map<String, SettingsState> = mapOf(
    "normal" to SettingsState(version = "1.0.0（42）", workerName = "张丽华"),
    "elder-on" to SettingsState(elderMode = true, highContrast = true, version = "1.0.0（42）", workerName = "张丽华"),
    "confirm-leave" to SettingsState(version = "1.0.0（42）", confirmingLeave = true),
)
