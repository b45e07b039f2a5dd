// What the 发现急难 sheet sends and says: a household chosen, 登记新户, kind and urgency, 上报
// only when ready; the reported case's clock in words, in time and overdue.
package app.ruhu.ui.emergency

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.assertCountEquals
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsSelected
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.ruhu.presentation.emergency.EmergencyEvents
import app.ruhu.presentation.emergency.EmergencyState
import app.ruhu.ui.households.previewHouseholds
import app.ruhu.ui.runScreen
import org.junit.Assert.assertEquals
import org.junit.Test
import uniffi.ruhu_core.CasePath
import uniffi.ruhu_core.EmergencyKind
import uniffi.ruhu_core.Place

@OptIn(ExperimentalTestApi::class)
class EmergencyViewTest {
    private val previews = emergencyPreviewStates()

    private fun tap(state: EmergencyState, text: String, elder: Boolean = false): List<EmergencyEvents> {
        val events = mutableListOf<EmergencyEvents>()
        runScreen(elder, { EmergencyView(state, { events += it }, PREVIEW_NOW_MS, {}) }) {
            onNodeWithText(text, substring = true).performScrollTo().performClick()
            waitForIdle()
        }
        return events
    }

    @Test
    fun tapping_a_found_household_chooses_it() =
        assertEquals(listOf<EmergencyEvents>(EmergencyEvents.HouseholdChosen(previewHouseholds[0])), tap(previews.getValue("choose-results"), "王建国"))

    @Test
    fun a_new_households_place_is_chosen_among_the_phones() = assertEquals(
        listOf<EmergencyEvents>(EmergencyEvents.PlaceChosen(Place("370599100201", "红星村", "G02-1"))),
        tap(previews.getValue("register"), "红星村 · 网格 G02-1"),
    )

    @Test
    fun tapping_register_new_sends_register_new() =
        assertEquals(listOf<EmergencyEvents>(EmergencyEvents.RegisterNew), tap(previews.getValue("choose"), "登记新户"))

    @Test
    fun tapping_a_kind_chooses_it() =
        assertEquals(listOf<EmergencyEvents>(EmergencyEvents.KindChosen(EmergencyKind.SUDDEN_ILLNESS)), tap(previews.getValue("describe"), "突发疾病", elder = true))

    @Test
    fun tapping_an_urgency_chooses_its_path() =
        assertEquals(listOf<EmergencyEvents>(EmergencyEvents.PathChosen(CasePath.URGENT)), tap(previews.getValue("describe"), "24 小时内处置"))

    @Test
    fun report_sends_report_when_household_kind_and_urgency_are_chosen() =
        assertEquals(listOf<EmergencyEvents>(EmergencyEvents.Report), tap(previews.getValue("describe"), "上报"))

    @Test
    fun report_is_disabled_without_a_kind() {
        val state = previews.getValue("describe").copy(kind = null)
        runScreen(elder = false, { EmergencyView(state, {}, PREVIEW_NOW_MS, {}) }) {
            onNodeWithText("上报").performScrollTo().assertIsNotEnabled()
        }
    }

    @Test
    fun the_chosen_kind_and_urgency_are_marked_in_words() {
        runScreen(elder = false, { EmergencyView(previews.getValue("describe"), {}, PREVIEW_NOW_MS, {}) }) {
            // 火灾 and 紧急 are chosen in the preview: two marks, one for each choice.
            onAllNodesWithText("✓ 已选", useUnmergedTree = true).assertCountEquals(2)
            onNodeWithText("火灾", substring = true).assertIsSelected()
        }
    }

    @Test
    fun a_reported_case_in_time_says_how_long_is_left() {
        runScreen(elder = false, { EmergencyView(previews.getValue("reported"), {}, PREVIEW_NOW_MS, {}) }) {
            onNodeWithText("还剩 1 小时 20 分", substring = true).assertIsDisplayed()
        }
    }

    @Test
    fun an_overdue_case_says_overdue_in_words() {
        runScreen(elder = true, { EmergencyView(previews.getValue("reported-overdue"), {}, PREVIEW_NOW_MS, {}) }) {
            onNodeWithText("已超时 35 分", substring = true).assertIsDisplayed()
        }
    }
}
