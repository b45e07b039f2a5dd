// What the household form sends and shows: every field's change as typed (text, switches,
// choices, places), GPS, adding members and supporters, 迁出 through its own event, Save; the
// core's ID check and field problems next to their fields; the per-capita income in words.
package app.ruhu.ui.householdform

import androidx.compose.ui.test.ExperimentalTestApi
import androidx.compose.ui.test.SkikoComposeUiTest
import androidx.compose.ui.test.assertIsDisplayed
import androidx.compose.ui.test.assertIsNotEnabled
import androidx.compose.ui.test.onAllNodesWithContentDescription
import androidx.compose.ui.test.onAllNodesWithText
import androidx.compose.ui.test.onNodeWithText
import androidx.compose.ui.test.performClick
import androidx.compose.ui.test.performScrollTo
import androidx.compose.ui.test.performTextInput
import app.ruhu.presentation.householdform.FormFields
import app.ruhu.presentation.householdform.HouseholdFormEvents
import app.ruhu.presentation.householdform.HouseholdFormState
import app.ruhu.ui.runScreen
import org.junit.Assert.assertEquals
import org.junit.Test
import uniffi.ruhu_core.MemberStatus

@OptIn(ExperimentalTestApi::class)
class HouseholdFormViewTest {
    private val previews = householdFormPreviewStates()

    /** A new form with one empty member and one empty supporter row. */
    private val blank = HouseholdFormState(
        "household/new/test",
        fields = FormFields.newMember(0) + mapOf(FormFields.MEMBER_COUNT to "1", FormFields.SUPPORTER_COUNT to "1"),
        places = previewPlaces,
        loading = false,
    )

    private fun show(state: HouseholdFormState, events: MutableList<HouseholdFormEvents>, onLocate: () -> Unit = {}, elder: Boolean = false, check: SkikoComposeUiTest.() -> Unit) =
        runScreen(elder, { HouseholdFormView(state, { events += it }, onLocate) }, check = check)

    private fun SkikoComposeUiTest.type(field: String, text: String, index: Int = 0) {
        onAllNodesWithContentDescription(field)[index].performScrollTo().performTextInput(text)
        waitForIdle()
    }

    private fun SkikoComposeUiTest.tap(text: String, index: Int = 0) {
        onAllNodesWithText(text)[index].performScrollTo().performClick()
        waitForIdle()
    }

    private fun SkikoComposeUiTest.seen(text: String) = onNodeWithText(text, substring = true).performScrollTo().assertIsDisplayed()

    @Test
    fun typing_the_address_sends_it_as_typed() {
        val events = mutableListOf<HouseholdFormEvents>()
        show(blank, events) { type("详细地址（组、门牌号）", "5 组") }
        assertEquals(HouseholdFormEvents.FieldChanged(FormFields.ADDRESS, "5 组"), events.first())
    }

    @Test
    fun typing_a_members_id_number_sends_it_under_the_members_key() {
        val events = mutableListOf<HouseholdFormEvents>()
        show(blank, events) { type("身份证号码", "3705") }
        assertEquals(HouseholdFormEvents.FieldChanged("members.0.id_number", "3705"), events.first())
    }

    @Test
    fun typing_a_supporters_income_sends_it_under_the_supporters_key() {
        val events = mutableListOf<HouseholdFormEvents>()
        show(blank, events) { type("年收入（元）", "36000") }
        assertEquals(HouseholdFormEvents.FieldChanged("supporters.0.annual_income", "36000"), events.first())
    }

    @Test
    fun typing_an_income_source_sends_its_economics_key() {
        val events = mutableListOf<HouseholdFormEvents>()
        show(blank, events, elder = true) { type("工资性收入", "1200.50") }
        assertEquals(HouseholdFormEvents.FieldChanged("economics.wage", "1200.50"), events.first())
    }

    @Test
    fun every_economics_source_of_the_form_has_its_field() {
        assertEquals(FormFields.ECONOMICS, economicsKeysShown)
    }

    @Test
    fun choosing_a_place_sends_village_and_grid() {
        val events = mutableListOf<HouseholdFormEvents>()
        show(blank, events) { tap("河西村 · 网格 G-07") }
        assertEquals(listOf<HouseholdFormEvents>(HouseholdFormEvents.PlaceChosen("370599101202", "G-07")), events)
    }

