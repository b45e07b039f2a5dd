// What the household screen shows and sends: ID numbers only masked, members who left or died
// said so in words, income against the 低保 line in words, the conflict badge only when fields
// conflict and opening the conflicts, each action and case leading where it says, and retry.
package app.ruhu.ui.householdscreen

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import app.ruhu.presentation.householdscreen.HouseholdScreenEvents
import app.ruhu.presentation.householdscreen.HouseholdScreenState
import app.ruhu.ui.runScreen
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.assertCountEquals
import org.junit.Test
import uniffi.ruhu_core.CaseSummary

@OptIn(ExperimentalTestApi::class)
class HouseholdScreenViewTest {
    private val previews = householdScreenPreviewStates()

    private fun show(
        state: HouseholdScreenState,
        actions: HouseholdScreenActions = HouseholdScreenActions(),
        onEvent: (HouseholdScreenEvents) -> Unit = {},
        elder: Boolean = false,
        check: SkikoComposeUiTest.() -> Unit,
    ) = runScreen(elder, { HouseholdScreenView(state, onEvent, actions, HOUSEHOLD_PREVIEW_NOW_MS) }, check = check)

    private fun SkikoComposeUiTest.seen(text: String, substring: Boolean = true) =
        onNodeWithText(text, substring = substring).performScrollTo().assertIsDisplayed()

    private fun SkikoComposeUiTest.tap(text: String) {
        onNodeWithText(text, substring = true).performScrollTo().performClick()
        waitForIdle()
    }

    @Test
    fun members_show_masked_id_numbers_and_never_the_whole_number() {
        show(previews.getValue("normal")) {
            seen("370599********001X")
            assertTrue(onAllNodes(androidx.compose.ui.test.hasText("37059919580302001X", substring = true)).fetchSemanticsNodes().isEmpty())
        }
    }

    @Test
    fun a_member_who_moved_out_is_marked_in_words() {
        show(previews.getValue("normal")) { seen("【已迁出】王小军（子女）") }
    }

    @Test
    fun a_deceased_member_is_marked_in_words() {
        show(previews.getValue("long")) { seen("【已死亡】王八") }
    }

    @Test
    fun health_says_the_disability_and_its_grade() {
        show(previews.getValue("normal")) { seen("健康：肢体残疾 2 级") }
    }

    @Test
    fun income_below_the_dibao_line_is_said_in_words() {
        show(previews.getValue("normal")) {
            seen("人均月收入 500 元")
            seen("▼ 低于本县低保标准（每人每月 760 元）")
        }
    }

    @Test
    fun income_above_the_line_says_not_below() {
        show(previews.getValue("normal").copy(dibaoLineFen = 40_000L, belowDibao = false)) { seen("不低于本县低保标准（每人每月 400 元）") }
    }

    @Test
    fun without_the_countys_line_it_asks_for_a_sync() {
        show(previews.getValue("normal").copy(dibaoLineFen = null, belowDibao = null)) { seen("还没有本县低保标准，同步后再看") }
    }

    @Test
    fun no_conflict_badge_when_nothing_conflicts() {
        show(previews.getValue("normal")) {
            assertTrue(onAllNodes(androidx.compose.ui.test.hasText("修改冲突", substring = true)).fetchSemanticsNodes().isEmpty())
        }
    }

    @Test
    fun the_conflict_badge_counts_and_opens_the_conflicts() {
        var opened = 0
        show(previews.getValue("conflicts"), HouseholdScreenActions(onConflicts = { opened++ })) { tap("有 2 处修改冲突") }
        assertEquals(1, opened)
    }

    @Test
    fun each_action_button_leads_to_its_own_action() {
        val done = mutableListOf<String>()
        val actions = HouseholdScreenActions(
            onEdit = { done += "edit" }, onPhoto = { done += "photo" }, onSign = { done += "sign" },
            onHandover = { done += "handover" }, onEmergency = { done += "emergency" },
        )
        show(previews.getValue("normal"), actions, elder = true) {
            listOf("修改信息", "拍照", "签字", "发给同事", "发现急难").forEach { tap(it) }
        }
        assertEquals(listOf("edit", "photo", "sign", "handover", "emergency"), done)
    }

    @Test
    fun only_a_photo_still_owed_offers_its_retake_and_the_button_names_that_photo() {
        val retaken = mutableListOf<String>()
        show(previews.getValue("normal"), HouseholdScreenActions(onRetake = { retaken += it.photoId })) {
            onAllNodesWithText("重拍这张").assertCountEquals(1)
            tap("重拍这张")
        }
        assertEquals(listOf("p-2"), retaken)
        show(previews.getValue("normal").copy(retakesOwed = emptySet())) {
            onAllNodesWithText("重拍这张").assertCountEquals(0)
        }
    }

    @Test
    fun a_case_shows_its_status_and_clock_and_opens() {
        val opened = mutableListOf<CaseSummary>()
        show(previews.getValue("normal"), HouseholdScreenActions(onOpenCase = { opened += it })) {
            seen("急难救助 · 已受理")
            seen("还剩 4 小时")
            tap("急难救助 · 已受理")
        }
        assertEquals(listOf("c-1"), opened.map { it.id })
    }

    @Test
    fun a_photo_to_retake_shows_the_supervisors_reason() {
        show(previews.getValue("normal")) {
            seen("医疗票据：住院费用清单")
            seen("⚠ 需要重拍：票据金额看不清，请靠近重拍")
        }
    }

    @Test
    fun the_visit_history_shows_closed_and_open_visits() {
        show(previews.getValue("normal")) {
            seen("老人独居，每月探访")
            seen("未完成")
        }
    }

    @Test
    fun retry_after_a_problem_sends_refresh() {
        val events = mutableListOf<HouseholdScreenEvents>()
        show(previews.getValue("problem"), onEvent = { events += it }) {
            seen("没有找到，请先同步")
            tap("重新读取")
        }
        assertEquals(listOf<HouseholdScreenEvents>(HouseholdScreenEvents.Refresh), events)
    }

    @Test
    fun while_reading_it_says_so() {
        show(HouseholdScreenState("hh-1")) { seen("正在读取…") }
    }
}
