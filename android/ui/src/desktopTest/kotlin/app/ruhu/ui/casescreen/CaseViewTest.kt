// What the case screen sends and says: only the steps the core allows are offered and open their
// form; each form asks for its step's fields (two investigators, an amount, the 转办单 answered)
// and sends them as typed; the time a step happened is chosen earlier than now; clocks are in
// words; a step the county did not apply shows its reason; a refused time is shown by the time.
package app.ruhu.ui.casescreen

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.assertCountEquals
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.hasClickAction
import androidx.compose.ui.test.hasText
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithContentDescription
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import app.ruhu.presentation.casescreen.CaseEvents
import app.ruhu.presentation.casescreen.CaseState
import app.ruhu.ui.runScreen
import org.junit.Assert.assertEquals
import org.junit.Assert.assertTrue
import org.junit.Test
import uniffi.ruhu_core.CaseEventKind

@OptIn(ExperimentalTestApi::class)
class CaseViewTest {
    private val previews = casePreviewStates()
    private val hour = 3_600_000L
    private val now = CASE_PREVIEW_NOW_MS

    private fun show(state: CaseState, elder: Boolean = false, check: SkikoComposeUiTest.(MutableList<CaseEvents>) -> Unit): List<CaseEvents> {
        val events = mutableListOf<CaseEvents>()
        runScreen(elder, { CaseView(state, { events += it }, now, {}, {}) }) { check(events) }
        return events
    }

    private fun tap(state: CaseState, text: String, elder: Boolean = false): List<CaseEvents> = show(state, elder) {
        onNode(hasText(text) and hasClickAction()).performScrollTo().performClick()
        waitForIdle()
    }

    @Test
    fun only_the_steps_the_core_allows_are_offered() {
        show(previews.getValue("normal")) {
            for (allowed in listOf("先行救助", "入户调查", "转办单答复")) onNode(hasText(allowed) and hasClickAction()).performScrollTo().assertIsDisplayed()
            for (other in listOf("结案", "初审", "审批通过", "受理")) onAllNodes(hasText(other) and hasClickAction()).assertCountEquals(0)
        }
    }

    @Test
    fun tapping_an_allowed_step_opens_its_form() =
        assertEquals(listOf<CaseEvents>(CaseEvents.OpenStep(CaseEventKind.ADVANCE_AID)), tap(previews.getValue("normal"), "先行救助", elder = true))

    @Test
    fun a_case_without_allowed_steps_says_so_and_offers_none() {
        val state = previews.getValue("normal").let { it.copy(detail = it.detail!!.copy(allowedActions = emptyList())) }
        show(state) {
            onNodeWithText("现在没有您能办的下一步", substring = true).performScrollTo().assertIsDisplayed()
            onAllNodes(hasText("先行救助") and hasClickAction()).assertCountEquals(0)
        }
    }

    @Test
    fun the_clock_says_how_long_is_left_and_an_overdue_one_says_overdue() {
        show(previews.getValue("normal")) { onNodeWithText("下一步还剩 1 小时 20 分", substring = true).assertIsDisplayed() }
        show(previews.getValue("elder"), elder = true) { onNodeWithText("已超时，请马上处理（已超时 35 分）", substring = true).assertIsDisplayed() }
    }

    @Test
    fun a_step_the_county_did_not_apply_is_shown_with_its_reason() {
        show(previews.getValue("problem")) {
            onNodeWithText("县里没有采用这一步：同一时间另一台手机已记录先行救助", substring = true).performScrollTo().assertIsDisplayed()
        }
    }

    @Test
    fun a_step_written_up_later_shows_both_times() {
        show(previews.getValue("long")) {
            // Happened at 08:40, written up at 09:40.
            onNodeWithText("先行救助 · 12月1日 08:40", substring = true).performScrollTo().assertIsDisplayed()
            onNodeWithText("12月1日 09:40 补记", substring = true).performScrollTo().assertIsDisplayed()
        }
    }

    @Test
    fun the_investigation_form_asks_for_two_investigators_and_sends_the_second_as_typed() {
        val events = show(previews.getValue("form-investigated")) {
            onNodeWithContentDescription("第一调查人").assertIsDisplayed()
            onNodeWithContentDescription("第二调查人").performScrollTo().performTextInput("张伟")
            waitForIdle()
        }
        // The first event is what was typed (the view then shows the state it is given, unchanged here).
        assertEquals(CaseEvents.StepFieldChanged("investigator.1", "张伟"), events.first())
    }

