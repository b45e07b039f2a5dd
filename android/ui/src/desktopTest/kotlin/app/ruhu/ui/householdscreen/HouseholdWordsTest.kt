// The household words that are worked out rather than looked up: 分 as 元, the 低保 line at its
// boundary (equal is not below), and a member's health from its parts.
package app.ruhu.ui.householdscreen

import app.ruhu.ui.composed
import org.junit.Assert.assertEquals
import org.junit.Test
import uniffi.ruhu_core.DisabilityKind
import uniffi.ruhu_core.Relation
import uniffi.ruhu_core.Sex

class HouseholdWordsTest {
    @Test
    fun fen_are_read_as_yuan_without_trailing_zeros() {
        assertEquals(listOf("1234.56", "500", "1200.5", "-30", "0"), listOf(123_456L, 50_000L, 120_050L, -3_000L, 0L).map(::yuan))
    }

    @Test
    fun the_cores_verdict_not_below_is_said_with_the_line() {
        assertEquals("不低于本县低保标准（每人每月 760 元）", composed { dibaoLineText(false, 76_000L) })
    }

    @Test
    fun the_cores_verdict_below_is_said_with_a_mark_not_colour_alone() {
        assertEquals("▼ 低于本县低保标准（每人每月 760 元）", composed { dibaoLineText(true, 76_000L) })
    }

    @Test
    fun no_verdict_or_no_line_says_the_line_is_unknown() {
        assertEquals(composed { dibaoLineText(null, 76_000L) }, composed { dibaoLineText(true, null) })
    }

    @Test
    fun health_lists_illness_disability_without_grade_and_the_note() {
        val m = previewMember("m", "测试", null, null, Relation.HEAD, Sex.MALE, "1950-01-01", 76, disability = DisabilityKind.VISUAL, chronic = true)
            .member.copy(majorIllness = true, healthNote = " 需要轮椅 ")
        assertEquals("重病、慢性病、视力残疾、需要轮椅", composed { healthText(m) })
    }

    @Test
    fun a_member_with_nothing_noted_is_healthy() {
        val m = previewMember("m", "测试", null, null, Relation.HEAD, Sex.MALE, "1990-01-01", 36).member
        assertEquals("健康", composed { healthText(m) })
    }
}
