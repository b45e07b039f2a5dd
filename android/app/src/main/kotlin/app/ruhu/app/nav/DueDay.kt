// How long until a visit's last day ends: the core gives due days as China dates (YYYY-MM-DD),
// and a day ends at midnight China time whatever zone the phone is set to. No Android imports
// (tested on the JVM by scripts/android-app-jvm-test.sh).
package app.ruhu.app.nav

import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.time.format.DateTimeParseException

/** China time. */
private val CHINA: ZoneId = ZoneId.of("Asia/Shanghai")

/**
 * Minutes from [now] to the end of the China day [day] (YYYY-MM-DD): negative once the day is
 * over; null when [day] is not a date.
 */
fun minutesUntilEndOf(day: String, now: Instant): Long? = try {
    val end = LocalDate.parse(day).plusDays(1).atStartOfDay(CHINA).toInstant()
    Duration.between(now, end).toMinutes()
} catch (e: DateTimeParseException) {
    null
}
