// A task's clock in words: how long is left, or how long it has been overdue.
package app.ruhu.ui.home

import androidx.compose.runtime.Composable
import androidx.compose.ui.res.stringResource
import app.ruhu.ui.R

/** A clock's time split as the worker reads it: whole days and hours, or hours and minutes. */
data class ClockSpan(val overdue: Boolean, val days: Long, val hours: Long, val minutes: Long)

/** [minutesLeft] (negative when overdue) as a [ClockSpan], or null when the task has no clock. */
fun clockSpan(minutesLeft: Long?): ClockSpan? {
    if (minutesLeft == null) return null
    val m = kotlin.math.abs(minutesLeft)
    return ClockSpan(minutesLeft < 0, m / (24 * 60), (m % (24 * 60)) / 60, m % 60)
}

/**
 * The clock of a task as the worker reads it: "还剩 1 小时 20 分", "已超时 35 分", or null when
 * the task has no clock.
 */
@Composable
fun dueClockText(minutesLeft: Long?): String? {
    val span = clockSpan(minutesLeft) ?: return null
    val time = when {
        span.days > 0 && span.hours > 0 -> stringResource(R.string.span_days_hours, span.days, span.hours)
        span.days > 0 -> stringResource(R.string.span_days, span.days)
        span.hours > 0 && span.minutes > 0 -> stringResource(R.string.span_hours_minutes, span.hours, span.minutes)
        span.hours > 0 -> stringResource(R.string.span_hours, span.hours)
        else -> stringResource(R.string.span_minutes, span.minutes)
    }
    return stringResource(if (span.overdue) R.string.clock_overdue else R.string.clock_left, time)
}
