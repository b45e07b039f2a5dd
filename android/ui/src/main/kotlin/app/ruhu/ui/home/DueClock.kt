// A task's clock in words: how long is left, or how long it has been overdue.
package app.ruhu.ui.home

/**
 * The clock of a task as the worker reads it: "还剩 1 小时 20 分", "已超时 35 分", or null when
 * the task has no clock.
 */
fun dueClockText(minutesLeft: Long?): String? {
    if (minutesLeft == null) return null
    val span = durationText(kotlin.math.abs(minutesLeft))
    return if (minutesLeft < 0) "已超时 $span" else "还剩 $span"
}

private fun durationText(minutes: Long): String {
    val days = minutes / (24 * 60)
    val hours = (minutes % (24 * 60)) / 60
    val mins = minutes % 60
    return when {
        days > 0 -> if (hours > 0) "$days 天 $hours 小时" else "$days 天"
        hours > 0 -> if (mins > 0) "$hours 小时 $mins 分" else "$hours 小时"
        else -> "$mins 分"
    }
}