    @Test
    fun the_gps_button_asks_the_app_for_a_fix() {
        var asked = 0
        show(blank, mutableListOf(), onLocate = { asked++ }) { tap("用 GPS 定位") }
        assertEquals(1, asked)
    }

    @Test
    fun a_fix_is_shown_in_words_with_its_accuracy() {
        show(previews.getValue("normal"), mutableListOf()) { seen("已定位：36.10000，117.20000（误差约 8 米）") }
    }

    @Test
    fun switching_a_category_on_sends_one_and_off_sends_empty() {
        val events = mutableListOf<HouseholdFormEvents>()
        show(previews.getValue("normal"), events) {
            tap("特困")
            tap("低保")
        }
        assertEquals(
            listOf<HouseholdFormEvents>(HouseholdFormEvents.FieldChanged("categories.tekun", "1"), HouseholdFormEvents.FieldChanged("categories.dibao", "")),
            events,
        )
    }

    @Test
    fun a_long_choice_opens_and_sends_the_option_chosen() {
        val events = mutableListOf<HouseholdFormEvents>()
        show(blank, events) {
            tap("与户主关系：未选")
            tap("配偶")
        }
        assertEquals(listOf<HouseholdFormEvents>(HouseholdFormEvents.FieldChanged("members.0.relation", "SPOUSE")), events)
    }

    @Test
    fun sex_is_chosen_in_one_tap() {
        val events = mutableListOf<HouseholdFormEvents>()
        show(blank, events) { tap("女") }
        assertEquals(listOf<HouseholdFormEvents>(HouseholdFormEvents.FieldChanged("members.0.sex", "FEMALE")), events)
    }

    @Test
    fun marking_a_member_moved_out_sends_the_status_event() {
        val events = mutableListOf<HouseholdFormEvents>()
        show(previews.getValue("normal"), events) { tap("已迁出", index = 1) }
        assertEquals(listOf<HouseholdFormEvents>(HouseholdFormEvents.MemberStatusChanged(1, MemberStatus.MOVED_OUT)), events)
    }

    @Test
    fun a_member_who_moved_out_is_titled_so() {
        show(previews.getValue("long"), mutableListOf()) {
            seen("【已迁出】成员 3：王小军")
            seen("【已死亡】成员 6：李秀英")
        }
    }

    @Test
    fun add_member_add_supporter_and_save_send_their_events() {
        val events = mutableListOf<HouseholdFormEvents>()
        show(blank, events, elder = true) {
            tap("添加成员")
            tap("添加赡养人")
            tap("保存")
        }
        assertEquals(listOf(HouseholdFormEvents.AddMember, HouseholdFormEvents.AddSupporter, HouseholdFormEvents.Save), events)
    }

    @Test
    fun save_cannot_be_tapped_again_while_saving() {
        show(previews.getValue("saving"), mutableListOf()) {
            onNodeWithText("正在保存…").performScrollTo().assertIsNotEnabled()
        }
    }

    @Test
    fun a_valid_id_number_shows_what_the_core_read_from_it() {
        show(previews.getValue("normal"), mutableListOf()) { seen("✓ 号码有效：1958-03-02 出生，男") }
    }

    @Test
    fun a_wrong_id_number_shows_the_cores_reason() {
        show(previews.getValue("problem"), mutableListOf()) { seen("⚠ 身份证号码最后一位不对，请核对") }
    }

    @Test
    fun field_problems_are_counted_and_shown_at_their_fields() {
        show(previews.getValue("problem"), mutableListOf()) {
            seen("有 2 处需要改")
            seen("⚠ 电话号码应为 11 位手机号或带区号的座机")
            seen("⚠ 请填写金额，如 1200 或 1200.50")
        }
    }

    @Test
    fun the_per_capita_income_is_shown_against_the_line_once_saved() {
        show(previews.getValue("normal"), mutableListOf()) {
            seen("人均月收入 500 元")
            seen("▼ 低于本县低保标准（每人每月 760 元）")
        }
    }

    @Test
    fun a_new_household_says_the_figure_comes_after_saving() {
        show(blank, mutableListOf()) { seen("填写成员和收入后，这里显示人均月收入") }
    }

    @Test
    fun while_the_draft_is_read_it_says_so() {
        show(HouseholdFormState("household/new/test"), mutableListOf()) { seen("正在读取草稿…") }
    }
}
