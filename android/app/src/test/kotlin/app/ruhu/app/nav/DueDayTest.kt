// minutesUntilEndOf: a due day ends at midnight China time, whatever the phone's zone; past days
// count negative; text that is not a date has no clock.
package app.ruhu.app.nav

import org.junit.Assert.assertEquals
import org.junit.Assert.assertNull
import org.junit.Test
import java.time.Instant
import java.util.TimeZone

class DueDayTest {
    @Test
    fun aDueDayEndsAtMidnightChinaTime() {
        // 2026-12-07 22:30 in Beijing is 14:30 UTC: 90 minutes remain.
        assertEquals(90L, minutesUntilEndOf("2026-12-07", Instant.parse("2026-12-07T14:30:00Z")))
    }

    @Test
    fun thePhonesOwnZoneDoesNotMoveTheEndOfTheDay() {
        val saved = TimeZone.getDefault()
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"))
            assertEquals(90L, minutesUntilEndOf("2026-12-07", Instant.parse("2026-12-07T14:30:00Z")))
        } finally {
            TimeZone.setDefault(saved)
        }
    }

    @Test
    fun aDayAlreadyOverCountsNegative() {
        // Beijing 2026-12-08 00:35 is 35 minutes after 2026-12-07 ended.
        assertEquals(-35L, minutesUntilEndOf("2026-12-07", Instant.parse("2026-12-07T16:35:00Z")))
    }

    @Test
    fun textThatIsNotADateHasNoClock() {
        assertNull(minutesUntilEndOf("下周一", Instant.parse("2026-12-07T14:30:00Z")))
    }
}
