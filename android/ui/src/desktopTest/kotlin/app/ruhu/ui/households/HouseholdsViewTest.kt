// What the household list sends and shows: typing and the filters go to the presenter, a row
// opens its household, and ID numbers appear only as the core masked them.
package app.ruhu.ui.households

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import app.ruhu.presentation.households.HouseholdFilters
import app.ruhu.presentation.households.HouseholdsEvents
import app.ruhu.ui.runScreen
import org.junit.Assert.assertEquals
import org.junit.Test
import uniffi.ruhu_core.HouseholdSummary

@OptIn(ExperimentalTestApi::class)
class HouseholdsViewTest {
    private val previews = householdsPreviewStates()

    @Test
    fun typing_sends_text_changed() {
        val events = mutableListOf<HouseholdsEvents>()
        runScreen(elder = false, { HouseholdsView(previews.getValue("results"), { events += it }, {}) }) {
            onNodeWithContentDescription("查找").performTextInput("wjg")
            waitForIdle()
        }
        // The preview's state does not change, so the field then reverts to it; the typing is the first event.
        assertEquals(HouseholdsEvents.TextChanged("wjg"), events.first())
    }

    @Test
    fun switching_open_cases_only_sends_the_filter() {
        val events = mutableListOf<HouseholdsEvents>()
        runScreen(elder = true, { HouseholdsView(previews.getValue("results"), { events += it }, {}) }) {
            onNodeWithText("只看有在办案件的", substring = true).performClick()
            waitForIdle()
        }
        assertEquals(listOf<HouseholdsEvents>(HouseholdsEvents.FiltersChanged(HouseholdFilters(openCaseOnly = true))), events)
    }

    @Test
    fun switching_the_chosen_category_off_clears_it() {
        val events = mutableListOf<HouseholdsEvents>()
        val state = previews.getValue("filtered-empty")
        runScreen(elder = false, { HouseholdsView(state, { events += it }, {}) }) {
            onNodeWithText("只看低保", substring = true).performScrollTo().performClick()
            waitForIdle()
        }
        assertEquals(listOf<HouseholdsEvents>(HouseholdsEvents.FiltersChanged(state.filters.copy(category = null))), events)
    }

    @Test
    fun tapping_a_household_opens_it() {
        val opened = mutableListOf<HouseholdSummary>()
        runScreen(elder = false, { HouseholdsView(previews.getValue("results"), {}, { opened += it }) }) {
            onNodeWithText("李秀英", substring = true).performScrollTo().performClick()
            waitForIdle()
        }
        assertEquals(listOf("hh-2"), opened.map { it.id })
    }

    @Test
    fun the_id_number_is_shown_masked() {
        runScreen(elder = false, { HouseholdsView(previews.getValue("results"), {}, {}) }) {
            onNodeWithText("370599********0013", substring = true).performScrollTo().assertIsDisplayed()
        }
    }
}
