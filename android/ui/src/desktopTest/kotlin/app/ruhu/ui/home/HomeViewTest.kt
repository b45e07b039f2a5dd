// The 我的走访 screen rendered from each preview state in normal and elder mode: screenshots,
// labelled clickables big enough to tap, and the events its actions send.
package app.ruhu.ui.home

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import app.ruhu.ui.runScreen
import app.ruhu.ui.clickableViolations
import app.ruhu.ui.drawnTextSizes
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

@OptIn(ExperimentalTestApi::class)
class HomeViewTest {
    @Test
    fun every_preview_state_in_both_modes_has_labelled_clickables_of_the_touch_target_size() {
        val failures = mutableListOf<String>()
        for ((name, state) in homePreviewStates()) {
            for (elder in listOf(false, true)) {
                runScreen(elder, { HomeView(state) }, screenshot = "home-$name") {
                    clickableViolations(elder).forEach { failures += "home-$name elder=$elder: ${it.what}: ${it.node}" }
                }
            }
        }
        assertTrue(failures.joinToString("\n"), failures.isEmpty())
    }

    @Test
    fun every_text_in_elder_mode_is_drawn_between_18_and_30_sp() {
        for ((name, state) in homePreviewStates()) {
            runScreen(elder = true, { HomeView(state) }) {
                val sizes = drawnTextSizes()
                assertTrue("home-$name shows no text", sizes.isNotEmpty())
                val outside = sizes.filter { (_, sp) -> sp !in 18f..30f }
                assertTrue("home-$name: $outside", outside.isEmpty())
            }
        }
    }

    @Test
    fun tapping_report_emergency_sends_report_emergency() {
        val events = mutableListOf<HomeEvent>()
        val state = homePreviewStates { events += it }.getValue("tasks")
        runScreen(elder = false, { HomeView(state) }) {
            onNodeWithText("发现急难").performClick()
            waitForIdle()
        }
        assertEquals(listOf<HomeEvent>(HomeEvent.ReportEmergency), events)
    }

    @Test
    fun tapping_a_task_opens_that_task() {
        val events = mutableListOf<HomeEvent>()
        val state = homePreviewStates { events += it }.getValue("tasks")
        runScreen(elder = true, { HomeView(state) }) {
            onNodeWithText("李秀英 · 柳树村", substring = true).performClick()
            waitForIdle()
        }
        assertEquals(listOf<HomeEvent>(HomeEvent.OpenTask("task-2")), events)
    }

    @Test
    fun an_overdue_task_says_overdue_in_words() {
        val state = homePreviewStates().getValue("overdue")
        runScreen(elder = false, { HomeView(state) }) {
            onNodeWithText("已超时 35 分").assertIsDisplayed()
        }
    }

    @Test
    fun the_empty_state_says_there_is_nothing_to_do() {
        val state = homePreviewStates().getValue("empty")
        runScreen(elder = true, { HomeView(state) }) {
            onNodeWithText("现在没有要办的走访。").assertIsDisplayed()
        }
    }
}
