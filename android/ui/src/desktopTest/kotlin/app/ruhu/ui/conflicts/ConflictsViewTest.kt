// What the conflicts screen shows and sends: both values of a field side by side, the one shown
// now marked as such, 用这个 under each sending that value's choice for the field's path, a
// refusal in words with 再读一次, and 完成 once nothing is left.
package app.ruhu.ui.conflicts

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertCountEquals
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.ruhu.presentation.conflicts.ConflictsEvents
import app.ruhu.presentation.conflicts.ConflictsState
import app.ruhu.ui.runScreen
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test

@OptIn(ExperimentalTestApi::class)
class ConflictsViewTest {
    private val previews = conflictsPreviewStates()

    private fun tapDescribed(state: ConflictsState, description: String, elder: Boolean = false): List<ConflictsEvents> {
        val events = mutableListOf<ConflictsEvents>()
        runScreen(elder, { ConflictsView(state, { events += it }, {}) }) {
            onNodeWithContentDescription(description).performScrollTo().performClick()
            waitForIdle()
        }
        return events
    }

    @Test
    fun both_values_of_a_field_are_side_by_side() {
        runScreen(elder = true, { ConflictsView(previews.getValue("normal"), {}, {}) }) {
            val first = onNodeWithText("139****2608").fetchSemanticsNode().boundsInRoot
            val second = onNodeWithText("150****7731").fetchSemanticsNode().boundsInRoot
            assertTrue("$first is left of $second", first.right <= second.left)
            assertTrue("$first and $second overlap vertically", first.top < second.bottom && second.top < first.bottom)
            // One "shown now" mark per field, on its first value.
            onAllNodesWithText("现在显示的").assertCountEquals(2)
        }
    }

    @Test
    fun choosing_the_other_value_sends_it_for_the_fields_path() =
        assertEquals(
            listOf<ConflictsEvents>(ConflictsEvents.Choose("contact/phone", "\"15000007731\"")),
            tapDescribed(previews.getValue("normal"), "联系电话用“150****7731”"),
        )

    @Test
    fun choosing_the_value_shown_now_keeps_it() =
        assertEquals(
            listOf<ConflictsEvents>(ConflictsEvents.Choose("economics/income/wage", "120000")),
            tapDescribed(previews.getValue("normal"), "工资收入（每月）用“1200.00 元”", elder = true),
        )

    @Test
    fun a_third_candidate_is_offered_too() =
        assertEquals(
            listOf<ConflictsEvents>(ConflictsEvents.Choose("address/line", "\"青石村四组 2 号（女儿家，暂住）\"")),
            tapDescribed(previews.getValue("long"), "门牌地址用“青石村四组 2 号（女儿家，暂住）”"),
        )

    @Test
    fun a_problem_is_said_in_words_and_offers_reading_again() {
        val events = mutableListOf<ConflictsEvents>()
        runScreen(elder = false, { ConflictsView(previews.getValue("problem"), { events += it }, {}) }) {
            onNodeWithText("没有找到，请先同步", substring = true).assertIsDisplayed()
            onNodeWithText("再读一次").performClick()
            waitForIdle()
        }
        assertEquals(listOf<ConflictsEvents>(ConflictsEvents.Refresh), events)
    }

    @Test
    fun when_all_are_settled_it_says_so_and_done_goes_back() {
        var done = 0
        runScreen(elder = false, { ConflictsView(previews.getValue("done"), {}, { done++ }) }) {
            onNodeWithText("都处理完了", substring = true).assertIsDisplayed()
            onNodeWithText("完成").performClick()
            waitForIdle()
        }
        assertEquals(1, done)
    }

    @Test
    fun a_choice_tapped_while_the_last_one_is_saved_sends_nothing() =
        assertEquals(emptyList<ConflictsEvents>(), tapDescribed(previews.getValue("saving"), "联系电话用“150****7731”"))
}