    @Test
    fun the_advance_aid_form_sends_the_amount_as_typed() {
        val state = previews.getValue("form-advance-aid-earlier").let { it.copy(step = it.step!!.copy(fields = emptyMap())) }
        val events = show(state) {
            onNodeWithContentDescription("金额（元）").performTextInput("800.50")
            waitForIdle()
        }
        assertEquals(CaseEvents.StepFieldChanged("amount", "800.50"), events.first())
    }

    @Test
    fun the_answer_form_lists_the_cases_referrals_and_choosing_one_names_it() {
        val state = previews.getValue("form-referral-answer").let { it.copy(step = it.step!!.copy(fields = emptyMap())) }
        assertEquals(listOf<CaseEvents>(CaseEvents.StepFieldChanged("answers", "ev-2")), tap(state, "12月1日 08:30 转 乡应急办"))
    }

    @Test
    fun choosing_an_earlier_time_starts_an_hour_before_now() =
        assertEquals(
            listOf<CaseEvents>(CaseEvents.HappenedAtChosen(now - hour)),
            tap(previews.getValue("form-investigated"), "更早的时候（事后补记）"),
        )

    @Test
    fun an_earlier_time_moves_back_by_ten_minutes_and_back_to_now() {
        val state = previews.getValue("form-advance-aid-earlier")
        assertEquals(listOf<CaseEvents>(CaseEvents.HappenedAtChosen(now - 7 * hour - 600_000L)), tap(state, "早 10 分钟"))
        assertEquals(listOf<CaseEvents>(CaseEvents.HappenedAtChosen(null)), tap(state, "就是现在"))
    }

    @Test
    fun the_chosen_earlier_time_is_said_in_words_and_never_moves_to_now_or_later() {
        show(previews.getValue("form-advance-aid-earlier")) {
            onNodeWithText("办理时间：12月1日 03:00（7 小时前）", substring = true).performScrollTo().assertIsDisplayed()
        }
        val fiveMinutesAgo = previews.getValue("form-advance-aid-earlier").let { it.copy(step = it.step!!.copy(happenedAtMs = now - 300_000L)) }
        show(fiveMinutesAgo) {
            onAllNodesWithText("晚 10 分钟").assertCountEquals(0)
            onAllNodesWithText("晚 1 小时").assertCountEquals(0)
            onNodeWithText("早 10 分钟").performScrollTo().assertIsDisplayed()
        }
    }

    @Test
    fun a_time_the_county_refuses_is_shown_under_the_time_in_the_cores_words() {
        show(previews.getValue("form-time-refused")) {
            val reason = onNodeWithText("办理时间不能早于录入时间 72 小时以上", substring = true).performScrollTo()
            reason.assertIsDisplayed()
            val reasonTop = reason.fetchSemanticsNode().boundsInRoot.top
            val timeTop = onNodeWithText("什么时候办的").fetchSemanticsNode().boundsInRoot.top
            assertTrue("the refusal ($reasonTop) is below the time ($timeTop)", reasonTop > timeTop)
        }
    }

    @Test
    fun save_sends_submit_and_back_keeps_the_draft_by_closing_the_form() {
        val state = previews.getValue("form-advance-aid-earlier")
        assertEquals(listOf<CaseEvents>(CaseEvents.SubmitStep), tap(state, "保存这一步"))
        assertEquals(listOf<CaseEvents>(CaseEvents.CloseStep), tap(state, "返回"))
    }

    @Test
    fun a_case_being_read_says_so() {
        show(CaseState("case-1")) { onNodeWithText("正在读取", substring = true).assertIsDisplayed() }
    }

    @Test
    fun the_investigation_form_lists_the_signatures_it_names_and_one_can_be_turned_off() {
        val events = show(previews.getValue("form-investigated")) {
            onNodeWithText("随这一步提交的签字").performScrollTo().assertIsDisplayed()
            onNode(hasText("签字 第 1 张") and hasClickAction()).performScrollTo().assertIsDisplayed()
            onNode(hasText("签字 第 2 张") and hasClickAction()).performScrollTo().performClick()
            waitForIdle()
        }
        assertEquals(listOf<CaseEvents>(CaseEvents.EvidenceToggled("sig-2")), events)
    }

    @Test
    fun an_investigation_without_signatures_says_to_sign_first() {
        show(previews.getValue("form-investigated-unsigned")) {
            onNodeWithText("这个案件还没有签字，请先拍照或签字", substring = true).performScrollTo().assertIsDisplayed()
            onAllNodes(hasText("签字 第 1 张")).assertCountEquals(0)
        }
    }
}
