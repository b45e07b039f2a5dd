// What the settings screen sends: the 长辈版 switch, and 退出本县 only through its confirmations
// (the first one on the screen, the second with the numbers the core says would be lost).
package app.ruhu.ui.settings

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.ruhu.presentation.settings.SettingsEvents
import app.ruhu.ui.runScreen
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

@OptIn(ExperimentalTestApi::class)
class SettingsViewTest {
    private val previews = settingsPreviewStates()

    private fun tap(name: String, vararg texts: String): List<SettingsEvents> {
        val events = mutableListOf<SettingsEvents>()
        val preview = previews.getValue(name)
        runScreen(elder = false, { SettingsView(preview.state, { events += it }, asking = preview.asking) }) {
            texts.forEach { text ->
                onNodeWithText(text, substring = true).performScrollTo().performClick()
                waitForIdle()
            }
        }
        return events
    }

    private fun shows(name: String, text: String): Boolean {
        var found = false
        val preview = previews.getValue(name)
        runScreen(elder = true, { SettingsView(preview.state, {}, asking = preview.asking) }) {
            found = onAllNodes(hasText(text, substring = true)).fetchSemanticsNodes().isNotEmpty()
        }
        return found
    }

    @Test
    fun switching_elder_mode_on_sends_it() =
        assertEquals(listOf<SettingsEvents>(SettingsEvents.ElderMode(true)), tap("normal", "长辈版"))

    @Test
    fun switching_elder_mode_off_sends_it() =
        assertEquals(listOf<SettingsEvents>(SettingsEvents.ElderMode(false)), tap("elder-on", "长辈版"))

    @Test
    fun leave_county_first_asks_on_the_screen_and_sends_nothing() =
        assertEquals(emptyList<SettingsEvents>(), tap("normal", "退出本县并清除资料"))

    @Test
    fun confirming_on_the_screen_asks_the_core_to_leave() =
        assertEquals(listOf<SettingsEvents>(SettingsEvents.Leave), tap("normal", "退出本县并清除资料", "确定退出"))

    @Test
    fun cancelling_the_first_question_sends_nothing() =
        assertEquals(emptyList<SettingsEvents>(), tap("confirm-leave", "取消"))

    @Test
    fun losing_unsynced_work_wipes_only_on_confirm() {
        assertEquals(listOf<SettingsEvents>(SettingsEvents.ConfirmLeave), tap("confirm-loss", "确认清除"))
        assertEquals(listOf<SettingsEvents>(SettingsEvents.CancelLeave), tap("confirm-loss", "取消，先去同步"))
    }

    @Test
    fun the_second_question_says_how_much_unsynced_work_is_lost() {
        assertTrue(shows("confirm-loss", "还有3条记录和7张照片"))
        assertTrue(shows("confirm-loss", "没同步的记录会丢失"))
    }

    @Test
    fun the_version_and_the_worker_are_shown() {
        assertTrue(shows("normal", "版本 1.0.0（42）"))
        assertTrue(shows("normal", "登记人：张丽华"))
    }
}
