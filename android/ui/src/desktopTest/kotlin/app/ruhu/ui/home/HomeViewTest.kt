// What the 我的走访 screen sends and says: 发现急难 and a task go to navigation, 刷新 to the
// presenter; an overdue clock, the empty list and visits that wait for next year's calendar are
// said in words.
package app.ruhu.ui.home

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import app.ruhu.presentation.home.HomeEvents
import app.ruhu.presentation.home.VisitItem
import app.ruhu.ui.runScreen
import org.junit.Assert.assertEquals
import org.junit.Test

@OptIn(ExperimentalTestApi::class)
class HomeViewTest {
    private val tasks = homePreviewStates().getValue("tasks")

    @Test
    fun tapping_report_emergency_asks_for_the_emergency_flow() {
        var asked = 0
        runScreen(elder = false, { HomeView(tasks, {}, { asked++ }, {}) }) {
            onNodeWithText("发现急难").performClick()
            waitForIdle()
        }
        assertEquals(1, asked)
    }

    @Test
    fun tapping_a_task_opens_that_task() {
        val opened = mutableListOf<VisitItem>()
        runScreen(elder = true, { HomeView(tasks, {}, {}, { opened += it }) }) {
            onNodeWithText("补拍房屋照片：照片模糊").performClick()
            waitForIdle()
        }
        assertEquals(listOf("task-2"), opened.map { it.taskId })
    }

    @Test
    fun tapping_refresh_sends_refresh() {
        val events = mutableListOf<HomeEvents>()
        runScreen(elder = false, { HomeView(tasks, { events += it }, {}, {}) }) {
            onNodeWithText("刷新").performClick()
            waitForIdle()
        }
        assertEquals(listOf<HomeEvents>(HomeEvents.Refresh), events)
    }

    @Test
    fun an_overdue_task_says_overdue_in_words() {
        runScreen(elder = false, { HomeView(homePreviewStates().getValue("overdue"), {}, {}, {}) }) {
            onNodeWithText("⚠ 已超期").assertIsDisplayed()
        }
    }

    @Test
    fun the_empty_state_says_there_is_nothing_to_do() {
        runScreen(elder = true, { HomeView(homePreviewStates().getValue("empty"), {}, {}, {}) }) {
            onNodeWithText("现在没有要办的走访。").assertIsDisplayed()
        }
    }

    @Test
    fun each_task_names_its_household_and_a_missing_calendar_is_said_in_words() {
        runScreen(elder = false, { HomeView(homePreviewStates().getValue("calendar"), {}, {}, {}) }) {
            onNodeWithText("韩桂兰 · 东营村 · 5组7号").assertIsDisplayed()
            onNodeWithText("有12户", substring = true).assertIsDisplayed()
        }
    }
}
