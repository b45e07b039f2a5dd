// What the settings screen sends: the two switches, and 退出本县 only through its confirmation.
package app.ruhu.ui.settings

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.ruhu.ui.runScreen
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

@OptIn(ExperimentalTestApi::class)
class SettingsViewTest {
    private val previews = settingsPreviewStates()

    private fun tap(name: String, text: String): List<SettingsEvents> {
        val events = mutableListOf<SettingsEvents>()
        runScreen(elder = false, { SettingsView(previews.getValue(name), { events += it }) }) {
            onNodeWithText(text, substring = true).performScrollTo().performClick()
            waitForIdle()
        }
        return events
    }

    @Test
    fun switching_elder_mode_on_sends_it() =
        assertEquals(listOf<SettingsEvents>(SettingsEvents.ElderModeChanged(true)), tap("normal", "长辈版"))

    @Test
    fun switching_high_contrast_off_sends_it() =
        assertEquals(listOf<SettingsEvents>(SettingsEvents.HighContrastChanged(false)), tap("elder-on", "高对比度"))

    @Test
    fun leave_county_asks_for_confirmation_and_does_not_wipe() =
        assertEquals(listOf<SettingsEvents>(SettingsEvents.LeaveCounty), tap("normal", "退出本县并清除资料"))

    @Test
    fun the_confirmation_wipes_only_on_confirm() {
        assertEquals(listOf<SettingsEvents>(SettingsEvents.ConfirmLeave), tap("confirm-leave", "确认清除"))
        assertEquals(listOf<SettingsEvents>(SettingsEvents.CancelLeave), tap("confirm-leave", "取消"))
    }

    @Test
    fun the_confirmation_says_unsynced_records_are_lost() {
        runScreen(elder = true, { SettingsView(previews.getValue("confirm-leave"), {}) }) {
            assertTrue(onAllNodes(androidx.compose.ui.test.hasText("没同步的记录会丢失", substring = true)).fetchSemanticsNodes().isNotEmpty())
        }
    }
}
