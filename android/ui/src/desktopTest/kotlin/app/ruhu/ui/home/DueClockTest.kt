// The words of a task's clock: time left, time overdue, and no clock.
package app.ruhu.ui.home

import app.ruhu.ui.composed
import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test

class DueClockTest {
    @Test
    fun time_left_is_said_in_hours_and_minutes() = assertEquals("还剩 1 小时 20 分", composed { dueClockText(80) })

    @Test
    fun overdue_time_is_said_as_overdue() = assertEquals("已超时 35 分", composed { dueClockText(-35) })

    @Test
    fun whole_days_drop_the_minutes() =
        assertEquals("还剩 2 天 3 小时", composed { dueClockText(2 * 24 * 60 + 3 * 60 + 10) })

    @Test
    fun whole_hours_drop_the_minutes() = assertEquals("还剩 5 小时", composed { dueClockText(5 * 60) })

    @Test
    fun a_task_without_a_clock_shows_none() = assertNull(composed { dueClockText(null) })

    @Test
    fun the_span_splits_days_hours_and_minutes() =
        assertEquals(ClockSpan(overdue = true, days = 1, hours = 2, minutes = 3), clockSpan(-(24 * 60 + 2 * 60 + 3L)))
}
